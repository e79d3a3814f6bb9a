// A small HTTP/1.1 client for GETs whose whole body is wanted, over a plain socket (unix or TCP,
// never TLS). Why it exists: see lean-http-seam.ts. Per endpoint a pool of at most 8 keep-alive
// connections, one request in flight on each (no pipelining). Idle connections are unref()ed so
// they never keep the process alive, and closed after IDLE_MS.
import { connect, type Socket } from 'node:net'
import { ResponseParser, type LeanResponse } from './lean-http-response'

export type { LeanResponse } from './lean-http-response'

export type LeanEndpoint = { socketPath: string } | { host: string; port: number }

export interface LeanRequest {
  /** Path and query, already encoded (docker-modem's dial built it). */
  path: string
  headers?: Record<string, string | number | readonly string[]>
  signal?: AbortSignal | null
}

export type LeanCallback = (error: Error | null, response?: LeanResponse) => void

export const MAX_CONNECTIONS = 8
export const IDLE_MS = 5000

/** The GET, answered once through done: the complete answer (any status), or the error. */
export function leanGet(endpoint: LeanEndpoint, request: LeanRequest, done: LeanCallback): void {
  const signal = request.signal ?? null
  const exchange = new Exchange(requestHead(endpoint, request), signal, done)
  if (signal?.aborted) {
    // Node's http also answers an aborted signal asynchronously.
    process.nextTick(() => exchange.settle(abortError(signal)))
    return
  }
  poolFor(endpoint).enqueue(exchange)
}

/** Promise form of leanGet. */
export function leanGetAsync(endpoint: LeanEndpoint, request: LeanRequest): Promise<LeanResponse> {
  return new Promise((resolve, reject) => leanGet(endpoint, request, (error, response) => (error ? reject(error) : resolve(response!))))
}

/** An error as Node's http gives for an aborted request: name AbortError, code ABORT_ERR. */
export function abortError(signal: AbortSignal): Error {
  const error = new Error('The operation was aborted', { cause: signal.reason }) as NodeJS.ErrnoException
  error.name = 'AbortError'
  error.code = 'ABORT_ERR'
  return error
}

/** Connections open to each endpoint right now (idle or busy), for tests and diagnostics. */
export function openConnections(endpoint: LeanEndpoint): number {
  return pools.get(keyOf(endpoint))?.open ?? 0
}

function requestHead(endpoint: LeanEndpoint, request: LeanRequest): string {
  let head = `GET ${request.path} HTTP/1.1\r\n`
  let hasHost = false
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (name.toLowerCase() === 'host') hasHost = true
    for (const one of Array.isArray(value) ? value : [value]) head += `${name}: ${one}\r\n`
  }
  if (!hasHost) head += `Host: ${hostHeader(endpoint)}\r\n`
  return `${head}Connection: keep-alive\r\n\r\n`
}

/** As Node's http writes it: localhost for a socket path, an IPv6 address in brackets, no :80. */
function hostHeader(endpoint: LeanEndpoint): string {
  if ('socketPath' in endpoint) return 'localhost'
  const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host
  return endpoint.port === 80 ? host : `${host}:${endpoint.port}`
}

function keyOf(endpoint: LeanEndpoint): string {
  return 'socketPath' in endpoint ? `unix:${endpoint.socketPath}` : `tcp:${endpoint.host}:${endpoint.port}`
}

const pools = new Map<string, Pool>()

function poolFor(endpoint: LeanEndpoint): Pool {
  const key = keyOf(endpoint)
  let pool = pools.get(key)
  if (!pool) {
    pool = new Pool(endpoint)
    pools.set(key, pool)
  }
  return pool
}

/** One request: its bytes, its caller, and whether it has been retried. */
class Exchange {
  /** Sent again once already: the next failure is final, and it goes on a new connection. */
  retried = false
  connection: Connection | null = null
  private settled = false
  private readonly onAbort: (() => void) | null = null

  constructor(
    readonly head: string,
    readonly signal: AbortSignal | null,
    private readonly done: LeanCallback
  ) {
    if (signal && !signal.aborted) {
      this.onAbort = () => {
        const connection = this.connection
        this.settle(abortError(signal))
        // A connection with a half-read answer cannot carry another request.
        connection?.destroy()
      }
      signal.addEventListener('abort', this.onAbort, { once: true })
    }
  }

  get isSettled(): boolean {
    return this.settled
  }

  settle(error: Error | null, response?: LeanResponse): void {
    if (this.settled) return
    this.settled = true
    if (this.onAbort) this.signal?.removeEventListener('abort', this.onAbort)
    const connection = this.connection
    this.connection = null
    connection?.detach(this)
    this.done(error, response)
  }
}

class Pool {
  open = 0
  /** Most recently used last (taken first: it is the least likely to have been closed by the server). */
  private readonly idle: Connection[] = []
  private readonly waiting: Exchange[] = []
  private dispatching = false

