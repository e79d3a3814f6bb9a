// watchEngineEvents against a small fake daemon: a node:http server on a unix socket that streams
// recorded event lines, then ends the stream, stops listening, or comes back. This is the seam for
// "the daemon goes away", which the real daemon cannot do on demand in a unit test.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Docker from 'dockerode'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { createDockerClient } from '../../main/engine/docker-client'
import {
  EVENT_FILTERS,
  engineEventKind,
  refreshesStructure,
  watchEngineEvents,
  type EngineEventHandlers,
  type EngineEventWatch,
  type Timers,
  type WatchEngineEventsOptions
} from '../../main/engine/engine-events'
import type { DockerEvent } from '../../main/engine/event-lines'
import { ENGINE_EVENT_KINDS } from '../../shared/live'

const LINES = readFileSync(join(__dirname, '../fixtures/engine/events-lifecycle.ndjson'), 'utf8').split('\n').filter(Boolean)
const line = (i: number): string => LINES[i] as string
const scratch = mkdtempSync(join(tmpdir(), 'glasshouse-engine-events-'))
let socketCount = 0
/** Distinct from every backoff delay, so the recorded delays can tell the two apart. */
const CONNECT_TIMEOUT_MS = 4_321
const FAST: WatchEngineEventsOptions = { backoff: { initialMs: 20, maxMs: 80 }, connectTimeoutMs: CONNECT_TIMEOUT_MS }

type Mode = 'stream' | 'end-at-once' | 'hang' | { status: number; body: string }

class FakeDaemon {
  readonly socketPath = join(scratch, `d${socketCount++}.sock`)
  readonly urls: string[] = []
  /** GET /_ping requests answered. */
  pings = 0
  /** What the next GET /events gets. */
  mode: Mode = 'stream'
  private server: Server | null = null
  private streams: ServerResponse[] = []

