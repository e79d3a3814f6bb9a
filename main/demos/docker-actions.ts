// The Docker API calls behind the demo actions other than `run`, each answering with what the
// docker CLI would print and its exit code.
import type Docker from 'dockerode'
import { PassThrough } from 'node:stream'

const EXEC_TIMEOUT_MS = 30_000
const WAIT_TIMEOUT_MS = 60_000

export interface Outcome {
  exitCode: number | null
  output: string
}

/** `docker exec`: stdout and stderr interleaved as they came, and the exit code. */
export async function execIn(docker: Docker, container: string, command: string[]): Promise<Outcome> {
  const exec = await docker.getContainer(container).exec({ Cmd: command, AttachStdout: true, AttachStderr: true })
  const stream = await exec.start({ hijack: true, stdin: false })
  const sink = new PassThrough()
  const chunks: Buffer[] = []
  sink.on('data', (chunk: Buffer) => chunks.push(chunk))
  docker.modem.demuxStream(stream, sink, sink)
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      stream.destroy()
      reject(new Error(`docker exec ${command.join(' ')} did not finish within ${EXEC_TIMEOUT_MS / 1000} s`))
    }, EXEC_TIMEOUT_MS)
    stream.on('end', () => {
      clearTimeout(timer)
      resolve()
    })
    stream.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
  })
  const { ExitCode } = await exec.inspect()
  return { exitCode: ExitCode ?? null, output: Buffer.concat(chunks).toString('utf8') }
}

/** `docker wait`: the exit code, once the container has stopped. */
export async function waitFor(docker: Docker, container: string): Promise<Outcome> {
  const result = (await docker.getContainer(container).wait({ abortSignal: AbortSignal.timeout(WAIT_TIMEOUT_MS) } as never)) as unknown as { StatusCode: number }
  return { exitCode: 0, output: `${result.StatusCode}\n` }
}

const DIFF_KIND = ['C', 'A', 'D']

/** `docker diff`: one line per path the container changed. */
export async function diffOf(docker: Docker, container: string): Promise<Outcome> {
  const changes = ((await docker.getContainer(container).changes()) ?? []) as Array<{ Kind: number; Path: string }>
  return { exitCode: 0, output: changes.map((c) => `${DIFF_KIND[c.Kind] ?? '?'} ${c.Path}\n`).join('') }
}

/** `docker commit` with labels: the new image's id. */
export async function commit(docker: Docker, container: string, image: string, labels: Record<string, string>): Promise<Outcome> {
  const [repo, tag] = image.split(':') as [string, string]
  const changes = Object.entries(labels).map(([k, v]) => `LABEL ${k}=${v}`)
  const result = (await docker.getContainer(container).commit({ _query: { container, repo, tag, changes } } as never)) as unknown as { Id?: string }
  return { exitCode: 0, output: `${result.Id ?? ''}\n` }
}

/** `docker history`: one line per layer, newest first. */
export async function historyOf(docker: Docker, image: string): Promise<Outcome> {
  const layers = (await docker.getImage(image).history()) as Array<{ Id: string; CreatedBy: string; Size: number }>
  const rows = layers.map((l) => `${shortId(l.Id).padEnd(14)}${humanSize(l.Size).padStart(8)}  ${l.CreatedBy || '(imported)'}`)
  return { exitCode: 0, output: `${'IMAGE'.padEnd(14)}${'SIZE'.padStart(8)}  CREATED BY\n${rows.join('\n')}\n` }
}

/** `docker info --format {{.SecurityOptions}}`. */
export async function securityOptions(docker: Docker): Promise<Outcome> {
  const info = (await docker.info()) as { SecurityOptions?: string[] }
  return { exitCode: 0, output: `[${(info.SecurityOptions ?? []).join(' ')}]\n` }
}

function shortId(id: string): string {
  return id.startsWith('sha256:') ? id.slice(7, 19) : id
}

function humanSize(bytes: number): string {
  if (bytes < 1000) return `${bytes}B`
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)}kB`
  return `${(bytes / 1e6).toFixed(2)}MB`
}
