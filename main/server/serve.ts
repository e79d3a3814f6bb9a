// Serve mode: the contract over HTTP + WebSocket, for a browser on this machine (or through an
// SSH tunnel). The backend is the caller's: it is neither created nor closed here.
import { createServer, type IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { BACKEND_PUSH_CHANNELS } from '../../shared/contract'
import { LIVE_PATH } from '../../shared/serve-protocol'
import type { Backend } from '../backend/backend'
import { checkBind } from './bind-policy'
import { cspFromHtml } from './csp'
import { handleRequest, splitUrl } from './http-handler'
import { LiveSockets, refuseUpgrade } from './live-sockets'
import { urlHost } from './loopback'
import { authorize, originAllowed } from './request-auth'
import { StaticRoot } from './static-files'
import { TOKEN_QUERY } from '../../shared/serve-protocol'

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
}

export interface RunningServer {
  /** The address to open, token included: print it once and nowhere else. */
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
  const sockets = new LiveSockets({
    maxBufferedBytes: options.maxBufferedBytes ?? 8 * 1024 * 1024,
    heartbeatMs: options.heartbeatMs ?? 30_000,
    log
  })
  const context = { token: options.token, handlers: options.backend.handlers, files, csp, maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024, log }

  const server = createServer((request, response) => {
    handleRequest(request, response, context).catch((error: unknown) => {
      log(`request failed: ${error instanceof Error ? error.message : String(error)}`)
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' })
      response.end(JSON.stringify({ ok: false, error: { code: 'internal', message: 'request failed inside Glasshouse' } }))
    })
  })
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy())
    const { path } = splitUrl(request.url)
    const credential = authorize(request.headers, null, options.token)
    if (credential === null) return refuseUpgrade(socket, 401, 'missing or wrong token')
    if (path !== LIVE_PATH) return refuseUpgrade(socket, 404, 'no such socket')
    // A browser always sends its Origin with a WebSocket: it must be this page's own. Only a
    // client holding the token as a Bearer header (not a browser) may leave it out.
    const browserless = request.headers.origin === undefined && credential === 'bearer'
    if (!(originAllowed(request.headers) && (request.headers.origin !== undefined || browserless))) {
      return refuseUpgrade(socket, 403, 'cross-origin socket refused')
    }
    sockets.accept(request, socket, head)
  })
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
    else socket.destroy()
  })

  const unsubscribe = BACKEND_PUSH_CHANNELS.map((channel) =>
    options.backend.push.subscribe(channel, (payload) => sockets.broadcast({ channel, payload }))
  )

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ host: options.host, port: options.port }, () => {
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
    url: `${origin}/?${TOKEN_QUERY}=${options.token}`,
    origin,
    port,
    exposed,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        for (const off of unsubscribe) off()
        sockets.close()
        server.close(() => resolve())
        server.closeIdleConnections()
        setTimeout(() => server.closeAllConnections(), 1000).unref()
      }))
  }
}
