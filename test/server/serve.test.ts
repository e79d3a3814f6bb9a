// Serve mode on a real HTTP server (127.0.0.1, port 0) with a fake backend: the token on every
// request and socket, the Origin rule, no CORS, static files that cannot escape their folder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { INVOKE_PATH, LIVE_PATH, TOKEN_COOKIE } from '../../shared/serve-protocol'
import { startServer, type RunningServer } from '../../main/server/serve'
import { createToken } from '../../main/server/token'
import { fakeBackend, SAMPLE_EVENT, SECRET_FAILURE, type FakeBackend } from '../support/fake-backend'
import { rawRequest, type RawResponse } from '../support/http'
import { makeRendererDir, OUTSIDE_SECRET, TEST_CSP, type RendererDir } from '../support/renderer-dir'

let renderer: RendererDir
let backend: FakeBackend
let server: RunningServer
let token: string
const logs: string[] = []
const responses: RawResponse[] = []

async function get(path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const response = await rawRequest(server.port, path, { headers })
  responses.push(response)
  return response
}

async function invoke(channel: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  const response = await rawRequest(server.port, INVOKE_PATH + channel, {
    method: 'POST',
    // An empty string leaves the header out.
    headers: Object.fromEntries(
      Object.entries({ 'Content-Type': 'application/json', Cookie: cookie(), Origin: origin(), ...headers }).filter(([, v]) => v !== '')
    ),
    body: typeof body === 'string' ? body : JSON.stringify(body)
  })
  responses.push(response)
  return response
}

const cookie = (value = token): string => `${TOKEN_COOKIE}=${value}`
const origin = (): string => `http://127.0.0.1:${server.port}`
const host = (): string => `127.0.0.1:${server.port}`

