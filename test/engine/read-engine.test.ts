// readEngine against recorded daemon answers served from a unix socket: the seam for daemon
// versions (and failures) we cannot produce with the daemon on this machine.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createNetServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Docker from 'dockerode'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { declaredFromInspect } from '../../main/engine/declared'
import { readEngine } from '../../main/engine/read-engine'

const FIXTURES = join(__dirname, '../fixtures/engine')
const scratch = mkdtempSync(join(tmpdir(), 'glasshouse-read-engine-'))
let socketCount = 0
const servers: Server[] = []

afterEach(async () => {
  await Promise.all(servers.splice(0).map(closeServer))
})
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

function fixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T
}

type Reply = { status?: number; body: unknown } | 'hang'
type Route = (path: string, req: IncomingMessage) => Reply | Promise<Reply>

/** A fake daemon on a fresh unix socket; routes see the path without query and API-version prefix. */
async function serve(route: Route): Promise<string> {
  const socketPath = join(scratch, `d${socketCount++}.sock`)
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!.replace(/^\/v1\.\d+/, '')
    void Promise.resolve(route(path, req)).then((reply) => {
      if (reply === 'hang') return
      res.writeHead(reply.status ?? 200, { 'Content-Type': 'application/json' })
      res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body))
    })
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(socketPath, resolve))
  return socketPath
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections()
  return new Promise((resolve) => server.close(() => resolve()))
}

/** Routes /info, /version, /containers/json and /containers/<id>/json from fixture files. */
function daemon(files: { info: string; version: string; list: string; inspects: string[] }, override?: Route): Route {
  const byId = new Map<string, unknown>()
  for (const file of files.inspects) {
    const body = fixture<{ Id: string }>(file)
    byId.set(body.Id, body)
  }
  const notFound = fixture('error-no-such-container.json')
  return async (path, req) => {
    const special = override ? await override(path, req) : undefined
    if (special) return special
    if (path === '/info') return { body: fixture(files.info) }
    if (path === '/version') return { body: fixture(files.version) }
    if (path === '/containers/json') return { body: fixture(files.list) }
    const id = /^\/containers\/([^/]+)\/json$/.exec(path)?.[1]
    const body = id ? byId.get(id) : undefined
    return body ? { body } : { status: 404, body: notFound }
  }
}

const RECORDED = {
  info: 'info.json',
  version: 'version.json',
  list: 'containers-list.json',
  inspects: [
    'default', 'cap-drop-all-user', 'cap-add-lowercase', 'seccomp-unconfined', 'seccomp-unconfined-colon',
    'seccomp-custom', 'no-new-privileges', 'no-new-privileges-false', 'resources', 'cpu-quota', 'pid-host',
    'ipc-shareable', 'shared-ns', 'read-only', 'mounts', 'exited', 'created', 'privileged-created'
  ].map((s) => `inspect-${s}.json`)
}