  async up(): Promise<void> {
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const path = (req.url ?? '/').replace(/^\/v1\.\d+/, '')
      if (path === '/_ping') {
        this.pings++
        res.writeHead(200, { 'Content-Type': 'text/plain' }).end('OK')
        return
      }
      if (!path.startsWith('/events')) {
        res.writeHead(404).end('{"message":"page not found"}')
        return
      }
      this.urls.push(req.url ?? '')
      const mode = this.mode
      if (mode === 'hang') return
      if (typeof mode === 'object') {
        res.writeHead(mode.status, { 'Content-Type': 'application/json' }).end(mode.body)
        return
      }
      // As dockerd does: headers flushed at once, then chunked NDJSON for as long as it runs.
      res.writeHead(200, { 'Content-Type': 'application/json', 'Api-Version': '1.41' })
      res.flushHeaders()
      if (mode === 'end-at-once') res.end()
      else this.streams.push(res)
    })
    this.server = server
    await new Promise<void>((resolve) => server.listen(this.socketPath, resolve))
  }

  /** Writes to every open stream, as one chunk. */
  send(chunk: string | Buffer): void {
    for (const res of this.streams) res.write(chunk)
  }

  /** Ends the open streams cleanly (terminating chunk) but keeps listening. */
  endStreams(): void {
    for (const res of this.streams.splice(0)) res.end()
  }

  /** Stops listening and drops every connection mid-stream, like a daemon that exits. */
  async down(): Promise<void> {
    const server = this.server
    this.server = null
    this.streams = []
    if (!server) return
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

const daemons: FakeDaemon[] = []
const watches: EngineEventWatch[] = []

afterEach(async () => {
  await Promise.all(watches.splice(0).map((w) => w.stop()))
  await Promise.all(daemons.splice(0).map((d) => d.down()))
})
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

async function daemonUp(mode: Mode = 'stream'): Promise<FakeDaemon> {
  const daemon = new FakeDaemon()
  daemon.mode = mode
  daemons.push(daemon)
  await daemon.up()
  return daemon
}

interface Recorder extends EngineEventHandlers {
  events: DockerEvent[]
  states: Array<[string, string?]>
  resyncs: number
  badLines: string[]
}

function recorder(): Recorder {
  const r: Recorder = {
    events: [],
    states: [],
    resyncs: 0,
    badLines: [],
    onEvent: (e) => r.events.push(e),
    onState: (state, reason) => r.states.push(reason === undefined ? [state] : [state, reason]),
    onResync: () => r.resyncs++,
    onBadLine: (reason) => r.badLines.push(reason)
  }
  return r
}

function watch(daemon: FakeDaemon, handlers: EngineEventHandlers, options: WatchEngineEventsOptions = FAST, docker?: Docker): EngineEventWatch {
  const client = docker ?? createDockerClient({ DOCKER_HOST: `unix://${daemon.socketPath}` }).docker
  const w = watchEngineEvents(client, `unix://${daemon.socketPath}`, handlers, options)
  watches.push(w)
  return w
}

async function waitFor(what: string, predicate: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Real timers that remember the delays asked for and which timers are still pending. */
function recordingTimers(): Timers & { delays: number[]; pending: Set<unknown>; retryDelays(): number[] } {
  const delays: number[] = []
  const pending = new Set<unknown>()
  return {
    delays,
    pending,
    retryDelays: () => delays.filter((d) => d !== CONNECT_TIMEOUT_MS),
    setTimeout: (callback, ms) => {
      delays.push(ms)
      const handle = setTimeout(() => {
        pending.delete(handle)
        callback()
      }, ms)
      pending.add(handle)
      return handle
    },
    clearTimeout: (handle) => {
      pending.delete(handle)
      clearTimeout(handle as NodeJS.Timeout)
    }
  }
}

/** Open sockets, servers included. (Timers are counted through the injected Timers instead:
 * the test runner's own come and go.) */
function openSockets(): number {
  return process.getActiveResourcesInfo().filter((r) => r.startsWith('Pipe') || r.startsWith('TCP')).length
}

/** Taken once the previous test's sockets have finished closing. */
async function settledSockets(): Promise<number> {
  await delay(20)
  return openSockets()
}

async function expectSocketsBackTo(baseline: number): Promise<void> {
  // A destroyed socket is released on a later turn of the loop; a leak stays.
  const deadline = Date.now() + 200
  while (openSockets() > baseline && Date.now() < deadline) await new Promise((r) => setImmediate(r))
  expect(openSockets()).toBeLessThanOrEqual(baseline)
}

describe('watchEngineEvents: the stream', () => {
  it('asks for container and swarm object events only and reports connected once, without a resync', async () => {
    const daemon = await daemonUp()
    const r = recorder()
    watch(daemon, r)
    await waitFor('connected', () => r.states.length > 0)
    expect(r.states).toEqual([['connected']])
    expect(r.resyncs).toBe(0)
    expect(daemon.urls).toHaveLength(1)
    const query = new URL(daemon.urls[0] as string, 'http://x').searchParams
    expect(JSON.parse(query.get('filters') ?? 'null')).toEqual({ type: ['container', 'node', 'service', 'secret', 'config'] })
    expect(EVENT_FILTERS).toEqual({ type: ['container', 'node', 'service', 'secret', 'config'] })
  })

  it('delivers events whatever the chunking, and reports a bad line without stopping', async () => {
    const daemon = await daemonUp()
    const r = recorder()
    watch(daemon, r)
    await waitFor('connected', () => r.states.length > 0)
    // The exec_create line has "héllo": cut inside the é (two bytes) on purpose.
    const exec = Buffer.from(`${line(2)}\n`)
    const cut = exec.indexOf(Buffer.from('é')) + 1
    daemon.send(line(0).slice(0, 100))
    daemon.send(`${line(0).slice(100)}\n${line(1)}\nnot an event\n`)
    daemon.send(exec.subarray(0, cut))
    await delay(20)
    daemon.send(exec.subarray(cut))
    await waitFor('three events', () => r.events.length === 3)
    expect(r.events.map((e) => [e.action, e.detail])).toEqual([
      ['create', null],
      ['start', null],
      ['exec_create', 'sh -c echo héllo: world']
    ])
    expect(r.events[0]?.timeNano).toBe('1795885272121359404')
    expect(r.badLines).toEqual([expect.stringContaining('not JSON')])
    expect(r.states).toEqual([['connected']])
  })

  it('keeps a quiet stream open even when the given client has an idle timeout', async () => {
    const daemon = await daemonUp()
    const r = recorder()
    // docker-modem's `timeout` is a socket idle timeout: on this request it would kill the stream.
    watch(daemon, r, FAST, new Docker({ socketPath: daemon.socketPath, timeout: 100 }))
    await waitFor('connected', () => r.states.length > 0)
    await delay(400)
    daemon.send(`${line(1)}\n`)
    await waitFor('the event', () => r.events.length === 1)
    expect(r.states).toEqual([['connected']])
    expect(daemon.urls).toHaveLength(1)
  })

  it('survives a handler that throws', async () => {
    const daemon = await daemonUp()
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined)
    try {
      const seen: string[] = []
      const handlers: EngineEventHandlers = {
        onState: () => undefined,
        onEvent: (e) => {
          seen.push(e.action)
          if (e.action === 'create') throw new Error('bug in a handler')
        }
      }
      watch(daemon, handlers)
      await waitFor('a stream', () => daemon.urls.length === 1)
      await delay(20)
      daemon.send(`${line(0)}\n${line(1)}\n`)
      await waitFor('both events', () => seen.length === 2)
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('bug in a handler'))
      expect(daemon.urls).toHaveLength(1)
    } finally {
      warn.mockRestore()
    }
  })
})

