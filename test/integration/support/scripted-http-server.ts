// A raw HTTP server on a unix socket in a temp dir (or on 127.0.0.1), answering each request as a test scripts it:
// for what a real daemon will not do on demand (close a kept-alive connection, split a body,
// send garbage, never answer). Counts the connections it accepted and the most open at once.
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface ScriptedRequest {
  /** Request line and headers, without the blank line. */
  head: string
  path: string
  /** Which connection (0 = the first accepted) and which request on it (0 = its first). */
  connection: number
  onConnection: number
  /** Which request overall (0 = the first). */
  index: number
}

export type Answer = (socket: Socket, request: ScriptedRequest) => void | Promise<void>

export interface ScriptedServer {
  /** The unix socket, or with { tcp: true } none. */
  socketPath: string
  /** The loopback TCP port with { tcp: true }, else 0. */
  port: number
  requests: ScriptedRequest[]
  accepted: () => number
  maxOpen: () => number
  /** Resolves once n of the connections it accepted have closed (by either side). */
  untilClosed: (n: number) => Promise<void>
  stop: () => Promise<void>
}

export async function scriptedServer(answer: Answer, options: { tcp?: boolean } = {}): Promise<ScriptedServer> {
  const dir = mkdtempSync(join(tmpdir(), 'glasshouse-lean-http-'))
  const socketPath = join(dir, 'http.sock')
  const requests: ScriptedRequest[] = []
  const sockets = new Set<Socket>()
  let accepted = 0
  let maxOpen = 0
  let closings = 0
  let closeWaiters: Array<{ n: number; resolve: () => void }> = []
  const server: Server = createServer((socket) => {
    const connection = accepted++
    sockets.add(socket)
    maxOpen = Math.max(maxOpen, sockets.size)
    let buffer = ''
    let onConnection = 0
    socket.on('error', () => {})
    socket.on('close', () => {
      sockets.delete(socket)
      closings++
      for (const waiter of closeWaiters) if (waiter.n <= closings) waiter.resolve()
      closeWaiters = closeWaiters.filter((w) => w.n > closings)
    })
    socket.on('data', (data) => {
      buffer += data.toString('latin1')
      for (let end = buffer.indexOf('\r\n\r\n'); end >= 0; end = buffer.indexOf('\r\n\r\n')) {
        const head = buffer.slice(0, end)
        buffer = buffer.slice(end + 4)
        const request = { head, path: head.split(' ')[1] ?? '', connection, onConnection: onConnection++, index: requests.length }
        requests.push(request)
        void answer(socket, request)
      }
    })
  })
  if (options.tcp) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  else await new Promise<void>((resolve) => server.listen(socketPath, resolve))
  const address = server.address()
  return {
    socketPath: options.tcp ? '' : socketPath,
    port: typeof address === 'object' && address !== null ? address.port : 0,
    requests,
    accepted: () => accepted,
    maxOpen: () => maxOpen,
    untilClosed: (n) => new Promise((resolve) => (closings >= n ? resolve() : closeWaiters.push({ n, resolve }))),
    stop: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

/** A complete answer with a Content-Length body. */
export function answerWith(status: number, body: string, headers: Record<string, string> = {}): string {
  const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')
  return `HTTP/1.1 ${status} ${status === 200 ? 'OK' : 'Status'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`
}

/** Writes the pieces one at a time, each only after the last was flushed and a macrotask passed. */
export async function writeApart(socket: Socket, pieces: Array<string | Buffer>): Promise<void> {
  for (const piece of pieces) {
    if (socket.destroyed) return
    await new Promise<void>((resolve) => socket.write(piece, () => resolve()))
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
}
