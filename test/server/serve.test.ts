// Serve mode on a real HTTP server (127.0.0.1, port 0) with a fake backend: the token on every
// contract request and socket (never a cookie), the Host and Origin rules, no CORS, static files
// that cannot escape their folder and hold no secret.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { INVOKE_PATH, LIVE_PATH, LIVE_PROTOCOL, TOKEN_PROTOCOL_PREFIX } from '../../shared/serve-protocol'
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
      Object.entries({ 'Content-Type': 'application/json', Authorization: bearer(), Origin: origin(), ...headers }).filter(([, v]) => v !== '')
    ),
    body: typeof body === 'string' ? body : JSON.stringify(body)
  })
  responses.push(response)
  return response
}

const bearer = (value = token): string => `Bearer ${value}`
const origin = (): string => `http://127.0.0.1:${server.port}`
const host = (): string => `127.0.0.1:${server.port}`

/** The subprotocols a page offers: the live protocol and its token. */
const protocols = (value = token): string[] => [LIVE_PROTOCOL, TOKEN_PROTOCOL_PREFIX + value]

/** Opens a socket and resolves with it once open, or rejects with the refusal's status. */
function openSocket(headers: Record<string, string>, path = LIVE_PATH, offered: string[] = []): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${host()}${path}`, offered, { headers })
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

  it('never runs a demo step: starting containers needs the token and the page\'s own origin', async () => {
    expect((await invoke('demo:run-step', { args: ['pid-namespace', 0] }, { Authorization: '' })).status).toBe(401)
    expect((await invoke('demo:run-step', { args: ['pid-namespace', 0] }, { Authorization: bearer(wrong()) })).status).toBe(401)
    expect((await invoke('demo:run-step', { args: ['pid-namespace', 0] }, { Origin: 'http://evil.example' })).status).toBe(403)
    expect((await invoke('demo:run-step', { args: ['../x', 0] })).status).toBe(400)
    expect(backend.calls.filter((c) => c.startsWith('demo:run-step'))).toEqual([])
    expect((await invoke('demo:run-step', { args: ['pid-namespace', 0] })).status).toBe(404)
    expect(backend.calls).toContain('demo:run-step pid-namespace 0')
  })

  it('refuses every contract request with 401, whatever else it carries', async () => {
    const noToken = await rawRequest(server.port, INVOKE_PATH + 'app:info', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"args":[]}'
    })
    expect(noToken.status).toBe(401)
    expect(JSON.parse(noToken.body)).toEqual({ ok: false, error: { code: 'forbidden', message: 'missing or wrong token' } })
    expect((await invoke('app:info', { args: [] }, { Authorization: bearer(wrong()) })).status).toBe(401)
    expect((await invoke('app:info', { args: [] }, { Authorization: 'Bearer ' })).status).toBe(401)
    // Neither a cookie nor the query is a credential any more.
    expect((await invoke('app:info', { args: [] }, { Authorization: '', Cookie: `glasshouse_token=${token}` })).status).toBe(401)
    expect((await invoke(`app:info?token=${token}`, { args: [] }, { Authorization: '' })).status).toBe(401)
    expect(backend.calls).not.toContain('app:info')
  })

  it('refuses the WebSocket with 401: no subprotocol, a wrong one, a cookie or the query', async () => {
    await expect(openSocket({ Origin: origin() })).rejects.toThrow('refused 401')
    await expect(openSocket({ Origin: origin() }, LIVE_PATH, [LIVE_PROTOCOL])).rejects.toThrow('refused 401')
    await expect(openSocket({ Origin: origin() }, LIVE_PATH, protocols(wrong()))).rejects.toThrow('refused 401')
    await expect(openSocket({ Origin: origin(), Cookie: `glasshouse_token=${token}` })).rejects.toThrow('refused 401')
    await expect(openSocket({ Origin: origin() }, `${LIVE_PATH}?token=${token}`)).rejects.toThrow('refused 401')
  })
})

describe('the page', () => {
  it('is served without the token, without any cookie, with strict headers', async () => {
    for (const path of ['/', '/index.html', `/?token=${token}`]) {
      const page = await get(path)
      expect(page.status, path).toBe(200)
      expect(page.headers['set-cookie'], path).toBeUndefined()
      expect(page.body, path).not.toContain(token)
    }
    const page = await get('/')
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.body).toContain('<div id="root">')
    expect(page.headers['content-security-policy']).toBe(TEST_CSP)
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    expect(page.headers['referrer-policy']).toBe('no-referrer')
    expect(page.headers['cache-control']).toBe('no-store')
  })

  it('serves assets with their content types, and 404 for what is not there', async () => {
    const js = await get('/assets/app.js')
    expect(js.status).toBe(200)
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(js.headers['x-content-type-options']).toBe('nosniff')
    const css = await get('/assets/style.css')
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8')
    expect((await get('/assets/missing.js')).status).toBe(404)
  })
})

describe('the Host a request names (DNS rebinding)', () => {
  it('accepts 127.0.0.1, localhost and [::1] with any port (an SSH tunnel), and nothing else', async () => {
    for (const name of ['127.0.0.1', 'localhost', 'LOCALHOST', '[::1]', `127.0.0.1:${9}`, 'localhost:8080', '[::1]:8080']) {
      expect((await get('/', { Host: name })).status, name).toBe(200)
      expect((await invoke('app:info', { args: [] }, { Host: name, Origin: '' })).status, name).toBe(200)
    }
    for (const name of ['evil.example', `evil.example:${server.port}`, '127.0.0.1.evil.example', 'localhost.', '127.0.0.2', '[::2]', 'localhost:x']) {
      const page = await get('/', { Host: name })
      expect(page.status, name).toBe(421)
      expect((await invoke('app:info', { args: [] }, { Host: name, Origin: '' })).status, name).toBe(421)
    }
  })

  it('refuses a socket to another Host, token or not', async () => {
    const ws = new WebSocket(`ws://${host()}${LIVE_PATH}`, protocols(), { headers: { Host: `rebound.example:${server.port}`, Origin: `http://rebound.example:${server.port}` } })
    const status = await new Promise<number>((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)))
    expect(status).toBe(421)
  })
})

