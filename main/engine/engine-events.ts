// Follows the daemon's container events for as long as the caller wants, across daemon restarts:
// when the stream breaks it says 'unreachable', retries with exponential backoff, and on coming
// back says 'connected' and asks for a resync (events were missed while away). Never throws.
// The stream can also hold while every new connection fails (the socket was moved away and back,
// a proxy in front restarted): the caller's reads say so through readFailed(), and the daemon is
// then pinged with the same backoff until it answers, and a resync asked for.
//
// No idle timeout on this request: the stream is silent whenever nothing happens, and a socket
// inactivity timeout would kill it (kernel-facts §6.4), so one set on the caller's client is
// bypassed. Only the wait for the response headers has a deadline; the daemon sends them at once.
import { Readable } from 'node:stream'
import type DockerModem from 'docker-modem'
import type Docker from 'dockerode'
import type { EngineEventKind } from '../../shared/live'
import { describeDockerError } from './docker-errors'
import { createLineSplitter, parseEventLine, type DockerEvent } from './event-lines'
import { DEFAULT_ENGINE_TIMEOUT_MS } from './read-engine'

export type { DockerEvent } from './event-lines'

export type EngineStreamState = 'connected' | 'unreachable'

export interface EngineEventHandlers {
  onEvent(event: DockerEvent): void
  /** On each change; 'unreachable' again only when the reason changes. */
  onState(state: EngineStreamState, reason?: string): void
  /** Connected after having been unreachable: events were missed, re-read the whole state. */
  onResync?(): void
  /** A line that is not an event; it is skipped. */
  onBadLine?(reason: string): void
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface WatchEngineEventsOptions {
  /** Retry delays: initialMs, doubling up to maxMs. A connection that held for maxMs resets it. */
  backoff?: { initialMs: number; maxMs: number }
  /** Deadline for the response headers of GET /events. */
  connectTimeoutMs?: number
  timers?: Timers
  /** Monotonic milliseconds. */
  now?: () => number
}

export interface EngineEventWatch {
  /** Ends the stream and any pending retry; resolves when nothing is left running. */
  stop(): Promise<void>
  /**
   * A read of the daemon failed although the stream holds: say 'unreachable' with this reason and
   * ping with the stream's backoff until the daemon answers, then 'connected' and onResync. While
   * the stream itself is down this does nothing: its own retries end in a resync already.
   */
  readFailed(reason: string): void
}

export const DEFAULT_BACKOFF = { initialMs: 250, maxMs: 5_000 }
/**
 * All container actions; the caller picks. Swarm objects' events (a node updated by
 * `docker swarm update`, a service, secret or config changed) only mean "read the engine again".
 * Other types (network, image, volume) are not asked for.
 */
export const SWARM_EVENT_TYPES = ['node', 'service', 'secret', 'config'] as const
export const EVENT_FILTERS = { type: ['container' as const, ...SWARM_EVENT_TYPES] }

const REAL_TIMERS: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
}

interface Session {
  /** How long the stream stayed open, or null when it never opened. */
  connectedMs: number | null
  reason: string
}

