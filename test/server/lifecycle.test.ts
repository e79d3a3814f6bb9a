// Serve mode's rules for where it may listen, slow sockets, and a clean close.
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { LIVE_PATH } from '../../shared/serve-protocol'
import { checkBind, ServeRefusal } from '../../main/server/bind-policy'
import { isLoopbackHost } from '../../main/server/loopback'
import { startServer, type RunningServer } from '../../main/server/serve'
import { createToken, tokensMatch } from '../../main/server/token'
import { fakeBackend } from '../support/fake-backend'
import { rawRequest } from '../support/http'
import { makeRendererDir } from '../support/renderer-dir'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function start(overrides: Partial<Parameters<typeof startServer>[0]> = {}): Promise<{ server: RunningServer; logs: string[]; token: string; backend: ReturnType<typeof fakeBackend> }> {
  const renderer = makeRendererDir()
  cleanups.push(() => renderer.remove())
  const logs: string[] = []
  const token = createToken()
  const backend = fakeBackend()
  const server = await startServer({
    backend,
    rendererDir: renderer.dir,
    host: '127.0.0.1',
    port: 0,
    hostGivenExplicitly: false,
    token,
    log: (line) => logs.push(line),
    ...overrides
  })
  cleanups.push(() => server.close())
  return { server, logs, token, backend }
}

describe('where serve mode may listen', () => {
  it('knows loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1']) expect(isLoopbackHost(host), host).toBe(true)
    for (const host of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.com', '::ffff:10.0.0.1']) expect(isLoopbackHost(host), host).toBe(false)
  })

  it('refuses a non-loopback host unless --host named it', async () => {
    await expect(start({ host: '0.0.0.0' })).rejects.toThrow(ServeRefusal)
    await expect(start({ host: '0.0.0.0' })).rejects.toThrow('only loopback is allowed unless --host names the address')
    expect(checkBind({ host: '0.0.0.0', hostGivenExplicitly: true, token: createToken() })).toEqual({ exposed: true })
  })

  it('refuses to start without a token, on loopback and (explicitly) beyond it', async () => {
    await expect(start({ token: '' })).rejects.toThrow('always needs a token')
    expect(() => checkBind({ host: '0.0.0.0', hostGivenExplicitly: true, token: '' })).toThrow('refusing to listen on 0.0.0.0 without a token')
    expect(() => checkBind({ host: '127.0.0.1', hostGivenExplicitly: false, token: 'short' })).toThrow(ServeRefusal)
  })

  it('makes 32-byte base64url tokens and compares them exactly', () => {
    const token = createToken()
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(createToken()).not.toBe(token)
    expect(tokensMatch(token, token)).toBe(true)
    expect(tokensMatch(token.slice(0, -1), token)).toBe(false)
    expect(tokensMatch(null, token)).toBe(false)
  })

  it('listens on loopback at a free port by default, and prints the token only in its url’s fragment', async () => {
    const { server, token } = await start()
    expect(server.port).toBeGreaterThan(0)
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${token}`)
    expect(server.origin).not.toContain(token)
    expect(server.exposed).toBe(false)
  })
})

describe('live sockets under pressure', () => {
  it('closes a socket that stops reading, without crashing or starving the others', async () => {
    const { server, logs, token, backend } = await start({ maxBufferedBytes: 64 * 1024 })
    const headers = { Authorization: `Bearer ${token}` }
    const open = (): Promise<WebSocket> =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${server.port}${LIVE_PATH}`, { headers })
        ws.once('open', () => resolve(ws))
        ws.once('error', reject)
      })
    const stalled = await open()
    const healthy = await open()
    let received = 0
    healthy.on('message', () => received++)
    // The stalled client's TCP socket stops reading: the server's send buffer has to grow.
    ;(stalled as unknown as { _socket: { pause(): void } })._socket.pause()
    const big = 'x'.repeat(256 * 1024)
    const message = { type: 'event', kind: 'oom-kill', containerId: 'c', containerName: 'n', at: 'now', message: big, detail: {} } as const
    for (let i = 0; i < 200 && !logs.some((l) => l.includes('could not keep up')); i++) {
      backend.emit(message)
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    expect(logs.some((l) => l.includes('could not keep up'))).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(received).toBeGreaterThan(0)
    stalled.terminate()
    healthy.close()
    const answer = await rawRequest(server.port, '/api/invoke/app:info', { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: '{"args":[]}' })
    expect(answer.status).toBe(200)
  })
})

describe('closing', () => {
  it('closes its sockets (1001), stops listening and leaves the backend to its owner', async () => {
    const { server, token, backend } = await start()
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${LIVE_PATH}`, { headers: { Authorization: `Bearer ${token}` } })
    await new Promise((resolve) => ws.once('open', resolve))
    expect(backend.listenerCount()).toBe(1)
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
    await server.close()
    expect(await closed).toBe(1001)
    expect(backend.listenerCount()).toBe(0)
    expect(backend.closed).toBe(false)
    await expect(rawRequest(server.port, '/')).rejects.toThrow(/ECONNREFUSED/)
  })
})
