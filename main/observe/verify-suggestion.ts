// Checks a suggestion by running the container's command again, in a new container with the suggested
// capabilities and seccomp profile: same image, command, entrypoint, environment, user, working directory,
// network mode and mounts (shared with the original: the copy sees, and may write, the same volumes). "Behaves the same" means: when the original has exited, the same exit code; when it
// still runs (a service), the copy still runs at the end of the window. The copy carries a label and is
// removed afterwards, whatever happens.
import type Docker from 'dockerode'
import { hostname } from 'node:os'
import type { SeccompProfile } from '../../shared/observe/suggestion'
import type { Verification } from '../../shared/observe/verification'
import { processStartTime } from '../kernel/helper-owner'

export type { Verification }

export const VERIFY_LABEL = 'glasshouse.observe.verify'
const OWNER_LABEL = 'glasshouse.observe.owner'

export interface VerifyOptions {
  docker: Docker
  /** The observed container (name or id). */
  container: string
  capAdd: readonly string[]
  profile: SeccompProfile
  /** How long a service must stay up; also the longest wait for a command to end. */
  seconds: number
  /** Extra labels (tests mark their containers). */
  labels?: Record<string, string>
  signal?: AbortSignal
}


/** host/pid/start of this process: a copy whose owner is gone was left by a killed run. */
function ownerValue(pid = process.pid): string {
  return `${hostname()}/${pid}/${processStartTime(pid) ?? ''}`
}

/** Removes copies left by runs killed while verifying (their owner no longer runs on this host); returns their ids. */
export async function removeOrphanCopies(docker: Docker): Promise<string[]> {
  const copies = await docker.listContainers({ all: true, filters: { label: [`${VERIFY_LABEL}=1`] } })
  const orphans = copies.filter((c) => {
    const [host, pid, start] = (c.Labels[OWNER_LABEL] ?? '').split('/')
    if (host !== hostname()) return false
    return !/^\d+$/.test(pid ?? '') || processStartTime(Number(pid)) !== start
  })
  await Promise.all(orphans.map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)))
  return orphans.map((c) => c.Id)
}

export async function verifySuggestion(options: VerifyOptions): Promise<Verification> {
  const { docker } = options
  await removeOrphanCopies(docker)
  const original = await docker.getContainer(options.container).inspect()
  const expectedExitCode = original.State.Running ? null : original.State.ExitCode
  const config = original.Config
  const created = await docker.createContainer({
    Image: config.Image,
    Cmd: config.Cmd ?? undefined,
    Entrypoint: config.Entrypoint ?? undefined,
    Env: config.Env ?? undefined,
    User: config.User || undefined,
    WorkingDir: config.WorkingDir || undefined,
    Labels: {
      [VERIFY_LABEL]: '1',
      'glasshouse.observe.of': original.Id,
      [OWNER_LABEL]: ownerValue(),
      ...options.labels
    },
    HostConfig: {
      CapDrop: ['ALL'],
      CapAdd: [...options.capAdd],
      SecurityOpt: [`seccomp=${JSON.stringify(options.profile)}`],
      NetworkMode: original.HostConfig.NetworkMode?.startsWith('container:') ? 'none' : original.HostConfig.NetworkMode,
      // The same files: a command often needs its volumes to run at all. The copy shares them with the original.
      Binds: original.HostConfig.Binds ?? undefined,
      Mounts: original.HostConfig.Mounts ?? undefined,
      Tmpfs: original.HostConfig.Tmpfs ?? undefined,
      ReadonlyRootfs: original.HostConfig.ReadonlyRootfs ?? undefined
    }
  })
  try {
    let exitCode: number | null = null
    try {
      await created.start()
      exitCode = await waitExit(created, options.seconds, options.signal)
    } catch (error) {
      // The runtime refused to start it (e.g. a profile too small for runc itself): a failure to report.
      return result(false, expectedExitCode, null, options, `the copy did not start: ${(error as Error).message}`, '')
    }
    const logTail = await tail(created)
    if (expectedExitCode === null) {
      const ok = exitCode === null
      return result(ok, null, exitCode, options, ok ? `the copy stayed up for ${options.seconds} s, like the original` : `the copy exited with ${exitCode} while the original still runs`, logTail)
    }
    if (exitCode === null) return result(false, expectedExitCode, null, options, `the copy was still running after ${options.seconds} s; the original exited with ${expectedExitCode}`, logTail)
    const ok = exitCode === expectedExitCode
    return result(ok, expectedExitCode, exitCode, options, ok ? `the copy exited with ${exitCode}, like the original` : `the copy exited with ${exitCode}, the original with ${expectedExitCode}`, logTail)
  } finally {
    await created.remove({ force: true }).catch(() => undefined)
  }
}

function result(ok: boolean, expectedExitCode: number | null, exitCode: number | null, options: VerifyOptions, summary: string, logTail: string): Verification {
  return { ok, expectedExitCode, exitCode, capAdd: [...options.capAdd], summary, logTail }
}

/** The exit code, or null when the container still runs after `seconds` (or the signal fired). */
async function waitExit(container: Docker.Container, seconds: number, signal: AbortSignal | undefined): Promise<number | null> {
  const deadline = Date.now() + seconds * 1000
  while (Date.now() < deadline && !signal?.aborted) {
    const state = (await container.inspect()).State
    if (!state.Running && state.Status !== 'created') return state.ExitCode
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  const state = (await container.inspect()).State
  return state.Running ? null : state.ExitCode
}

async function tail(container: Docker.Container): Promise<string> {
  try {
    const buffer = (await container.logs({ stdout: true, stderr: true, tail: 20 })) as unknown as Buffer
    // Multiplexed stream: 8-byte frame headers before each chunk.
    const parts: string[] = []
    for (let at = 0; at + 8 <= buffer.length; ) {
      const size = buffer.readUInt32BE(at + 4)
      parts.push(buffer.subarray(at + 8, at + 8 + size).toString('utf8'))
      at += 8 + size
    }
    return parts.join('').trimEnd()
  } catch {
    return ''
  }
}