describe('readEngine on recorded Docker 20.10 answers', () => {
  it('reports the engine and every listed container, in list order', async () => {
    const socketPath = await serve(daemon(RECORDED))
    const report = await readEngine(new Docker({ socketPath }), `unix://${socketPath}`)

    expect(report.state).toEqual({
      reachable: true,
      version: '20.10.24+dfsg1',
      apiVersion: '1.41',
      cgroupDriver: 'cgroupfs',
      cgroupVersion: '1',
      securityOptions: ['name=seccomp,profile=default'],
      endpoint: `unix://${socketPath}`
    })
    expect(report.problems).toEqual([])
    const listed = fixture<Array<{ Id: string }>>('containers-list.json')
    expect(report.containers.map((c) => c.id)).toEqual(listed.map((c) => c.Id))
    expect(report.containers).toHaveLength(18)
  })

  it('maps a running container: name without slash, host pid, labels, times, declared config', async () => {
    const socketPath = await serve(daemon(RECORDED))
    const report = await readEngine(new Docker({ socketPath }), 'x')
    const inspect = fixture<Docker.ContainerInspectInfo>('inspect-resources.json')
    expect(report.containers.find((c) => c.id === inspect.Id)).toEqual({
      id: '9707d8f5282127ebfff0491798293ed873f509e7618994cfe628a0033830889e',
      name: 'gh-fx-resources-9692',
      image: 'glasshouse-test:fixture',
      state: 'running',
      pid: 10278,
      declared: declaredFromInspect(inspect),
      labels: { 'glasshouse.test': 'fixture', 'glasshouse.fixture-run': 'rec-9692-1795883438' },
      createdAt: inspect.Created,
      startedAt: '2026-11-28T16:30:40.69253118Z',
      restartCount: 0,
      // Running: its ExitCode and FinishedAt describe no run of its own yet.
      exit: null,
      declaredExtra: {
        maskedPaths: inspect.HostConfig.MaskedPaths,
        readonlyPaths: inspect.HostConfig.ReadonlyPaths,
        envNames: (inspect.Config.Env ?? []).map((e) => e.split('=')[0]),
        imageRef: 'glasshouse-test:fixture',
        imageId: inspect.Image,
        propagation: {}
      },
      // The recorded daemon has no image routes: the container keeps its place, the image is a Problem.
      imageDetails: null,
      imageProblem: { field: 'imageDetails', reason: 'unavailable', message: expect.stringContaining('/images/43ac6f37fabd') }
    })
  })

  it('stopped containers have no pid; one that never started has no startedAt', async () => {
    const socketPath = await serve(daemon(RECORDED))
    const report = await readEngine(new Docker({ socketPath }), 'x')
    const exited = report.containers.find((c) => c.name === 'gh-fx-exited-9692')
    const created = report.containers.find((c) => c.name === 'gh-fx-created-9692')
    expect(exited).toMatchObject({ state: 'exited', pid: null, startedAt: '2026-11-28T16:30:42.851674152Z' })
    expect(created).toMatchObject({ state: 'created', pid: null, startedAt: null })
    // The post-mortem Docker keeps (recorded: `sh -c 'exit 3'`); a created container has none.
    expect(exited).toMatchObject({
      restartCount: 0,
      exit: { exitCode: 3, oomKilled: false, finishedAt: '2026-11-28T16:30:42.8510615Z', error: null }
    })
    expect(created).toMatchObject({ restartCount: 0, exit: null })
  })
})

describe('readEngine on hand-made Docker 29 answers', () => {
  it('reads the newer engine and its container', async () => {
    const socketPath = await serve(
      daemon({ info: 'info-docker29.json', version: 'version-docker29.json', list: 'containers-list-docker29.json', inspects: ['inspect-docker29-default.json'] })
    )
    const report = await readEngine(new Docker({ socketPath }), 'x')
    expect(report.state).toMatchObject({
      reachable: true,
      version: '29.0.0',
      apiVersion: '1.52',
      cgroupDriver: 'systemd',
      cgroupVersion: '2',
      securityOptions: ['name=apparmor', 'name=seccomp,profile=builtin', 'name=cgroupns']
    })
    expect(report.containers).toHaveLength(1)
    expect(report.containers[0]).toMatchObject({ name: 'docker29-default', pid: 4242, labels: { 'glasshouse.test': 'hand-made' } })
    expect(report.containers[0]?.declared).toMatchObject({ networkMode: 'bridge', cgroupnsMode: 'private' })
  })
})

