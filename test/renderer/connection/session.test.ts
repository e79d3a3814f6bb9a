import { describe, expect, it } from 'vitest'
import { Session } from '../../../renderer/connection/session'
import { createAppStore } from '../../../renderer/store/app-store'
import { createBridgeMock, type BridgeMockOptions } from '../support/bridge-mock'
import { containerId, variedSnapshot } from '../support/fixture'
import { syntheticHistory, syntheticRecording, syntheticSamples } from '../support/synthetic-live'

const noTimers = { setTimeout: () => 0, clearTimeout: () => {} }

function start(options: Partial<BridgeMockOptions> = {}) {
  const snapshot = variedSnapshot()
  const bridge = createBridgeMock({ snapshot, recordings: [syntheticRecording(snapshot, 20)], ...options })
  const store = createAppStore()
  const session = new Session(store, { bridge, carrier: 'serve', onLinkChange: null }, { clock: noTimers })
  return { bridge, store, session, snapshot }
}

describe('the session', () => {
  it('goes live: snapshot, history, then live messages into the store', async () => {
    const snapshot = variedSnapshot()
    const { bridge, store, session } = start({ snapshot, history: syntheticHistory(snapshot, Date.parse(snapshot.takenAt), 30) })
    await session.start()
    const s = store.getState()
    expect(s.phase).toBe('ready')
    expect(s.source).toMatchObject({ kind: 'live', carrier: 'serve' })
    expect(s.snapshot?.containers).toHaveLength(7)
    expect(s.series[containerId(snapshot, 'web')]).toHaveLength(30)
    expect(bridge.calls.map((c) => c.channel)).toEqual(['app:info', 'snapshot:get', 'history:get'])
    const { samples } = syntheticSamples(snapshot, { seconds: 1, start: Date.now() })
    bridge.push(samples[0]!)
    expect(store.getState().lastSample).not.toBeNull()
  })

  it('falls back to the first recording when the live host cannot be read, and says why', async () => {
    const { store, session } = start({ fail: { 'snapshot:get': { code: 'unavailable', message: 'probe crashed' } } })
    await session.start()
    const s = store.getState()
    expect(s.phase).toBe('ready')
    expect(s.source).toMatchObject({ kind: 'recording', reason: expect.stringContaining('probe crashed'), liveAvailable: false })
    expect(s.snapshot).not.toBeNull()
  })

  it('opens a recording straight away when the backend only replays (app:info live: false)', async () => {
    const { store, session, bridge } = start({ appInfo: { live: false } })
    await session.start()
    expect(store.getState().source.kind).toBe('recording')
    expect(bridge.calls.map((c) => c.channel)).not.toContain('snapshot:get')
  })

  it('shows a recording when Docker is unreachable and the kernel shows no containers', async () => {
    const snapshot = { ...variedSnapshot(), containers: [], engine: { reachable: false as const, error: 'connect ENOENT', endpoint: 'unix:///var/run/docker.sock' } }
    const { store, session } = start({ snapshot })
    await session.start()
    expect(store.getState().source).toMatchObject({ kind: 'recording', reason: expect.stringContaining('connect ENOENT'), liveAvailable: true })
  })

  it('stays live, kernel only, when Docker is unreachable but the kernel shows containers', async () => {
    const snapshot = { ...variedSnapshot(), engine: { reachable: false as const, error: 'connect ENOENT', endpoint: 'unix:///var/run/docker.sock' } }
    const { store, session, bridge } = start({ snapshot })
    await session.start()
    expect(store.getState().source.kind).toBe('live')
    expect(store.getState().snapshot?.containers).toHaveLength(7)
    expect(bridge.calls.map((c) => c.channel)).not.toContain('recording:open')
  })

  it('stays live on an empty host whose Docker answers', async () => {
    const { store, session, bridge } = start({ snapshot: { ...variedSnapshot(), containers: [] } })
    await session.start()
    expect(store.getState().source.kind).toBe('live')
    expect(bridge.calls.map((c) => c.channel)).not.toContain('recording:open')
  })

  it('never swaps a live view for the recording later, when Docker goes away and containers end', async () => {
    const { store, session, bridge, snapshot } = start()
    await session.start()
    bridge.push({ type: 'engine', at: new Date().toISOString(), state: { reachable: false, error: 'gone', endpoint: '' } })
    bridge.push({ type: 'snapshot', snapshot: { ...snapshot, containers: [], engine: { reachable: false, error: 'gone', endpoint: '' } } })
    expect(store.getState().source.kind).toBe('live')
    expect(bridge.calls.map((c) => c.channel)).not.toContain('recording:open')
  })

  it('ends in an error that says what to do when nothing answers', async () => {
    const down = { code: 'unavailable' as const, message: 'connection refused' }
    const { store, session } = start({ fail: { 'app:info': down, 'recording:list': down } })
    await session.start()
    const s = store.getState()
    expect(s.phase).toBe('error')
    expect(s.error?.hint).toMatch(/glasshouse serve/)
  })

  it('ignores live messages while a recording is shown, and goes back to live on request', async () => {
    const { store, session, bridge, snapshot } = start()
    await session.start()
    await session.openRecording('varied-host')
    expect(store.getState().source.kind).toBe('recording')
    const before = store.getState().snapshot
    bridge.push({ type: 'engine', at: 'now', state: { reachable: false, error: 'gone', endpoint: '' } })
    expect(store.getState().snapshot).toBe(before)
    expect(await session.goLive()).toBe(true)
    expect(store.getState().source.kind).toBe('live')
    expect(store.getState().snapshot?.containers.map((c) => c.id)).toContain(containerId(snapshot, 'web'))
    expect(bridge.listenerCount()).toBe(1)
    session.dispose()
    expect(bridge.listenerCount()).toBe(0)
  })
})