  constructor(readonly endpoint: LeanEndpoint) {}

  enqueue(exchange: Exchange, first = false): void {
    if (first) this.waiting.unshift(exchange)
    else this.waiting.push(exchange)
    this.dispatch()
  }

  dispatch(): void {
    // Destroying an idle connection below calls back into dispatch; the loop here carries on instead.
    if (this.dispatching) return
    this.dispatching = true
    try {
      this.dispatchWaiting()
    } finally {
      this.dispatching = false
    }
  }

  private dispatchWaiting(): void {
    while (this.waiting.length > 0) {
      const exchange = this.waiting[0]!
      if (exchange.isSettled) {
        this.waiting.shift()
        continue
      }
      let connection: Connection | undefined
      if (exchange.retried) {
        // The retry goes on a new connection; an old idle one makes room if the pool is full.
        if (this.open >= MAX_CONNECTIONS) this.idle.shift()?.destroy()
        if (this.open < MAX_CONNECTIONS) connection = this.connect()
      } else {
        connection = this.idle.pop() ?? (this.open < MAX_CONNECTIONS ? this.connect() : undefined)
      }
      if (!connection) return
      this.waiting.shift()
      connection.send(exchange)
    }
  }

  release(connection: Connection): void {
    this.idle.push(connection)
    this.dispatch()
  }

  /** The connection is gone: its place in the pool is free. */
  closed(connection: Connection): void {
    const at = this.idle.indexOf(connection)
    if (at >= 0) this.idle.splice(at, 1)
    this.open--
    this.dispatch()
  }

  private connect(): Connection {
    this.open++
    return new Connection(this)
  }
}

class Connection {
  private readonly socket: Socket
  private exchange: Exchange | null = null
  private parser: ResponseParser | null = null
  /** Answers completed on this connection: a failure before any byte on a reused one is retried. */
  private answered = 0
  private idleTimer: NodeJS.Timeout | null = null
  private gone = false

  constructor(private readonly pool: Pool) {
    const endpoint = pool.endpoint
    this.socket = 'socketPath' in endpoint ? connect(endpoint.socketPath) : connect({ host: endpoint.host, port: endpoint.port, noDelay: true })
    this.socket.on('data', (data: Buffer) => this.onData(data))
    this.socket.on('end', () => this.onEnd())
    this.socket.on('error', (error) => this.onFailure(error))
    this.socket.on('close', () => this.onFailure(hangUp()))
  }

  send(exchange: Exchange): void {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
    this.socket.ref()
    this.exchange = exchange
    exchange.connection = this
    this.parser = new ResponseParser()
    this.socket.write(exchange.head)
  }

  /** The exchange settled (answered, failed or aborted); called by the exchange. */
  detach(exchange: Exchange): void {
    if (this.exchange === exchange) this.exchange = null
  }

  destroy(): void {
    if (this.gone) return
    this.gone = true
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.socket.destroy()
    this.pool.closed(this)
  }

  private onData(data: Buffer): void {
    const exchange = this.exchange
    const parser = this.parser
    // Bytes nobody asked for: the connection's state is unknown.
    if (!exchange || !parser) return this.destroy()
    let response: LeanResponse | null
    try {
      response = parser.push(data)
    } catch (error) {
      this.destroy()
      return exchange.settle(error as Error)
    }
    if (response) this.complete(exchange, parser, response)
  }

  private complete(exchange: Exchange, parser: ResponseParser, response: LeanResponse): void {
    this.answered++
    this.parser = null
    this.exchange = null
    exchange.connection = null
    // The pool is put in order before the caller runs, in case its callback throws.
    if (parser.keepAlive && !parser.trailing && !this.socket.readableEnded && !this.gone) {
      this.socket.unref()
      this.idleTimer = setTimeout(() => this.destroy(), IDLE_MS).unref()
      this.pool.release(this)
    } else {
      this.destroy()
    }
    exchange.settle(null, response)
  }

  private onEnd(): void {
    const exchange = this.exchange
    const parser = this.parser
    if (exchange && parser?.readsToClose) {
      try {
        return this.complete(exchange, parser, parser.end())
      } catch (error) {
        this.destroy()
        return exchange.settle(error as Error)
      }
    }
    this.onFailure(hangUp())
  }

  /** The socket failed or closed: retried once if a reused connection died before any answer. */
  private onFailure(error: Error): void {
    const exchange = this.exchange
    const untouched = !this.parser?.started
    this.destroy()
    if (!exchange || exchange.isSettled) return
    if (this.answered > 0 && untouched && !exchange.retried) {
      exchange.retried = true
      exchange.connection = null
      this.exchange = null
      return this.pool.enqueue(exchange, true)
    }
    exchange.settle(error)
  }
}

/** Node's words for a connection closed before the answer was complete. */
function hangUp(): Error {
  const error = new Error('socket hang up') as NodeJS.ErrnoException
  error.code = 'ECONNRESET'
  return error
}