export function watchEngineEvents(
  docker: Docker,
  endpoint: string,
  handlers: EngineEventHandlers,
  options: WatchEngineEventsOptions = {}
): EngineEventWatch {
  const { initialMs, maxMs } = options.backoff ?? DEFAULT_BACKOFF
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_ENGINE_TIMEOUT_MS
  const timers = options.timers ?? REAL_TIMERS
  const now = options.now ?? ((): number => performance.now())
  const client = withoutIdleTimeout(docker)
  const stopping = new AbortController()
  const stopped = stopping.signal
  let last: { state: EngineStreamState; reason: string } | null = null
  /** GET /events is connected and being read. */
  let streamOpen = false
  /** The ping probe: whether one runs (set and cleared inside it), and its promise for stop(). */
  let probeRunning = false
  let probing: Promise<void> = Promise.resolve()
  let probeDelay = initialMs
  /** When a probe last found the daemon answering (monotonic ms). */
  let recoveredAt: number | null = null

  /** Handlers run only while watching; one that throws must not end the watch. */
  const call = (what: string, fn: () => void): void => {
    if (stopped.aborted) return
    try {
      fn()
    } catch (error) {
      process.emitWarning(`engine events: ${what} threw: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  const report = (state: EngineStreamState, reason = ''): void => {
    if (last?.state === state && last.reason === reason) return
    last = { state, reason }
    call('onState', () => (state === 'connected' ? handlers.onState(state) : handlers.onState(state, reason)))
  }

  const deliver = (line: string): void => {
    const parsed = parseEventLine(line)
    if (parsed.ok) call('onEvent', () => handlers.onEvent(parsed.event))
    else call('onBadLine', () => handlers.onBadLine?.(parsed.reason))
  }

  /** One GET /events, from connecting until the stream ends. */
  const follow = async (): Promise<Session> => {
    const attempt = new AbortController()
    const abort = (): void => attempt.abort()
    stopped.addEventListener('abort', abort)
    let timedOut = false
    const timer = timers.setTimeout(() => {
      timedOut = true
      attempt.abort()
    }, connectTimeoutMs)
    try {
      let stream: NodeJS.ReadableStream
      try {
        stream = await client.getEvents({ filters: EVENT_FILTERS, abortSignal: attempt.signal })
      } catch (error) {
        const detail = timedOut ? `no answer to GET /events within ${connectTimeoutMs} ms` : describeDockerError(error, 'GET /events')
        return { connectedMs: null, reason: `cannot reach Docker at ${endpoint}: ${detail}` }
      } finally {
        timers.clearTimeout(timer)
      }
      // docker-modem answers with the http.IncomingMessage itself: a Readable, which can be destroyed.
      if (!(stream instanceof Readable)) return { connectedMs: null, reason: `GET /events at ${endpoint} did not answer with a stream` }
      const since = now()
      const missedEvents = last?.state === 'unreachable'
      report('connected')
      if (missedEvents) call('onResync', () => handlers.onResync?.())
      streamOpen = true
      const reason = await consume(stream, attempt.signal).finally(() => (streamOpen = false))
      return { connectedMs: now() - since, reason }
    } finally {
      stopped.removeEventListener('abort', abort)
    }
  }

  const consume = (stream: Readable, signal: AbortSignal): Promise<string> =>
    new Promise((resolve) => {
      const splitter = createLineSplitter({
        onDropped: (bytes) => call('onBadLine', () => handlers.onBadLine?.(`dropped a ${bytes}-byte line: too long for an event`))
      })
      let settled = false
      const finish = (reason: string): void => {
        if (settled) return
        settled = true
        signal.removeEventListener('abort', onAbort)
        stream.destroy()
        resolve(reason)
      }
      const onAbort = (): void => finish('stopped')
      if (signal.aborted) return finish('stopped')
      signal.addEventListener('abort', onAbort)
      // Listeners stay attached after finish (guarded by `settled`), so a late 'error' is never unhandled.
      stream.on('data', (chunk: Buffer) => {
        if (!settled) for (const line of splitter.push(chunk)) deliver(line)
      })
      stream.on('end', () => {
        const tail = settled ? null : splitter.end()
        if (tail !== null) deliver(tail)
        finish(`Docker at ${endpoint} ended the event stream (daemon stopping or restarting?)`)
      })
      stream.on('error', (error: unknown) => finish(`the event stream from Docker at ${endpoint} broke: ${describeDockerError(error, 'GET /events')}`))
      stream.on('close', () => finish(`the event stream from Docker at ${endpoint} closed`))
    })

  /** The stream's retry and the ping probe may both be waiting; stop() wakes every one. */
  const sleeping = new Map<() => void, unknown>()
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const wake = (): void => {
        sleeping.delete(wake)
        resolve()
      }
      sleeping.set(wake, timers.setTimeout(wake, ms))
    })

  /** GET /_ping on a new connection, within the connect deadline. */
  const answers = async (): Promise<boolean> => {
    const attempt = new AbortController()
    const abort = (): void => attempt.abort()
    stopped.addEventListener('abort', abort)
    const timer = timers.setTimeout(abort, connectTimeoutMs)
    try {
      const calls: Docker.CallsWithOptions = client
      await calls.ping({ abortSignal: attempt.signal })
      return true
    } catch {
      return false
    } finally {
      timers.clearTimeout(timer)
      stopped.removeEventListener('abort', abort)
    }
  }

  /** While the stream holds but reads fail: ping with the stream's backoff until the daemon answers. */
  const probe = async (): Promise<void> => {
    probeRunning = true
    try {
      const stillNeeded = (): boolean => !stopped.aborted && streamOpen && last?.state === 'unreachable'
      // Reads that fail again soon after a recovery (a daemon that answers pings, not reads) keep
      // the delay growing, as a flapping stream does; a recovery that held for maxMs resets it.
      if (recoveredAt === null || now() - recoveredAt >= maxMs) probeDelay = initialMs
      while (stillNeeded()) {
        await sleep(probeDelay)
        probeDelay = Math.min(probeDelay * 2, maxMs)
        // Checked again after the ping: if the stream broke meanwhile, its own reconnection resyncs.
        if (stillNeeded() && (await answers()) && stillNeeded()) {
          recoveredAt = now()
          report('connected')
          // A handler may report a failed read again right away: then this loop goes on.
          call('onResync', () => handlers.onResync?.())
        }
      }
    } finally {
      probeRunning = false
    }
  }

  const run = async (): Promise<void> => {
    let delay = initialMs
    while (!stopped.aborted) {
      const session = await follow()
      if (stopped.aborted) return
      report('unreachable', session.reason)
      // A stream that held is a daemon that restarted: try again soon. One that keeps closing
      // at once keeps backing off, so a flapping daemon does not cause a resync storm.
      if (session.connectedMs !== null && session.connectedMs >= maxMs) delay = initialMs
      await sleep(delay)
      delay = Math.min(delay * 2, maxMs)
    }
  }
  // run() catches everything it awaits; this only guards against a bug turning into an unhandled rejection.
  const running = run().catch((error: unknown) => report('unreachable', `engine events stopped: ${describeDockerError(error, 'GET /events')}`))

  return {
    async stop(): Promise<void> {
      stopping.abort()
      for (const [wake, handle] of [...sleeping]) {
        timers.clearTimeout(handle)
        wake()
      }
      await running
      await probing
    },
    readFailed(reason: string): void {
      if (stopped.aborted || !streamOpen) return
      report('unreachable', reason)
      if (!probeRunning) probing = probe()
    }
  }
}

/**
 * The caller's client with docker-modem's `timeout` (a socket idle timeout) unset for our
 * requests only: the same connection settings through a modem that inherits from the original.
 */
function withoutIdleTimeout(docker: Docker): Docker {
  // docker-modem keeps its constructor options on the instance (lib/modem.js).
  const settings: DockerModem.ConstructorOptions = docker.modem
  if (!settings.timeout) return docker
  const modem: DockerModem = Object.create(docker.modem, { timeout: { value: undefined, writable: true } })
  // The caller's own constructor: loading dockerode here would load it for `watch --no-engine` too.
  return new (docker.constructor as typeof Docker)({ modem })
}

const EXEC_KIND: EngineEventKind = 'container-exec'
const KINDS: Record<string, EngineEventKind> = {
  create: 'container-create',
  start: 'container-start',
  die: 'container-die',
  oom: 'container-oom',
  destroy: 'container-destroy',
  update: 'container-update',
  // One live event per exec: when its process starts (exec_create has none yet, exec_die is its end).
  exec_start: EXEC_KIND
}

/** The live-event kind of a container action ('start' or 'exec_start: sh'), or null for the rest. */
export function engineEventKind(action: string): EngineEventKind | null {
  return KINDS[verb(action)] ?? null
}

/** Actions after which processes, namespaces, cgroups, names or declared config may differ. */
const STRUCTURAL = new Set(['create', 'start', 'die', 'destroy', 'update', 'rename', 'pause', 'unpause', 'exec_start', 'exec_die'])

export function refreshesStructure(action: string): boolean {
  return STRUCTURAL.has(verb(action))
}

function verb(action: string): string {
  const cut = action.indexOf(': ')
  return cut < 0 ? action : action.slice(0, cut)
}