describe('watchEngineEvents: the daemon goes away', () => {
  it('a stream that ends: unreachable with the reason, then connected again with a resync', async () => {
    const daemon = await daemonUp()
    const r = recorder()
    const timers = recordingTimers()
    watch(daemon, r, { ...FAST, timers })
    await waitFor('connected', () => r.states.length === 1)
    daemon.endStreams()
    await waitFor('connected again', () => r.states.length === 3)
    expect(r.states).toEqual([
      ['connected'],
      ['unreachable', `Docker at unix://${daemon.socketPath} ended the event stream (daemon stopping or restarting?)`],
      ['connected']
    ])
    expect(r.resyncs).toBe(1)
    expect(timers.retryDelays()).toEqual([20])
    daemon.send(`${line(1)}\n`)
    await waitFor('an event on the new stream', () => r.events.length === 1)
  })

  it('a daemon that stops: unreachable (errno and hint), backoff doubling to the cap, then connected + resync', async () => {
    const daemon = await daemonUp()
    const r = recorder()
    const timers = recordingTimers()
    watch(daemon, r, { ...FAST, timers })
    await waitFor('connected', () => r.states.length === 1)
    await daemon.down()
    await waitFor('five retries', () => timers.retryDelays().length >= 5)
    expect(timers.retryDelays().slice(0, 5)).toEqual([20, 40, 80, 80, 80])
    expect(r.states).toEqual([
      ['connected'],
      ['unreachable', expect.stringMatching(/^the event stream from Docker at unix:\/\/\S+ broke: ECONNRESET \(connection dropped; is the Docker daemon stopping\?\)$/)],
      // Reported again only because the reason changed; the retries that fail alike stay quiet.
      ['unreachable', `cannot reach Docker at unix://${daemon.socketPath}: ENOENT (no socket there; is the Docker daemon running?)`]
    ])
    expect(r.resyncs).toBe(0)

    await daemon.up()
    await waitFor('connected again', () => r.states.length === 4)
    expect(r.states[3]).toEqual(['connected'])
    expect(r.resyncs).toBe(1)
    daemon.send(`${line(14)}\n`)
    await waitFor('an event on the new stream', () => r.events.length === 1)
    expect(r.events[0]).toMatchObject({ action: 'die', attributes: { exitCode: '137' } })
  })

  it('a daemon that is not there at first: unreachable, then connected with a resync when it appears', async () => {
    const daemon = new FakeDaemon()
    daemons.push(daemon)
    const r = recorder()
    watch(daemon, r)
    await waitFor('unreachable', () => r.states.length === 1)
    expect(r.states[0]).toEqual(['unreachable', expect.stringContaining('ENOENT')])
    await daemon.up()
    await waitFor('connected', () => r.states.length === 2)
    expect(r.states[1]).toEqual(['connected'])
    expect(r.resyncs).toBe(1)
  })

  it('an HTTP error answer is unreachable with the daemon message, and retried', async () => {
    const daemon = await daemonUp({ status: 500, body: '{"message":"events are broken"}' })
    const r = recorder()
    watch(daemon, r)
    await waitFor('unreachable', () => r.states.length === 1)
    expect(r.states[0]).toEqual(['unreachable', `cannot reach Docker at unix://${daemon.socketPath}: GET /events answered HTTP 500: events are broken`])
    daemon.mode = 'stream'
    await waitFor('connected', () => r.states.length === 2)
    expect(r.resyncs).toBe(1)
  })

  it('no response headers within the connect deadline: unreachable, and the hung request is abandoned', async () => {
    const daemon = await daemonUp('hang')
    const r = recorder()
    watch(daemon, r, { ...FAST, connectTimeoutMs: 100 })
    await waitFor('unreachable', () => r.states.length === 1)
    expect(r.states[0]).toEqual(['unreachable', `cannot reach Docker at unix://${daemon.socketPath}: no answer to GET /events within 100 ms`])
    daemon.mode = 'stream'
    await waitFor('connected', () => r.states.length === 2)
    expect(r.resyncs).toBe(1)
  })

  it('a stream that keeps closing at once keeps backing off; one that held resets the delay', async () => {
    const daemon = await daemonUp('end-at-once')
    const r = recorder()
    const timers = recordingTimers()
    let clock = 0
    watch(daemon, r, { ...FAST, timers, now: () => clock })
    await waitFor('four retries', () => timers.retryDelays().length >= 4)
    // Each of these streams opened and closed at once (the clock did not move).
    expect(timers.retryDelays().slice(0, 4)).toEqual([20, 40, 80, 80])
    expect(r.resyncs).toBeGreaterThanOrEqual(3)

    daemon.mode = 'stream'
    const before = daemon.urls.length
    await waitFor('a stream that stays', () => daemon.urls.length > before && r.states.at(-1)?.[0] === 'connected')
    const retries = timers.retryDelays().length
    clock += 80 // the stream held for maxMs
    daemon.endStreams()
    await waitFor('the next retry', () => timers.retryDelays().length > retries)
    expect(timers.retryDelays()[retries]).toBe(20)
  })
})