describe('readEngine when containers change or fail', () => {
  const vanished = 'dead0000'.repeat(8)

  it('skips a container removed between list and inspect, with an exited Problem', async () => {
    const list = fixture<Array<{ Id: string }>>('containers-list.json').slice(0, 2)
    const gone = { ...list[0], Id: vanished, Names: ['/gone'] }
    const socketPath = await serve(
      daemon(RECORDED, (path) => (path === '/containers/json' ? { body: [list[0], gone, list[1]] } : undefined) as Reply)
    )
    const report = await readEngine(new Docker({ socketPath }), 'x')
    expect(report.state.reachable).toBe(true)
    expect(report.containers.map((c) => c.id)).toEqual([list[0]?.Id, list[1]?.Id])
    expect(report.problems).toEqual([{ field: 'container dead0000dead', reason: 'exited', message: 'removed before it could be inspected' }])
  })

  it('an inspect refused by an authorization plugin is a denied Problem', async () => {
    const socketPath = await serve(
      daemon(RECORDED, (path) =>
        (path.startsWith('/containers/') && path !== '/containers/json' ? { status: 403, body: { message: 'authorization denied by plugin' } } : undefined) as Reply
      )
    )
    const report = await readEngine(new Docker({ socketPath }), 'x')
    expect(report.containers).toEqual([])
    expect(report.problems).toHaveLength(18)
    expect(report.problems[0]).toEqual({
      field: expect.stringMatching(/^container [0-9a-f]{12}$/),
      reason: 'denied',
      message: expect.stringContaining('HTTP 403: authorization denied by plugin')
    })
  })

  it('inspects in parallel, at most 8 at a time', async () => {
    const template = fixture<Array<Record<string, unknown>>>('containers-list.json')[0]
    const ids = Array.from({ length: 30 }, (_, i) => i.toString(16).padStart(64, 'a'))
    const inspect = fixture<Record<string, unknown>>('inspect-default.json')
    let active = 0
    let peak = 0
    const socketPath = await serve(
      daemon(RECORDED, async (path) => {
        if (path === '/containers/json') return { body: ids.map((Id) => ({ ...template, Id })) }
        const id = /^\/containers\/([0-9a-f]{64})\/json$/.exec(path)?.[1]
        if (!id) return undefined as unknown as Reply
        active++
        peak = Math.max(peak, active)
        await new Promise((resolve) => setTimeout(resolve, 20))
        active--
        return { body: { ...inspect, Id: id } }
      })
    )
    const report = await readEngine(new Docker({ socketPath }), 'x')
    expect(report.containers.map((c) => c.id)).toEqual(ids)
    expect(peak).toBeGreaterThan(1)
    expect(peak).toBeLessThanOrEqual(8)
  })

  it('a hung inspect costs that container, not the report, once the deadline passes', async () => {
    const list = fixture<Array<{ Id: string }>>('containers-list.json')
    const hung = list[3]!.Id
    const socketPath = await serve(daemon(RECORDED, (path) => (path === `/containers/${hung}/json` ? 'hang' : undefined) as Reply))
    const report = await readEngine(new Docker({ socketPath }), 'x', { timeoutMs: 400 })
    expect(report.state.reachable).toBe(true)
    expect(report.containers).toHaveLength(17)
    expect(report.problems).toEqual([
      { field: `container ${hung.slice(0, 12)}`, reason: 'unavailable', message: expect.stringMatching(/no answer .* within 400 ms/) }
    ])
  })

  it('a failing /version leaves the engine reachable, with a Problem and the version from /info', async () => {
    const socketPath = await serve(daemon(RECORDED, (path) => (path === '/version' ? { status: 500, body: { message: 'boom' } } : undefined) as Reply))
    const report = await readEngine(new Docker({ socketPath }), 'x')
    expect(report.state).toMatchObject({ reachable: true, version: '20.10.24+dfsg1', apiVersion: '', cgroupDriver: 'cgroupfs' })
    expect(report.problems).toEqual([{ field: 'engine.apiVersion', reason: 'unavailable', message: 'GET /version answered HTTP 500: boom' }])
    expect(report.containers).toHaveLength(18)
  })

  it('answers of the wrong shape become malformed Problems, not crashes', async () => {
    const list = fixture<Array<{ Id: string }>>('containers-list.json').slice(0, 2)
    const odd = list[1]!.Id
    const socketPath = await serve(
      daemon(RECORDED, (path) =>
        (path === '/containers/json'
          ? { body: [list[0], { Names: ['/no-id'] }, list[1]] }
          : path === `/containers/${odd}/json`
            ? { body: 'not json' }
            : undefined) as Reply
      )
    )
    const report = await readEngine(new Docker({ socketPath }), 'x')
    expect(report.containers.map((c) => c.id)).toEqual([list[0]?.Id])
    expect(report.problems).toEqual([{ field: `container ${odd.slice(0, 12)}`, reason: 'malformed', message: 'inspect did not answer with a container' }])

    const objectList = await serve(daemon(RECORDED, (path) => (path === '/containers/json' ? { body: { Id: 'x' } } : undefined) as Reply))
    const second = await readEngine(new Docker({ socketPath: objectList }), 'x')
    expect(second.state.reachable).toBe(true)
    expect(second.problems).toEqual([{ field: 'containers', reason: 'malformed', message: 'GET /containers/json did not answer with a list' }])
  })

  it('a failing container list leaves the engine reachable with no containers and a Problem', async () => {
    const socketPath = await serve(daemon(RECORDED, (path) => (path === '/containers/json' ? { status: 500, body: { message: 'list broke' } } : undefined) as Reply))
    const report = await readEngine(new Docker({ socketPath }), 'x')
    expect(report.state.reachable).toBe(true)
    expect(report.containers).toEqual([])
    expect(report.problems).toEqual([{ field: 'containers', reason: 'unavailable', message: 'GET /containers/json answered HTTP 500: list broke' }])
  })
})

