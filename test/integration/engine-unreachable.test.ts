// With no daemon to ask, the snapshot is still the kernel's view of the host: containers are
// found by their cgroups, and the engine's absence is a state, not an error.
import { execFile } from 'node:child_process'
import { createServer, type Server } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI, assertBuilt, glasshouse, snapshotJson } from './support/cli'
import { inspect, removeContainers, runContainer } from './support/docker'

const started: string[] = []
let id: string
let pid: number

beforeAll(() => {
  id = runContainer(`gh-unreachable-${process.pid}`, ['--memory', '32m'])
  started.push(id)
  pid = inspect(id).State.Pid
})
afterAll(() => removeContainers(started))

/** The built command with this DOCKER_HOST (started through `wrapper`, if given): its exit code and output. */
function glasshouseWithHost(
  args: string[],
  dockerHost: string,
  wrapper: string[] = []
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  assertBuilt()
  const [file, ...rest] = [...wrapper, process.execPath, CLI, ...args] as [string, ...string[]]
  return new Promise((resolve) => {
    execFile(file, rest, { env: { ...process.env, DOCKER_HOST: dockerHost }, timeout: 20_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr })
    )
  })
}

async function closedPort(): Promise<number> {
  const server: Server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((r) => server.close(() => r()))
  return port
}

describe('engine unreachable', () => {
  it('a missing socket: reachable false with the reason, containers still found by cgroup', async () => {
    const socket = `/tmp/glasshouse-no-such-${process.pid}.sock`
    const snapshot = await snapshotJson([], { ...process.env, DOCKER_HOST: `unix://${socket}` })
    expect(snapshot.engine.reachable).toBe(false)
    if (snapshot.engine.reachable) return
    expect(snapshot.engine.error).toContain('ENOENT')
    expect(snapshot.engine.error).toContain(socket)
    const c = snapshot.containers.find((x) => x.id === id)
    expect(c).toBeDefined()
    expect(c?.source).toBe('cgroup')
    expect(c?.declared).toBeNull()
    expect(c?.processes).toContain(pid)
    expect(c?.limits?.memoryBytes).toBe(32 * 1024 * 1024)
    expect(snapshot.processes.find((p) => p.pid === pid)?.containerId).toBe(id)
  })

  it('a refused TCP connection says ECONNREFUSED', async () => {
    const port = await closedPort()
    const snapshot = await snapshotJson([], { ...process.env, DOCKER_HOST: `tcp://127.0.0.1:${port}` })
    expect(snapshot.engine.reachable).toBe(false)
    if (!snapshot.engine.reachable) expect(snapshot.engine.error).toContain('ECONNREFUSED')
  })

  it('ssh:// loads the ssh client on demand (it is left out of the bundle until needed)', async () => {
    const port = await closedPort()
    const snapshot = await snapshotJson([], { ...process.env, DOCKER_HOST: `ssh://glasshouse@127.0.0.1:${port}` })
    expect(snapshot.engine.reachable).toBe(false)
    if (!snapshot.engine.reachable) {
      expect(snapshot.engine.error).toContain('ECONNREFUSED')
      expect(snapshot.engine.error).not.toContain('Cannot find module')
    }
  })

  it('the text summary says the daemon is unreachable and still lists the container', async () => {
    const { stdout } = await glasshouse(['snapshot'], { ...process.env, DOCKER_HOST: 'unix:///tmp/glasshouse-none.sock' })
    expect(stdout).toContain('Docker unreachable')
    expect(stdout).toContain(id.slice(0, 12))
    expect(stdout).toContain(`host ${pid} → 1`)
  })

  it('--no-engine does not ask the daemon', async () => {
    const snapshot = await snapshotJson(['--no-engine'])
    expect(snapshot.engine.reachable).toBe(false)
    expect(snapshot.containers.find((x) => x.id === id)?.source).toBe('cgroup')
  })
})

describe('a DOCKER_HOST that cannot be used', () => {
  const noScheme = (value: string): string =>
    `glasshouse: DOCKER_HOST=${value} has no scheme; write unix:///path/to/docker.sock, tcp://host:port or ssh://[user@]host[:port]\n`

  // A bare word the CLI would send to tcp://<word>:2375; `localhost`, so that even a regression stays on loopback.
  it.each([['snapshot'], ['snapshot', '--json'], ['watch', '--json', '--count', '1'], ['serve']])(
    'glasshouse %s with DOCKER_HOST=localhost (no scheme): one line, exit 2',
    async (...args) => {
      expect(await glasshouseWithHost(args, 'localhost')).toEqual({ code: 2, stdout: '', stderr: noScheme('localhost') })
    }
  )

  it('DOCKER_HOST=garbage: one line, exit 2, nothing looked up (run without a network, so a lookup could not leave)', async () => {
    const result = await glasshouseWithHost(['snapshot'], 'garbage', ['unshare', '--net'])
    expect(result).toEqual({ code: 2, stdout: '', stderr: noScheme('garbage') })
  })

  it('ssh:// with a port that is not a number: one line, exit 2, no DEP0170 warning from Node', async () => {
    // Loopback only, and refused before any connection is tried.
    const result = await glasshouseWithHost(['snapshot'], 'ssh://glasshouse@127.0.0.1:port')
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'glasshouse: DOCKER_HOST=ssh://glasshouse@127.0.0.1:port is not an SSH address (expected ssh://[user@]host[:port], the port a number)\n'
    })
  })
})