describe('watchEngineEvents: stop', () => {
  it('while streaming: resolves, delivers nothing more, and leaves no timers or sockets', async () => {
    const daemon = await daemonUp()
    const baseline = await settledSockets()
    const r = recorder()
    const timers = recordingTimers()
    const w = watch(daemon, r, { ...FAST, timers })
    await waitFor('connected', () => r.states.length === 1)
    await w.stop()
    daemon.send(`${line(0)}\n`)
    await delay(30)
    expect(r.events).toEqual([])
    expect(r.states).toEqual([['connected']])
    await expectSocketsBackTo(baseline)
    expect(timers.pending.size).toBe(0)
    // Stopping twice is harmless.
    await w.stop()
  })

  it('while waiting to retry: the backoff timer is cleared', async () => {
    const daemon = new FakeDaemon() // never listens
    daemons.push(daemon)
    const baseline = await settledSockets()
    const r = recorder()
    const timers = recordingTimers()
    const w = watch(daemon, r, { backoff: { initialMs: 60_000, maxMs: 60_000 }, timers })
    await waitFor('a retry scheduled', () => timers.delays.includes(60_000))
    expect(timers.pending.size).toBe(1)
    const started = Date.now()
    await w.stop()
    expect(Date.now() - started).toBeLessThan(1_000)
    await expectSocketsBackTo(baseline)
    expect(timers.pending.size).toBe(0)
    expect(r.states).toEqual([['unreachable', expect.stringContaining('ENOENT')]])
  })

  it('while waiting for response headers: the request and its deadline are dropped', async () => {
    const daemon = await daemonUp('hang')
    const baseline = await settledSockets()
    const r = recorder()
    const timers = recordingTimers()
    const w = watch(daemon, r, { ...FAST, timers, connectTimeoutMs: 60_000 })
    await waitFor('the request', () => daemon.urls.length === 1)
    expect(timers.pending.size).toBe(1)
    await w.stop()
    await expectSocketsBackTo(baseline)
    expect(timers.pending.size).toBe(0)
    expect(r.states).toEqual([])
  })

  it('lets a process exit on its own after stop()', async () => {
    // A child with only a fake daemon and a watch: if stop() left a timer or socket, it would not exit.
    const script = `
      const { createServer } = require('node:http')
      const { createDockerClient } = require(${JSON.stringify(join(__dirname, '../../main/engine/docker-client.ts'))})
      const { watchEngineEvents } = require(${JSON.stringify(join(__dirname, '../../main/engine/engine-events.ts'))})
      const socketPath = ${JSON.stringify(join(scratch, 'child.sock'))}
      const server = createServer((req, res) => { res.writeHead(200); res.flushHeaders(); res.write(${JSON.stringify(`${line(0)}\n`)}) })
      server.listen(socketPath, async () => {
        const { docker } = createDockerClient({ DOCKER_HOST: 'unix://' + socketPath })
        let watch
        await new Promise((resolve) => {
          watch = watchEngineEvents(docker, 'fake', { onState: (s) => console.log('state', s), onEvent: (e) => { console.log('event', e.action); resolve() } })
        })
        await watch.stop()
        server.closeAllConnections()
        server.close()
        console.log('stopped')
      })
    `
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: join(__dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let out = ''
    let stoppedAt = 0
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString()
      if (!stoppedAt && out.includes('stopped')) stoppedAt = Date.now()
    })
    child.stderr.on('data', (c: Buffer) => (out += c.toString()))
    const code = await new Promise<number | string>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL')
        resolve('did not exit within 10 s')
      }, 10_000)
      child.on('exit', (c) => {
        clearTimeout(timer)
        resolve(c ?? -1)
      })
    })
    expect(out).toBe('state connected\nevent create\nstopped\n')
    expect(code).toBe(0)
    // Not merely eventually: a forgotten connect deadline or retry timer would hold it for seconds.
    expect(Date.now() - stoppedAt).toBeLessThan(1_000)
  }, 15_000)
})