describe('with the right token', () => {
  it('answers a contract request with its InvokeResult', async () => {
    const response = await invoke('app:info', { args: [] })
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(JSON.parse(response.body)).toEqual({ ok: true, value: { version: '9.9.9', carrier: 'serve', live: false } })
    const noOrigin = await invoke('snapshot:get', { args: [] }, { Origin: '' })
    expect(JSON.parse(noOrigin.body)).toMatchObject({ ok: true, value: { schemaVersion: 1 } })
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
    const get = await rawRequest(server.port, INVOKE_PATH + 'app:info', { headers: { Authorization: bearer() } })
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
  it('delivers pushed messages as { channel, payload } frames, answering only the live subprotocol', async () => {
    const ws = await openSocket({ Origin: origin() }, LIVE_PATH, protocols())
    expect(ws.protocol).toBe(LIVE_PROTOCOL)
    const first = nextMessage(ws)
    backend.emit(SAMPLE_EVENT)
    expect(await first).toEqual({ channel: 'live:message', payload: SAMPLE_EVENT })
    ws.close()
  })

  it('refuses a socket whose Origin is not the server’s own', async () => {
    await expect(openSocket({ Origin: 'http://evil.example' }, LIVE_PATH, protocols())).rejects.toThrow('refused 403')
    await expect(openSocket({ Origin: `http://127.0.0.1:${server.port + 1}` }, LIVE_PATH, protocols())).rejects.toThrow('refused 403')
    // A browser always sends Origin; a subprotocol token without one is not trusted.
    await expect(openSocket({}, LIVE_PATH, protocols())).rejects.toThrow('refused 403')
  })

  it('lets a non-browser client with a Bearer token connect without Origin', async () => {
    const ws = await openSocket({ Authorization: bearer() })
    ws.close()
  })

  it('refuses other socket paths', async () => {
    await expect(openSocket({ Origin: origin() }, '/api/other', protocols())).rejects.toThrow('refused 404')
  })

  it('survives a client that vanishes, and keeps serving the others', async () => {
    const gone = await openSocket({ Origin: origin() }, LIVE_PATH, protocols())
    const stays = await openSocket({ Origin: origin() }, LIVE_PATH, protocols())
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
      const response = await get(path)
      expect([400, 404], path).toContain(response.status)
      expect(response.body, path).not.toContain(OUTSIDE_SECRET)
    }
  })
})

describe('headers', () => {
  it('never sends a CORS header, not even to a preflight', async () => {
    const preflight = await rawRequest(server.port, INVOKE_PATH + 'app:info', {
      method: 'OPTIONS',
      headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST', Authorization: bearer() }
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
