// `glasshouse snapshot --probe …` through the built command line, as root and as an unprivileged
// user who may use the daemon's socket (a user made for this test, in the socket's group): through
// the helper every namespace of a container is readable; read locally, none is. Each run says how
// the kernel was read, and leaves no helper behind (checked by the owner label: the command's pid).
import { execFile, execFileSync } from 'node:child_process'
import { release } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HostSnapshot } from '../../shared/model'
import { CLI, assertBuilt } from './support/cli'
import { createSocketUser, type SocketUser } from './support/socket-user'
import { inspect, removeContainers, runContainer } from './support/docker'
import { assertHelperBuilt, helpersOwnedBy } from './support/helpers-left'

type Snapshot = HostSnapshot & { kernelReadBy: { source: string; reason: string } }
interface Run {
  stdout: string
  stderr: string
  code: number
  pid: number
}

const started: string[] = []
const pids: number[] = []
let user: SocketUser | null = null
let containerPid = 0

/** Runs the built CLI (as `asUser` when given) and remembers its pid for the leftover check. */
function cli(args: string[], options: { asUser?: boolean; input?: string } = {}): Promise<Run> {
  // As the user: its own environment (its home, no root's docker config).
  const { file, args: argv, env } = options.asUser ? user!.command([process.execPath, CLI, ...args]) : { file: process.execPath, args: [CLI, ...args], env: process.env }
  return new Promise((resolve) => {
    const child = execFile(file, argv, { env, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ stdout, stderr, code: error ? ((error as { code?: number }).code ?? 1) : 0, pid: child.pid ?? 0 })
    })
    if (child.pid) pids.push(child.pid)
  })
}

async function snapshotOf(args: string[], asUser = false): Promise<Snapshot> {
  const run = await cli(['snapshot', '--json', ...args], { asUser })
  if (run.code !== 0) throw new Error(`snapshot ${args.join(' ')} exited ${run.code}: ${run.stderr}`)
  return JSON.parse(run.stdout) as Snapshot
}

function namespacesOfInit(snapshot: Snapshot): Array<number | null> {
  return Object.values(snapshot.processes.find((p) => p.pid === containerPid)?.namespaces ?? {})
}

beforeAll(() => {
  assertBuilt()
  assertHelperBuilt()
  user = createSocketUser(`ghhelp${process.pid}`)
  started.push(runContainer(`gh-helper-cli-${process.pid}`, []))
  containerPid = inspect(started[0]!).State.Pid
})

afterAll(() => {
  removeContainers(started)
  user?.remove()
})

describe('snapshot --probe as an unprivileged user in the socket group', () => {
  it('helper: every namespace of the container is readable, and the snapshot says a helper read it', async () => {
    const snapshot = await snapshotOf(['--probe', 'helper'], true)
    expect(namespacesOfInit(snapshot)).toHaveLength(8)
    expect(namespacesOfInit(snapshot).every((inode) => typeof inode === 'number')).toBe(true)
    expect(snapshot.kernelReadBy.source).toBe('helper')
  })

  it('local: none of them is', async () => {
    const snapshot = await snapshotOf(['--probe', 'local'], true)
    expect(snapshot.host.probeUid).toBe(user!.uid)
    expect(namespacesOfInit(snapshot)).toEqual([null, null, null, null, null, null, null, null])
    expect(snapshot.kernelReadBy.source).toBe('in-process')
  })

  it('auto: takes the helper, because the user is not root', async () => {
    const snapshot = await snapshotOf([], true)
    expect(snapshot.kernelReadBy).toEqual({ source: 'helper', reason: `this process runs as uid ${user!.uid}, not root`, place: `this host, kernel ${release()}` })
    expect(namespacesOfInit(snapshot).every((inode) => typeof inode === 'number')).toBe(true)
  })
})

describe('snapshot --probe as root', () => {
  it('auto: reads in-process, and the summary says so', async () => {
    const run = await cli(['snapshot'])
    expect(run.stdout.split('\n')[2]).toBe('kernel: read in-process by this process (root on the kernel that runs the containers)')
  })

  it('helper: the summary says a helper container read the kernel', async () => {
    const run = await cli(['snapshot', '--probe', 'helper'])
    expect(run.code).toBe(0)
    expect(run.stdout.split('\n')[2]).toBe(`kernel: this host, kernel ${release()}, read by a helper container (--probe helper)`)
  })

  it('refuses an unknown probe, and a helper without the engine', async () => {
    const bogus = await cli(['snapshot', '--probe', 'remote'])
    expect(bogus.code).toBe(2)
    expect(bogus.stderr).toMatch(/--probe must be one of auto, local, helper/)
    const noEngine = await cli(['snapshot', '--probe', 'helper', '--no-engine'])
    expect(noEngine.code).toBe(1)
    expect(noEngine.stderr).toMatch(/needs the Docker daemon/)
  })

  it('--print-helper-command prints a docker run command that runs the same helper', async () => {
    const printed = await cli(['snapshot', '--print-helper-command'])
    expect(printed.stdout).toMatch(/--pid host --uts host --network none --read-only --cap-drop ALL/)
    const request = JSON.stringify({ op: 'report', id: 7, request: { containers: [{ id: started[0], pid: containerPid }] } })
    const answer = execFileSync('sh', ['-c', printed.stdout], { input: request + '\n', encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
    const [ready, report] = answer.trim().split('\n').map((line) => JSON.parse(line) as { type: string; id?: number; report?: { processes: Array<{ pid: number; namespaces: object }> } })
    expect(ready?.type).toBe('ready')
    expect(report).toMatchObject({ type: 'report', id: 7 })
    const init = report?.report?.processes.find((p) => p.pid === containerPid)
    expect(Object.values(init?.namespaces ?? {}).every((inode) => typeof inode === 'number')).toBe(true)
  })
})

describe('after every run', () => {
  it('no helper container of these commands is left', async () => {
    // Every command above, the one whose printed docker run ran with --rm included (its labels name it).
    expect(pids.length).toBeGreaterThanOrEqual(8)
    expect(await helpersOwnedBy(...pids)).toEqual([])
  })
})
