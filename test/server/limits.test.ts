// What clients may hold of a real serve-mode server on loopback: slow and silent connections are
// closed within the timeouts, connections past the cap are dropped, the 17th live socket is
// refused with its own close code, and a good client is answered throughout. Also binding [::1].
import { request } from 'node:http'
import { connect, type Socket } from 'node:net'
import { networkInterfaces } from 'node:os'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { CLOSE_TOO_MANY_SOCKETS, LIVE_PATH } from '../../shared/serve-protocol'
import { startServer, type RunningServer } from '../../main/server/serve'
import { createToken } from '../../main/server/token'
import { fakeBackend } from '../support/fake-backend'
import { rawRequest } from '../support/http'
import { makeRendererDir } from '../support/renderer-dir'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function start(overrides: Partial<Parameters<typeof startServer>[0]> = {}): Promise<{ server: RunningServer; token: string; logs: string[] }> {
  const renderer = makeRendererDir()
  cleanups.push(() => renderer.remove())
  const token = createToken()
  const logs: string[] = []
  const server = await startServer({
    backend: fakeBackend(),
    rendererDir: renderer.dir,
    host: '127.0.0.1',
    port: 0,
    hostGivenExplicitly: false,
    token,
    log: (line) => logs.push(line),
    ...overrides
  })
  cleanups.push(() => server.close())
  return { server, token, logs }
}

/** A raw TCP connection that resolves once connected; its close time is recorded. */
function openConnection(port: number): Promise<{ socket: Socket; closedAt: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port })
    cleanups.push(() => void socket.destroy())
    const closedAt = new Promise<number>((done) => socket.once('close', () => done(Date.now())))
    socket.on('error', () => undefined)
    // Read what the server says (a 408), or 'close' would wait for the data to be consumed.
    socket.resume()
    socket.once('connect', () => resolve({ socket, closedAt }))
    socket.once('error', reject)
  })
}

async function appInfo(port: number, token: string): Promise<number> {
  const response = await rawRequest(port, '/api/invoke/app:info', {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: '{"args":[]}'
  })
  return response.status
}

describe('slow and silent clients', () => {
  it('are closed within the header and request timeouts, while a good client is answered', async () => {
    const limits = { headersTimeoutMs: 600, requestTimeoutMs: 1200, timeoutCheckMs: 100, keepAliveTimeoutMs: 600 }
    const { server, token } = await start({ limits })
    const started = Date.now()
    const connections = await Promise.all(Array.from({ length: 40 }, () => openConnection(server.port)))
    connections.forEach(({ socket }, i) => {
      // Half send the start of a request and never finish its headers; the other half send nothing.
      if (i % 2 === 0) socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow-${i}: `)
    })
    // Sent a body more slowly than requestTimeout allows: complete headers, then a trickle.
    const trickle = await openConnection(server.port)
    trickle.socket.write(
      `POST /api/invoke/app:info HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{`
    )
    const drip = setInterval(() => trickle.socket.write(' '), 100)
    cleanups.push(() => clearInterval(drip))

    expect(await appInfo(server.port, token)).toBe(200)
    const closed = await Promise.all([...connections, trickle].map((c) => c.closedAt))
    clearInterval(drip)
    // Each must be gone within its timeout plus one check interval, with some slack for a busy machine.
    const slowest = Math.max(...closed) - started
    expect(slowest).toBeLessThan(limits.requestTimeoutMs + limits.timeoutCheckMs + 1500)
    expect(await appInfo(server.port, token)).toBe(200)
  }, 15_000)

  it('drop connections past maxConnections, and take new ones once others closed', async () => {
    const { server, token } = await start({ limits: { maxConnections: 8 } })
    const held = await Promise.all(Array.from({ length: 8 }, () => openConnection(server.port)))
    const extra = await openConnection(server.port)
    // The server closes the ninth at once; without the cap it would stay open, waiting for a request.
    const outcome = await Promise.race([extra.closedAt.then(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('still open'), 1000))])
    expect(outcome).toBe('closed')
    await expect(appInfo(server.port, token)).rejects.toThrow(/ECONNRESET|socket hang up/)
    for (const { socket } of held) socket.destroy()
    await Promise.all(held.map((c) => c.closedAt))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(await appInfo(server.port, token)).toBe(200)
  })
})

describe('live sockets', () => {
  it('accepts 16 and closes the 17th with CLOSE_TOO_MANY_SOCKETS and a reason', async () => {
    const { server, token, logs } = await start()
    const open = (): Promise<WebSocket> =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${server.port}${LIVE_PATH}`, { headers: { Authorization: `Bearer ${token}` } })
        cleanups.push(() => ws.terminate())
        ws.once('open', () => resolve(ws))
        ws.once('error', reject)
      })
    const sockets: WebSocket[] = []
    for (let i = 0; i < 16; i++) sockets.push(await open())
    const seventeenth = await open()
    const [code, reason] = await new Promise<[number, string]>((resolve) => seventeenth.once('close', (c, r) => resolve([c, r.toString()])))
    expect(code).toBe(CLOSE_TOO_MANY_SOCKETS)
    expect(reason).toBe('too many live sockets (16 open)')
    expect(sockets.every((ws) => ws.readyState === WebSocket.OPEN)).toBe(true)
    expect(logs.some((line) => line.includes('refused a live socket'))).toBe(true)
    // One leaves: the next one is welcome again.
    const leaving = sockets.pop()!
    const left = new Promise((resolve) => leaving.once('close', resolve))
    leaving.close()
    await left
    await new Promise((resolve) => setTimeout(resolve, 50))
    const next = await open()
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(next.readyState).toBe(WebSocket.OPEN)
  })
})

const hasIpv6Loopback = Object.values(networkInterfaces()).some((list) => list?.some((a) => a.family === 'IPv6' && a.address === '::1'))

describe.skipIf(!hasIpv6Loopback)('binding [::1]', () => {
  it('listens on ::1 when asked as "[::1]" or "::1", prints a bracketed address, and answers there', async () => {
    for (const host of ['[::1]', '::1']) {
      const { server, token } = await start({ host, hostGivenExplicitly: true })
      expect(server.url).toBe(`http://[::1]:${server.port}/#token=${token}`)
      expect(server.exposed).toBe(false)
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(
          { host: '::1', port: server.port, path: '/api/invoke/app:info', method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } },
          (res) => {
            res.resume()
            resolve(res.statusCode ?? 0)
          }
        )
        req.on('error', reject)
        req.end('{"args":[]}')
      })
      expect(status).toBe(200)
    }
  })
})