describe('engineEventKind and refreshesStructure', () => {
  it('map the recorded actions', () => {
    const actions = [...new Set(LINES.map((l) => (JSON.parse(l) as { Action: string }).Action))]
    const kinds = Object.fromEntries(actions.map((a) => [a, engineEventKind(a)]))
    expect(kinds).toEqual({
      create: 'container-create',
      start: 'container-start',
      'exec_create: sh -c echo héllo: world': null,
      'exec_start: sh -c echo héllo: world': 'container-exec',
      exec_die: null,
      'exec_create: sh -c exit 3': null,
      'exec_start: sh -c exit 3': 'container-exec',
      update: 'container-update',
      pause: null,
      unpause: null,
      rename: null,
      kill: null,
      die: 'container-die',
      stop: null,
      restart: null,
      'exec_create: dd if=/dev/zero of=/dev/null bs=64M count=1': null,
      'exec_start: dd if=/dev/zero of=/dev/null bs=64M count=1': 'container-exec',
      oom: 'container-oom',
      attach: null,
      destroy: 'container-destroy'
    })
    // Every kind the live contract knows is produced by some action.
    expect(new Set(Object.values(kinds).filter(Boolean))).toEqual(new Set(ENGINE_EVENT_KINDS))
  })

  it('say which actions change what a snapshot shows', () => {
    expect(['create', 'start', 'die', 'destroy', 'update', 'rename', 'pause', 'unpause', 'exec_start: sh', 'exec_die'].every(refreshesStructure)).toBe(true)
    expect(['kill', 'stop', 'restart', 'attach', 'oom', 'exec_create: sh', 'health_status: healthy', 'resize'].some(refreshesStructure)).toBe(false)
  })
})

