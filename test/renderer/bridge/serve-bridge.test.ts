import { describe, expect, it, vi } from 'vitest'
import { createServeBridge, takeTokenFromAddress } from '../../../renderer/bridge/serve-bridge'
import { resolveBridge } from '../../../renderer/bridge/bridge'
import type { LiveMessage } from '../../../shared/live'

class FakeSocket {
  static made: FakeSocket[] = []
  onopen: (() => void) | null = null
  onmessage: ((e: { data: string }) => void) | null = null
  onclose: (() => void) | null = null
  closed = false
  constructor(
    readonly url: string,
    readonly protocols?: string[]
  ) {
    FakeSocket.made.push(this)
  }
  close(): void {
    this.closed = true
    this.onclose?.()
  }
}

const TOKEN = 'tok-abcdefghijklmnopqrstuvwxyz0123456789_-ABCDE'

function setup(fetchImpl: typeof fetch = vi.fn()) {
  FakeSocket.made = []
  const timers: Array<{ fn: () => void; ms: number }> = []
  const bridge = createServeBridge({
    origin: 'http://127.0.0.1:7777',
    token: TOKEN,
    fetch: fetchImpl,
    WebSocket: FakeSocket as unknown as typeof WebSocket,
    setTimeout: (fn, ms) => timers.push({ fn, ms }),
    clearTimeout: () => {}
  })
  return { bridge, timers }
}

describe('the serve-mode bridge', () => {
  it('POSTs { args } to /api/invoke/<channel> on the same origin with the token as Bearer, and returns the InvokeResult', async () => {
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify({ ok: true, value: { name: 'x' } }), { status: 200 }))
    const { bridge } = setup(fetchImpl as unknown as typeof fetch)
    const result = await bridge.invoke('recording:open', 'demo')
    expect(result).toEqual({ ok: true, value: { name: 'x' } })
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('http://127.0.0.1:7777/api/invoke/recording:open')
    expect(init).toMatchObject({ method: 'POST', credentials: 'omit', body: JSON.stringify({ args: ['demo'] }) })
    expect(init.headers).toEqual({ 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` })
  })
  it('passes the server\'s error results through, and turns a dead server into "unavailable"', async () => {
    const refused = vi.fn(async () => new Response(JSON.stringify({ ok: false, error: { code: 'forbidden', message: 'missing or wrong token' } }), { status: 401 }))
    expect(await setup(refused as unknown as typeof fetch).bridge.invoke('app:info')).toEqual({ ok: false, error: { code: 'forbidden', message: 'missing or wrong token' } })
    const dead = vi.fn(async () => {
      throw new TypeError('Failed to fetch')
    })
    const result = await setup(dead as unknown as typeof fetch).bridge.invoke('app:info')
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error.code).toBe('unavailable')
    const html = vi.fn(async () => new Response('<html>', { status: 200 }))
    const bad = await setup(html as unknown as typeof fetch).bridge.invoke('app:info')
    expect(!bad.ok && bad.error.code).toBe('internal')
  })
  it('opens one WebSocket at ws://<origin>/api/live on first subscribe and hands each frame to its channel', () => {
    const { bridge } = setup()
    const got: LiveMessage[] = []
    const off = bridge.subscribe('live:message', (m) => got.push(m))
    bridge.subscribe('live:message', () => {})
    expect(FakeSocket.made).toHaveLength(1)
    const ws = FakeSocket.made[0]!
    expect(ws.url).toBe('ws://127.0.0.1:7777/api/live')
    expect(ws.protocols).toEqual(['glasshouse.live', `glasshouse.token.${TOKEN}`])
    ws.onmessage?.({ data: JSON.stringify({ channel: 'live:message', payload: { type: 'engine', at: 'now', state: { reachable: false, error: 'x', endpoint: '' } } }) })
    ws.onmessage?.({ data: 'not json' })
    ws.onmessage?.({ data: JSON.stringify({ channel: 'other:thing', payload: 1 }) })
    expect(got).toHaveLength(1)
    expect(got[0]?.type).toBe('engine')
    off()
  })
  it('reconnects with backoff while someone listens, reports the link, and closes when nobody does', () => {
    const { bridge, timers } = setup()
    const states: string[] = []
    bridge.onLinkChange((s) => states.push(s))
    const off = bridge.subscribe('live:message', () => {})
    FakeSocket.made[0]!.onopen?.()
    FakeSocket.made[0]!.onclose?.()
    expect(states).toEqual(['open', 'reconnecting'])
    expect(timers[0]?.ms).toBe(500)
    timers[0]!.fn()
    expect(FakeSocket.made).toHaveLength(2)
    FakeSocket.made[1]!.onclose?.()
    expect(timers[1]?.ms).toBe(1000)
    timers[1]!.fn()
    off()
    expect(FakeSocket.made[2]!.closed).toBe(true)
  })
})

describe('choosing the carrier', () => {
  it('uses window.glasshouse when the Electron preload put it there, else serve mode', () => {
    const preload = { invoke: vi.fn(), subscribe: vi.fn() }
    expect(resolveBridge({ glasshouse: preload, location: { origin: 'http://x' } } as unknown as Window)).toMatchObject({ carrier: 'electron', bridge: preload })
    const win = { location: { origin: 'http://127.0.0.1:1', href: 'http://127.0.0.1:1/' }, history: { state: null, replaceState: vi.fn() } }
    expect(resolveBridge(win as unknown as Window).carrier).toBe('serve')
  })
  it('takes the token from the fragment, out of the address bar, into this tab’s sessionStorage', () => {
    const replace = vi.fn()
    const storage = new Map<string, string>()
    const store = { setItem: (k: string, v: string) => storage.set(k, v), getItem: (k: string) => storage.get(k) ?? null } as unknown as Storage
    const history = { state: null, replaceState: replace } as unknown as History
    expect(takeTokenFromAddress({ href: 'http://127.0.0.1:7777/?x=1#token=abc' } as Location, history, store)).toBe('abc')
    expect(replace).toHaveBeenCalledWith(null, '', '/?x=1')
    expect(storage.get('glasshouse.token')).toBe('abc')
    // A reload (no fragment any more) finds it again; a route fragment is left alone.
    replace.mockClear()
    expect(takeTokenFromAddress({ href: 'http://127.0.0.1:7777/#/cgroups' } as Location, history, store)).toBe('abc')
    expect(replace).not.toHaveBeenCalled()
    expect(takeTokenFromAddress({ href: 'http://127.0.0.1:7777/' } as Location, history, null)).toBeNull()
    // The query is not a place for the token: it would reach the server's request line.
    expect(takeTokenFromAddress({ href: 'http://127.0.0.1:7777/?token=abc' } as Location, history, null)).toBeNull()
  })
})

describe('a page with no server behind it', () => {
  it('answers "unavailable" and opens no socket instead of throwing (file:// without a preload)', async () => {
    FakeSocket.made = []
    const bridge = createServeBridge({ origin: 'null', token: null, fetch: globalThis.fetch, WebSocket: FakeSocket as unknown as typeof WebSocket })
    const result = await bridge.invoke('app:info')
    expect(!result.ok && result.error.code).toBe('unavailable')
    bridge.subscribe('live:message', () => {})()
    expect(FakeSocket.made).toHaveLength(0)
  })
})
