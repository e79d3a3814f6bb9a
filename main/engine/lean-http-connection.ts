// One keep-alive connection of the lean HTTP client: it writes one request at a time, feeds the
// answer to a ResponseParser, and hands itself back to its pool when the answer allows reuse
// (unref()ed while idle, closed after IDLE_MS). A reused connection that dies before any byte of
// the answer gives the request back to the pool for one retry on a new connection (GETs are idempotent).
import { connect, type Socket } from 'node:net'
import type { Exchange } from './lean-http-exchange'
import { ResponseParser, type LeanResponse } from './lean-http-response'

export type LeanEndpoint = { socketPath: string } | { host: string; port: number }

export const IDLE_MS = 5000

/** The pool a connection belongs to. */
export interface ConnectionOwner {
  readonly endpoint: LeanEndpoint
  /** The connection can carry the next request. */
  release(connection: Connection): void
  /** The connection is gone. */
  closed(connection: Connection): void
  /** A request to send again, ahead of the others. */
  retry(exchange: Exchange): void
}

export class Connection {
  private readonly socket: Socket
  private exchange: Exchange | null = null
  private parser: ResponseParser | null = null
  /** Answers completed on this connection: a failure before any byte on a reused one is retried. */
  private answered = 0
  private idleTimer: NodeJS.Timeout | null = null
  private gone = false

  constructor(private readonly pool: ConnectionOwner) {
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
      exchange.connection = null
      this.exchange = null
      return this.pool.retry(exchange)
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
