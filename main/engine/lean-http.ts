// A small HTTP/1.1 client for GETs whose whole body is wanted, over a plain socket (unix or TCP,
// never TLS). Why it exists: see lean-engine-reads.ts. Per endpoint a pool of at most 8 keep-alive
// connections (lean-http-connection.ts), one request in flight on each (no pipelining), the
// requests beyond that waiting in order. Idle connections never keep the process alive.
import { Connection, type ConnectionOwner, type LeanEndpoint } from './lean-http-connection'
import { abortError, Exchange, type LeanCallback } from './lean-http-exchange'
import type { LeanResponse } from './lean-http-response'

export type { LeanEndpoint } from './lean-http-connection'
export type { LeanCallback } from './lean-http-exchange'
export type { LeanResponse } from './lean-http-response'
export { abortError } from './lean-http-exchange'

export interface LeanRequest {
  /** Path and query, already encoded. */
  path: string
  headers?: Record<string, string | number | readonly string[]>
  signal?: AbortSignal | null
}

export const MAX_CONNECTIONS = 8

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

class Pool implements ConnectionOwner {
  open = 0
  /** Most recently used last (taken first: it is the least likely to have been closed by the server). */
  private readonly idle: Connection[] = []
  private readonly waiting: Exchange[] = []
  private dispatching = false

  constructor(readonly endpoint: LeanEndpoint) {}

  enqueue(exchange: Exchange): void {
    this.waiting.push(exchange)
    this.dispatch()
  }

  retry(exchange: Exchange): void {
    exchange.retried = true
    this.waiting.unshift(exchange)
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
