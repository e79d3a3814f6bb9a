// Serve mode: the contract over HTTP + WebSocket, for a browser on this machine (or through an
// SSH tunnel). The backend is the caller's: it is neither created nor closed here.
import { createServer, type IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { BACKEND_PUSH_CHANNELS } from '../../shared/contract'
import { LIVE_PATH, TOKEN_FRAGMENT } from '../../shared/serve-protocol'
import type { Backend } from '../backend/backend'
import { checkBind } from './bind-policy'
import { cspFromHtml } from './csp'
import { handleRequest, MISDIRECTED, splitUrl, type HandlerContext } from './http-handler'
import { DEFAULT_SERVE_LIMITS, type ServeLimits } from './limits'
import { LiveSockets, refuseUpgrade } from './live-sockets'
import { bindAddress, urlHost } from './loopback'
import { authorizeUpgrade, hostAllowed, LOOPBACK_NAMES, originAllowed } from './request-auth'
import { SharedEncodings } from './shared-encodings'
import { StaticRoot } from './static-files'

export interface ServeOptions {
  backend: Pick<Backend, 'handlers' | 'push'>
  /** The built renderer (out/renderer). */
  rendererDir: string
  host: string
  /** 0 picks a free port. */
  port: number
  hostGivenExplicitly: boolean
  token: string
  /** Logs go to stderr; they never contain the token. */
  log: (message: string) => void
  maxBodyBytes?: number
  maxBufferedBytes?: number
  heartbeatMs?: number
  limits?: Partial<ServeLimits>
  /** False makes every answer per request and uncompressed, as before answers were shared: only for the bench's baseline. */
  shareAnswers?: boolean
}

export interface RunningServer {
  /** The address to open, token in its fragment: print it once and nowhere else. */
  url: string
  origin: string
  port: number
  /** Whether the server listens beyond loopback. */
  exposed: boolean
  close(): Promise<void>
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const { exposed } = checkBind(options)
  const files = await StaticRoot.open(options.rendererDir)
  const csp = cspFromHtml(await files.index())
  const log = options.log
  const limits: ServeLimits = { ...DEFAULT_SERVE_LIMITS, ...options.limits }
  const sockets = new LiveSockets({
    maxBufferedBytes: options.maxBufferedBytes ?? 8 * 1024 * 1024,
    heartbeatMs: options.heartbeatMs ?? 30_000,
    maxSockets: limits.maxLiveSockets,
    log
  })
  const encodings = options.shareAnswers === false ? null : new SharedEncodings()
  const allowedHosts = exposed ? null : [...new Set<string>([...LOOPBACK_NAMES, urlHost(options.host).toLowerCase()])]
  const context: HandlerContext = {
    token: options.token,
    handlers: options.backend.handlers,
    files,
    csp,
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    allowedHosts,
    encodings,
    log
  }

  const serverOptions = {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: limits.timeoutCheckMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs
  }
  const server = createServer(serverOptions, (request, response) => {
    handleRequest(request, response, context).catch((error: unknown) => {
      log(`request failed: ${error instanceof Error ? error.message : String(error)}`)
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' })
      response.end(JSON.stringify({ ok: false, error: { code: 'internal', message: 'request failed inside Glasshouse' } }))
    })
  })
  server.maxConnections = limits.maxConnections
  // A client that stops reading an answer (or never sends one more byte) lets its socket go idle.
  server.setTimeout(limits.idleSocketTimeoutMs)
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy())
    if (!hostAllowed(request.headers.host, allowedHosts)) return refuseUpgrade(socket, 421, MISDIRECTED.trim())
    const { path } = splitUrl(request.url)
    const credential = authorizeUpgrade(request.headers, options.token)
    if (credential === null) return refuseUpgrade(socket, 401, 'missing or wrong token')
    if (path !== LIVE_PATH) return refuseUpgrade(socket, 404, 'no such socket')
    // A browser always sends its Origin with a WebSocket: it must be this page's own. Only a
    // client holding the token as a Bearer header (which a browser cannot set) may leave it out.
    const browserless = request.headers.origin === undefined && credential === 'bearer'
    if (!(originAllowed(request.headers) && (request.headers.origin !== undefined || browserless))) {
      return refuseUpgrade(socket, 403, 'cross-origin socket refused')
    }
    sockets.accept(request, socket, head)
  })
  // A malformed request, or one past headersTimeout/requestTimeout: say so if nothing was sent
  // yet, then let go of the socket at once (end() would wait for a client that may never read).
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request'
    if (socket.writable && (socket as Socket).bytesWritten === 0) socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`)
    socket.destroy()
  })

  const unsubscribe = BACKEND_PUSH_CHANNELS.map((channel) =>
    options.backend.push.subscribe(channel, (payload) => sockets.broadcast({ channel, payload }))
  )

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ host: bindAddress(options.host), port: options.port }, () => {
      server.off('error', reject)
      const address = server.address()
      resolve(typeof address === 'object' && address !== null ? address.port : options.port)
    })
  }).catch((error: unknown) => {
    for (const off of unsubscribe) off()
    sockets.close()
    throw error
  })

  const origin = `http://${urlHost(options.host)}:${port}`
  let closing: Promise<void> | null = null
  return {
    url: `${origin}/#${TOKEN_FRAGMENT}=${options.token}`,
    origin,
    port,
    exposed,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        for (const off of unsubscribe) off()
        sockets.close()
        encodings?.clear()
        server.close(() => resolve())
        server.closeIdleConnections()
        setTimeout(() => server.closeAllConnections(), 1000).unref()
      }))
  }
}
