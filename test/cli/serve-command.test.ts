// `glasshouse serve` as a command: one line on stdout (the address with its token), logs on
// stderr without the token, clear refusals, and a clean stop when its signal fires.
import { afterEach, describe, expect, it } from 'vitest'
import { serveCommand } from '../../main/cli/serve-command'
import { runCli, usage } from '../../main/cli/run'
import type { CliIo } from '../../main/cli/run'
import { fakeBackend, type FakeBackend } from '../support/fake-backend'
import { rawRequest } from '../support/http'
import { makeRendererDir, type RendererDir } from '../support/renderer-dir'

interface Harness {
  out: string[]
  err: string[]
  io: CliIo
  stop: AbortController
}

function harness(): Harness {
  const out: string[] = []
  const err: string[] = []
  const stop = new AbortController()
  return { out, err, stop, io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, signal: stop.signal } }
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

let renderer: RendererDir | null = null
afterEach(() => {
  renderer?.remove()
  renderer = null
})

describe('glasshouse serve', () => {
  it('is listed in the usage', () => {
    expect(usage()).toContain('serve')
    expect(usage()).toContain('--host ADDR')
  })

  it('prints only the address with its token, serves, and stops on its signal', async () => {
    renderer = makeRendererDir()
    let backend: FakeBackend | null = null
    const t = harness()
    const running = serveCommand(['--no-open'], t.io, {
      rendererDir: renderer.dir,
      createBackend: async (options) => {
        expect(options.carrier).toBe('serve')
        backend = fakeBackend()
        return backend
      }
    })
    await until(() => t.out.length > 0)
    expect(t.out).toHaveLength(1)
    const url = t.out[0]!
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}\n$/)
    const parsed = new URL(url.trim())
    const token = new URLSearchParams(parsed.hash.slice(1)).get('token')!
    const call = (headers: Record<string, string>): Promise<{ status: number }> =>
      rawRequest(Number(parsed.port), '/api/invoke/app:info', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{"args":[]}' })
    expect((await call({ Authorization: `Bearer ${token}` })).status).toBe(200)
    expect((await call({})).status).toBe(401)

    t.stop.abort()
    expect(await running).toBe(0)
    expect(backend!.closed).toBe(true)
    expect(t.out).toHaveLength(1)
    expect(t.err.join('')).not.toContain(token)
    expect(t.err.join('')).toContain('stopped')
  })

  it('passes --probe to the backend (auto when not given) and refuses an unknown one before starting anything', async () => {
    renderer = makeRendererDir()
    for (const [args, expected] of [[['--probe', 'helper'], 'helper'], [[], 'auto']] as const) {
      const t = harness()
      let probe: string | undefined
      const running = serveCommand([...args], t.io, {
        rendererDir: renderer.dir,
        createBackend: async (options) => {
          probe = options.probe
          return fakeBackend()
        }
      })
      await until(() => t.out.length > 0)
      t.stop.abort()
      expect(await running).toBe(0)
      expect(probe).toBe(expected)
    }
    const t = harness()
    let started = false
    const code = await serveCommand(['--probe', 'vm'], t.io, { rendererDir: renderer.dir, createBackend: async () => ((started = true), fakeBackend()) })
    expect(code).toBe(2)
    expect(started).toBe(false)
    expect(t.err.join('')).toBe('glasshouse serve: --probe must be one of auto, local, helper, not vm\n')
  })

  it('says to build first when the renderer is missing', async () => {
    const t = harness()
    expect(await serveCommand([], t.io, { rendererDir: '/no/such/out/renderer', createBackend: async () => fakeBackend() })).toBe(1)
    expect(t.err.join('')).toContain('run npm run build')
    expect(t.out).toEqual([])
  })

  it('refuses a bad port and an unknown option', async () => {
    const t = harness()
    expect(await runCli(['serve', '--port', 'http'], t.io)).toBe(2)
    expect(await runCli(['serve', '--port', '70000'], t.io)).toBe(2)
    expect(await runCli(['serve', '--open'], t.io)).toBe(2)
    expect(t.err.join('')).toContain('--port must be a number')
    expect(t.out).toEqual([])
  })

  // Tests never listen beyond loopback: for a non-loopback --host, the listening is handed to a stand-in.
  function standInServer(outcome: 'listens' | Error): { hosts: string[]; start: NonNullable<Parameters<typeof serveCommand>[2]>['startServer'] } {
    const hosts: string[] = []
    return {
      hosts,
      start: async (options) => {
        hosts.push(options.host)
        if (outcome instanceof Error) throw outcome
        return { url: `http://${options.host}:8080/#token=${options.token}`, origin: `http://${options.host}:8080`, port: 8080, exposed: true, close: async () => undefined }
      }
    }
  }

  it('warns loudly once listening beyond loopback, and still never prints the token on stderr', async () => {
    renderer = makeRendererDir()
    const t = harness()
    const server = standInServer('listens')
    const running = serveCommand(['--host', '0.0.0.0'], t.io, { rendererDir: renderer.dir, createBackend: async () => fakeBackend(), startServer: server.start })
    await until(() => t.out.length > 0)
    t.stop.abort()
    expect(await running).toBe(0)
    expect(server.hosts).toEqual(['0.0.0.0'])
    const token = new URLSearchParams(new URL(t.out[0]!.trim()).hash.slice(1)).get('token')!
    expect(token).toHaveLength(43)
    expect(t.err.join('')).toContain('WARNING: listening on 0.0.0.0')
    expect(t.err.join('')).toContain('the token travels in clear text')
    expect(t.err.join('')).not.toContain(token)
  })

  it('refuses an address that is not one in one line: no warning, no backend, nothing bound', async () => {
    renderer = makeRendererDir()
    const t = harness()
    const server = standInServer('listens')
    let backends = 0
    const code = await serveCommand(['--host', '1.2.3.4.5'], t.io, {
      rendererDir: renderer.dir,
      createBackend: async () => (backends++, fakeBackend()),
      startServer: server.start
    })
    expect(code).toBe(2)
    expect(t.err).toEqual(['glasshouse serve: --host 1.2.3.4.5 is neither an IP address nor a host name\n'])
    expect(t.out).toEqual([])
    expect(backends).toBe(0)
    expect(server.hosts).toEqual([])
  })

  it('does not warn about exposure when listening on a valid address then fails', async () => {
    renderer = makeRendererDir()
    const t = harness()
    const failure = Object.assign(new Error('listen EADDRNOTAVAIL: address not available 192.0.2.1'), { code: 'EADDRNOTAVAIL' })
    const code = await serveCommand(['--host', '192.0.2.1'], t.io, {
      rendererDir: renderer.dir,
      createBackend: async () => fakeBackend(),
      startServer: standInServer(failure).start
    })
    expect(code).toBe(1)
    expect(t.err.join('')).toContain('cannot listen on 192.0.2.1:0')
    expect(t.err.join('')).not.toContain('WARNING')
  })

  it('exits 130 or 143 when SIGINT or SIGTERM stopped it', async () => {
    renderer = makeRendererDir()
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      const t = harness()
      const running = serveCommand([], t.io, { rendererDir: renderer.dir, createBackend: async () => fakeBackend() })
      await until(() => t.out.length > 0)
      t.stop.abort(signal)
      expect(await running).toBe(code)
    }
  })

  it('reports a port already in use without a stack or the token', async () => {
    renderer = makeRendererDir()
    const first = harness()
    const running = serveCommand([], first.io, { rendererDir: renderer.dir, createBackend: async () => fakeBackend() })
    await until(() => first.out.length > 0)
    const port = new URL(first.out[0]!.trim()).port
    const second = harness()
    let backend: FakeBackend | null = null
    const code = await serveCommand(['--port', port], second.io, {
      rendererDir: renderer.dir,
      createBackend: async () => (backend = fakeBackend())
    })
    expect(code).toBe(1)
    expect(second.err.join('')).toContain('EADDRINUSE')
    expect(second.out).toEqual([])
    expect(backend!.closed).toBe(true)
    first.stop.abort()
    await running
  })
})
