// The push half of serve mode: authenticated WebSockets at LIVE_PATH, each pushed message sent
// to all of them as one JSON frame { channel, payload }. A socket that cannot keep up (its
// send buffer grows past a limit) is closed rather than allowed to grow the server's memory;
// the page reconnects and fetches a fresh snapshot. Sockets that stop answering pings are dropped.
// At most maxSockets are live at once: one more is accepted only to be closed with a code that
// says why (CLOSE_TOO_MANY_SOCKETS), so a page can tell the user instead of retrying blindly.
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocket, WebSocketServer } from 'ws'
import { CLOSE_TOO_MANY_SOCKETS, LIVE_PROTOCOL, type PushFrame } from '../../shared/serve-protocol'

export interface LiveSocketsOptions {
  /** Close a socket whose unsent data passes this many bytes. */
  maxBufferedBytes: number
  /** How often to ping; a socket that missed the previous ping is terminated. */
  heartbeatMs: number
  maxSockets: number
  log: (message: string) => void
}

export const CLOSE_TOO_SLOW = 1013
export const CLOSE_GOING_AWAY = 1001

export class LiveSockets {
  private readonly server = new WebSocketServer({
    noServer: true,
    maxPayload: 4096,
    perMessageDeflate: false,
    // The page offers LIVE_PROTOCOL and its token as a second protocol: only the first is echoed.
    handleProtocols: (offered) => (offered.has(LIVE_PROTOCOL) ? LIVE_PROTOCOL : false)
  })
  private readonly alive = new WeakMap<WebSocket, boolean>()
  private readonly heartbeat: NodeJS.Timeout

  constructor(private readonly options: LiveSocketsOptions) {
    this.heartbeat = setInterval(() => this.ping(), options.heartbeatMs)
    this.heartbeat.unref()
  }

  get count(): number {
    return this.server.clients.size
  }

  /** Completes the upgrade of a request the caller has already authorized. */
  accept(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const full = this.server.clients.size >= this.options.maxSockets
    this.server.handleUpgrade(request, socket, head, (ws) => {
      if (full) {
        this.options.log(`refused a live socket: ${this.options.maxSockets} are open`)
        ws.close(CLOSE_TOO_MANY_SOCKETS, `too many live sockets (${this.options.maxSockets} open)`)
        setTimeout(() => ws.terminate(), 1000).unref()
        return
      }
      this.alive.set(ws, true)
      ws.on('pong', () => this.alive.set(ws, true))
      // The page only listens; anything it sends is ignored.
      ws.on('message', () => undefined)
      ws.on('error', (error) => this.options.log(`live socket error: ${error.message}`))
    })
  }

  broadcast(frame: PushFrame): void {
    if (this.server.clients.size === 0) return
    const data = JSON.stringify(frame)
    for (const ws of this.server.clients) {
      if (ws.readyState !== WebSocket.OPEN) continue
      if (ws.bufferedAmount > this.options.maxBufferedBytes) {
        this.options.log('closing a live socket that could not keep up')
        ws.close(CLOSE_TOO_SLOW, 'too slow')
        // A client too slow to take data is too slow to take the close frame.
        setTimeout(() => ws.terminate(), 1000).unref()
        continue
      }
      ws.send(data, (error) => {
        if (error) ws.terminate()
      })
    }
  }

  close(): void {
    clearInterval(this.heartbeat)
    for (const ws of this.server.clients) {
      ws.close(CLOSE_GOING_AWAY, 'server closing')
      setTimeout(() => ws.terminate(), 500).unref()
    }
    this.server.close()
  }

  private ping(): void {
    for (const ws of this.server.clients) {
      if (this.alive.get(ws) === false) {
        ws.terminate()
        continue
      }
      this.alive.set(ws, false)
      ws.ping()
    }
  }
}

const REASONS = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 421: 'Misdirected Request' } as const
const CODES = { 400: 'bad-request', 401: 'forbidden', 403: 'forbidden', 404: 'not-found', 421: 'forbidden' } as const

/** Refuses an upgrade at the HTTP level, before any WebSocket exists. */
export function refuseUpgrade(socket: Duplex, status: keyof typeof REASONS, message: string): void {
  const body = JSON.stringify({ ok: false, error: { code: CODES[status], message } })
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  )
}