/** Opens a socket and resolves with it once open, or rejects with the refusal's status. */
function openSocket(headers: Record<string, string>, path = LIVE_PATH): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${host()}${path}`, { headers })
    ws.once('open', () => resolve(ws))
    ws.once('unexpected-response', (_req, res) => {
      reject(new Error(`refused ${res.statusCode}`))
      res.resume()
    })
    ws.once('error', reject)
  })
}

function nextMessage(ws: WebSocket): Promise<unknown> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))))
}

beforeAll(async () => {
  renderer = makeRendererDir()
  backend = fakeBackend()
  token = createToken()
  server = await startServer({
    backend,
    rendererDir: renderer.dir,
    host: '127.0.0.1',
    port: 0,
    hostGivenExplicitly: false,
    token,
    log: (line) => logs.push(line),
    heartbeatMs: 60_000
  })
})

afterAll(async () => {
  await server.close()
  renderer.remove()
})

describe('without the right token', () => {
  const wrong = (): string => createToken()

  it('refuses the page, assets, unknown paths and invoke with 401', async () => {
    for (const path of ['/', '/index.html', '/assets/app.js', '/nope', `/?token=${wrong()}`]) {
      expect((await get(path)).status, path).toBe(401)
    }
    const noToken = await rawRequest(server.port, INVOKE_PATH + 'app:info', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"args":[]}'
    })
    expect(noToken.status).toBe(401)
    expect(JSON.parse(noToken.body)).toEqual({ ok: false, error: { code: 'forbidden', message: 'missing or wrong token' } })
    expect(backend.calls).not.toContain('app:info')
  })

  it('refuses a wrong token as cookie, as Bearer, and an empty one', async () => {
    expect((await get('/', { Cookie: cookie(wrong()) })).status).toBe(401)
    expect((await get('/', { Authorization: `Bearer ${wrong()}` })).status).toBe(401)
    expect((await get('/', { Cookie: cookie('') })).status).toBe(401)
    expect((await get('/?token=')).status).toBe(401)
    expect((await invoke('app:info', { args: [] }, { Cookie: cookie(wrong()) })).status).toBe(401)
  })

  it('accepts the token in the address only for the page itself', async () => {
    expect((await get(`/assets/app.js?token=${token}`)).status).toBe(401)
    expect((await invoke(`app:info?token=${token}`, { args: [] }, { Cookie: '' })).status).toBe(401)
  })

  it('refuses the WebSocket with 401', async () => {
    await expect(openSocket({ Origin: origin() })).rejects.toThrow('refused 401')
    await expect(openSocket({ Origin: origin(), Cookie: cookie(wrong()) })).rejects.toThrow('refused 401')
    await expect(openSocket({ Origin: origin() }, `${LIVE_PATH}?token=${token}`)).rejects.toThrow('refused 401')
  })
})

describe('with the right token', () => {
  it('serves the page with the token as an HttpOnly SameSite=Strict cookie and strict headers', async () => {
    const page = await get(`/?token=${token}`)
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.body).toContain('<div id="root">')
    const setCookie = String(page.headers['set-cookie'])
    expect(setCookie).toContain(`${TOKEN_COOKIE}=${token}`)
    expect(setCookie).toContain('HttpOnly')
    expect(setCookie).toContain('SameSite=Strict')
    expect(page.headers['content-security-policy']).toBe(TEST_CSP)
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    expect(page.headers['referrer-policy']).toBe('no-referrer')
    expect(page.headers['cache-control']).toBe('no-store')
  })

  it('serves assets with the cookie (or Bearer), with their content types', async () => {
    const js = await get('/assets/app.js', { Cookie: cookie() })
    expect(js.status).toBe(200)
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(js.headers['x-content-type-options']).toBe('nosniff')
    const css = await get('/assets/style.css', { Authorization: `Bearer ${token}` })
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8')
    expect((await get('/assets/missing.js', { Cookie: cookie() })).status).toBe(404)
  })

  it('answers a contract request with its InvokeResult', async () => {
    const response = await invoke('app:info', { args: [] })
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(JSON.parse(response.body)).toEqual({ ok: true, value: { version: '9.9.9', carrier: 'serve', live: false } })
    const bearer = await invoke('snapshot:get', { args: [] }, { Cookie: '', Origin: '', Authorization: `Bearer ${token}` })
    expect(JSON.parse(bearer.body)).toMatchObject({ ok: true, value: { schemaVersion: 1 } })
  })

  it('validates arguments before the handler sees them', async () => {
    const response = await invoke('recording:open', { args: ['../../etc/passwd'] })
    expect(response.status).toBe(400)
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'bad-request' } })
    expect(backend.calls.some((c) => c.startsWith('recording:open'))).toBe(false)
    expect(JSON.parse((await invoke('app:info', { args: [1] })).body).error.code).toBe('bad-request')
  })

  it('maps a BackendError to its code, and any other failure to internal without details', async () => {
    const missing = await invoke('recording:open', { args: ['demo'] })
    expect(missing.status).toBe(404)
    expect(JSON.parse(missing.body)).toEqual({ ok: false, error: { code: 'not-found', message: 'no recording named demo' } })
    const file = { suggestedName: 'a.json', mimeType: 'application/json', data: '{}', encoding: 'utf8' }
    const broken = await invoke('export:save', { args: [file] })
    expect(broken.status).toBe(500)
    expect(JSON.parse(broken.body).error.code).toBe('internal')
    expect(broken.body).not.toContain('secret')
    expect(broken.body).not.toMatch(/\bat .*:\d+/)
    expect(logs.some((line) => line.includes(SECRET_FAILURE))).toBe(true)
  })

  it('refuses malformed requests', async () => {
    expect((await invoke('no:such', { args: [] })).status).toBe(404)
    expect((await invoke('app:info', 'not json')).status).toBe(400)
    expect((await invoke('app:info', { notArgs: [] })).status).toBe(400)
    expect((await invoke('app:info', { args: [] }, { 'Content-Type': 'text/plain' })).status).toBe(415)
    const get = await rawRequest(server.port, INVOKE_PATH + 'app:info', { headers: { Cookie: cookie() } })
    expect(get.status).toBe(405)
    const big = await invoke('app:info', JSON.stringify({ args: [], pad: 'x'.repeat(2 * 1024 * 1024) }))
    expect(big.status).toBe(413)
  })

  it('refuses a contract request from another origin', async () => {
    const response = await invoke('app:info', { args: [] }, { Origin: 'http://evil.example' })
    expect(response.status).toBe(403)
    expect(JSON.parse(response.body).error.code).toBe('forbidden')
  })
})

describe('the live socket', () => {
  it('delivers pushed messages as { channel, payload } frames', async () => {
    const ws = await openSocket({ Origin: origin(), Cookie: cookie() })
    const first = nextMessage(ws)
    backend.emit(SAMPLE_EVENT)
    expect(await first).toEqual({ channel: 'live:message', payload: SAMPLE_EVENT })
    ws.close()
  })

  it('refuses a socket whose Origin is not the server’s own', async () => {
    await expect(openSocket({ Origin: 'http://evil.example', Cookie: cookie() })).rejects.toThrow('refused 403')
    await expect(openSocket({ Origin: `http://127.0.0.1:${server.port + 1}`, Cookie: cookie() })).rejects.toThrow('refused 403')
    // A browser always sends Origin; a cookie without one is not trusted.
    await expect(openSocket({ Cookie: cookie() })).rejects.toThrow('refused 403')
  })

  it('lets a non-browser client with a Bearer token connect without Origin', async () => {
    const ws = await openSocket({ Authorization: `Bearer ${token}` })
    ws.close()
  })

  it('refuses other socket paths', async () => {
    await expect(openSocket({ Origin: origin(), Cookie: cookie() }, '/api/other')).rejects.toThrow('refused 404')
  })

  it('survives a client that vanishes, and keeps serving the others', async () => {
    const gone = await openSocket({ Origin: origin(), Cookie: cookie() })
    const stays = await openSocket({ Origin: origin(), Cookie: cookie() })
    gone.terminate()
    const next = nextMessage(stays)
    backend.emit(SAMPLE_EVENT)
    backend.emit(SAMPLE_EVENT)
    expect(await next).toMatchObject({ channel: 'live:message' })
    stays.close()
  })
})

describe('static files', () => {
  it('cannot be made to leave the renderer folder', async () => {
    const attempts = [
      '/../package.json',
      '/../secret.txt',
      '/%2e%2e/package.json',
      '/%2E%2E/secret.txt',
      '/assets/..%2f..%2fpackage.json',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/assets/..\\..\\secret.txt',
      '/assets/%5c..%5csecret.txt',
      '//etc/passwd',
      '/%00index.html',
      '/%',
      '/.hidden',
      '/assets/link.txt'
    ]
    for (const path of attempts) {
      const response = await get(path, { Cookie: cookie() })
      expect([400, 404], path).toContain(response.status)
      expect(response.body, path).not.toContain(OUTSIDE_SECRET)
    }
  })
})

describe('headers', () => {
  it('never sends a CORS header, not even to a preflight', async () => {
    const preflight = await rawRequest(server.port, INVOKE_PATH + 'app:info', {
      method: 'OPTIONS',
      headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST', Cookie: cookie() }
    })
    responses.push(preflight)
    expect(preflight.status).toBeGreaterThanOrEqual(400)
    expect(responses.length).toBeGreaterThan(20)
    for (const response of responses) {
      expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-'))).toEqual([])
    }
  })

  it('never writes the token to its log', () => {
    expect(logs.length).toBeGreaterThan(0)
    for (const line of logs) expect(line).not.toContain(token)
  })
})