describe('readEngine when the daemon cannot be used', () => {
  it('missing socket → unreachable, ENOENT and the endpoint in the error', async () => {
    const socketPath = join(scratch, 'no-such.sock')
    const report = await readEngine(new Docker({ socketPath }), `unix://${socketPath}`)
    expect(report).toEqual({
      state: {
        reachable: false,
        endpoint: `unix://${socketPath}`,
        error: `cannot reach Docker at unix://${socketPath}: ENOENT (no socket there; is the Docker daemon running?)`
      },
      containers: [],
      problems: []
    })
  })

  it('a daemon that never answers → unreachable with a timeout message, within the timeout', async () => {
    const socketPath = await serve(() => 'hang')
    const started = performance.now()
    const report = await readEngine(new Docker({ socketPath }), 'unix:///hung.sock', { timeoutMs: 300 })
    const elapsed = performance.now() - started
    expect(report.state).toEqual({
      reachable: false,
      endpoint: 'unix:///hung.sock',
      error: 'cannot reach Docker at unix:///hung.sock: no answer to GET /info within 300 ms'
    })
    expect(elapsed).toBeGreaterThanOrEqual(290)
    expect(elapsed).toBeLessThan(1_000)
  })

  it('a stale socket left by a killed daemon → unreachable with ECONNREFUSED', async () => {
    const socketPath = join(scratch, 'stale.sock')
    const child = spawn(process.execPath, ['-e', "require('net').createServer().listen(process.argv[1], () => console.log('up'))", socketPath])
    await new Promise((resolve) => child.stdout.once('data', resolve))
    await new Promise((resolve) => {
      child.once('exit', resolve)
      child.kill('SIGKILL')
    })
    const report = await readEngine(new Docker({ socketPath }), `unix://${socketPath}`)
    expect(report.state).toEqual({
      reachable: false,
      endpoint: `unix://${socketPath}`,
      error: `cannot reach Docker at unix://${socketPath}: ECONNREFUSED (nothing accepts connections there; is the Docker daemon running?)`
    })
  })

  it('a daemon that drops the connection → ECONNRESET with the hint the event stream gives too', async () => {
    const socketPath = join(scratch, 'dropping.sock')
    const server = createNetServer((socket) => socket.once('data', () => socket.destroy()))
    await new Promise<void>((resolve) => server.listen(socketPath, resolve))
    try {
      const report = await readEngine(new Docker({ socketPath }), `unix://${socketPath}`)
      expect(report.state).toMatchObject({
        reachable: false,
        error: `cannot reach Docker at unix://${socketPath}: ECONNRESET (connection dropped; is the Docker daemon stopping?)`
      })
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('a path that is not a socket → unreachable, not a crash', async () => {
    const report = await readEngine(new Docker({ socketPath: join(FIXTURES, 'info.json') }), 'unix:///file')
    expect(report.state).toMatchObject({ reachable: false, error: expect.stringContaining('ECONNREFUSED') })
  })

  it('HTTP error on /info → unreachable with the status and the daemon message', async () => {
    const socketPath = await serve(() => ({ status: 500, body: { message: 'daemon on fire' } }))
    const report = await readEngine(new Docker({ socketPath }), 'unix:///e.sock')
    expect(report.state).toEqual({
      reachable: false,
      endpoint: 'unix:///e.sock',
      error: 'cannot reach Docker at unix:///e.sock: GET /info answered HTTP 500: daemon on fire'
    })
  })

  it('an HTTP server that is not Docker (404, empty body) → unreachable, the status without noise', async () => {
    const socketPath = await serve(() => ({ status: 404, body: '' }))
    const report = await readEngine(new Docker({ socketPath }), 'unix:///proxy.sock')
    expect(report.state).toMatchObject({ reachable: false, error: 'cannot reach Docker at unix:///proxy.sock: GET /info answered HTTP 404' })
  })

  it('something that is not a Docker daemon → unreachable', async () => {
    const socketPath = await serve(() => ({ body: '<html>hello</html>' }))
    const report = await readEngine(new Docker({ socketPath }), 'unix:///web.sock')
    expect(report.state).toMatchObject({
      reachable: false,
      error: 'cannot reach Docker at unix:///web.sock: GET /info did not answer with a JSON object (is this a Docker daemon?)'
    })
  })
})