describe('watchEngineEvents: reads fail while the stream holds (its socket moved away and back)', () => {
  const READ_FAILED = 'cannot reach Docker at the socket: ENOENT (no socket there; is the Docker daemon running?)'

  it('says unreachable, pings with the stream backoff until the socket is back, then connected and a resync', async () => {
    const daemon = await daemonUp()
    const r = recorder()
    const timers = recordingTimers()
    const w = watch(daemon, r, { ...FAST, timers })
    await waitFor('connected', () => r.states.length === 1)
    // A listening unix socket can be renamed: the open stream keeps its connection, new ones get ENOENT.
    renameSync(daemon.socketPath, `${daemon.socketPath}.away`)
    w.readFailed(READ_FAILED)
    w.readFailed(READ_FAILED)
    expect(r.states).toEqual([['connected'], ['unreachable', READ_FAILED]])
    // Pings at 20, 40, 80, 80 … ms fail with ENOENT while the socket is away.
    await waitFor('backoff to the cap', () => timers.retryDelays().filter((d) => d === 80).length >= 2)
    expect(timers.retryDelays().slice(0, 4)).toEqual([20, 40, 80, 80])
    expect(daemon.pings).toBe(0)
    renameSync(`${daemon.socketPath}.away`, daemon.socketPath)
    await waitFor('connected again', () => r.states.length === 3)
    expect(r.states[2]).toEqual(['connected'])
    expect(r.resyncs).toBe(1)
    expect(daemon.pings).toBe(1)
    // The stream was never asked for again: it held throughout, and still delivers.
    expect(daemon.urls).toHaveLength(1)
    daemon.send(`${line(0)}\n`)
    await waitFor('an event on the old stream', () => r.events.length === 1)
    // And nothing keeps pinging once connected.
    const delays = timers.delays.length
    await delay(200)
    expect(timers.delays.length).toBe(delays)
  })

  it('a daemon that answers pings but keeps failing reads: the retries keep backing off, no storm', async () => {
    const daemon = await daemonUp()
    const r = recorder()
    const timers = recordingTimers()
    const holder: { watch?: EngineEventWatch } = {}
    let connections = 0
    // As the live session does: every 'connected' leads to a read, and here each read fails again.
    const flapping: EngineEventHandlers = {
      ...r,
      onState: (state, reason) => {
        r.onState(state, reason)
        if (state === 'connected' && ++connections > 1 && connections < 5) holder.watch?.readFailed(READ_FAILED)
      }
    }
    const w = (holder.watch = watch(daemon, flapping, { ...FAST, timers }))
    await waitFor('connected', () => connections === 1)
    w.readFailed(READ_FAILED)
    await waitFor('five connections', () => connections === 5)
    expect(timers.retryDelays()).toEqual([20, 40, 80, 80])
    expect(daemon.pings).toBe(4)
    expect(r.resyncs).toBe(4)
    expect(r.states.at(-1)).toEqual(['connected'])
  })

  it('a failed read while the stream is down changes nothing: the stream resyncs by itself', async () => {
    const daemon = await daemonUp()
    const r = recorder()
    const w = watch(daemon, r)
    await waitFor('connected', () => r.states.length === 1)
    await daemon.down()
    await waitFor('unreachable', () => r.states.length === 2)
    w.readFailed(READ_FAILED)
    expect(r.states).toHaveLength(2)
    expect(r.states[1]?.[1]).not.toBe(READ_FAILED)
    await daemon.up()
    await waitFor('connected again', () => r.states.length === 3)
    expect(r.resyncs).toBe(1)
    expect(daemon.pings).toBe(0)
  })

  it('stop() while pinging ends the probe and leaves nothing pending', async () => {
    const daemon = await daemonUp()
    const r = recorder()
    const timers = recordingTimers()
    const w = watch(daemon, r, { ...FAST, timers })
    await waitFor('connected', () => r.states.length === 1)
    renameSync(daemon.socketPath, `${daemon.socketPath}.away`)
    w.readFailed(READ_FAILED)
    await waitFor('a failed ping or two', () => timers.retryDelays().length >= 2)
    await w.stop()
    expect(timers.pending.size).toBe(0)
    renameSync(`${daemon.socketPath}.away`, daemon.socketPath)
    await delay(150)
    expect(r.states).toEqual([['connected'], ['unreachable', READ_FAILED]])
    expect(daemon.pings).toBe(0)
  })
})
