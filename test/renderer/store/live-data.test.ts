import { describe, expect, it } from 'vitest'
import type { ContainerSample, LiveEvent, LiveMessage, SampleMessage, SnapshotPatch } from '../../../shared/live'
import { processKey } from '../../../shared/identity'
import { applyHistory, applyLiveMessage, applyLiveMessages, emptyLiveData, MAX_EVENTS, SERIES_WINDOW_MS } from '../../../renderer/store/live-data'
import { containerId, variedSnapshot } from '../support/fixture'

const snapshot = variedSnapshot()
const WEB = containerId(snapshot, 'web')
const BATCH = containerId(snapshot, 'batch')

function sample(at: number, id: string, over: Partial<ContainerSample['cpu']> = {}): SampleMessage {
  return {
    type: 'sample',
    at: new Date(at).toISOString(),
    intervalMs: 1000,
    self: { cpuCores: 0.01, rssBytes: 1, readMs: 1 },
    containers: [
      {
        id,
        cpu: { cores: 0.4, quotaCores: 0.5, periods: 10, throttledPeriods: 5, throttledSeconds: 0.1, ...over },
        memory: { usageBytes: 1000, workingSetBytes: 800, limitBytes: 4000, highBytes: null, peakBytes: null, swapBytes: 0, oomKills: 0 },
        pids: { current: 3, max: 50, limitHits: 0 },
        io: { readBytes: 0, writeBytes: 0, meaningful: false },
        pressure: { cpu: null, memory: null, io: null }
      }
    ]
  }
}

function emptyPatch(over: Partial<SnapshotPatch> = {}): SnapshotPatch {
  return {
    takenAt: '2026-11-28T17:00:00.000Z',
    upsert: { containers: [], processes: [], namespaces: [], cgroups: [] },
    remove: { containers: [], processes: [], namespaces: [], cgroups: [] },
    problems: [],
    ...over
  }
}

const withSnapshot = () => applyLiveMessage(emptyLiveData(), { type: 'snapshot', snapshot })

describe('ingesting LiveMessages', () => {
  it('snapshot: replaces the snapshot and keeps series only of containers still present', () => {
    let data = withSnapshot()
    data = applyLiveMessage(data, sample(1000, WEB))
    data = applyLiveMessage(data, sample(1000, 'f'.repeat(64)))
    const next = { ...snapshot, containers: snapshot.containers.filter((c) => c.id !== BATCH) }
    data = applyLiveMessage(data, { type: 'snapshot', snapshot: next })
    expect(data.snapshot).toBe(next)
    expect(Object.keys(data.series)).toEqual([WEB])
    expect(Object.keys(data.latest)).toEqual([WEB])
  })

  it('patch: upserts and removes by key (containers by id, processes by pid:startTicks, namespaces by type:inode, cgroups by path)', () => {
    const data = withSnapshot()
    const web = snapshot.containers.find((c) => c.id === WEB)!
    const webProcess = snapshot.processes.find((p) => p.pid === 8181)!
    const netNs = snapshot.namespaces.find((n) => n.type === 'net' && n.inode === 4026532262)!
    const patched = applyLiveMessage(data, {
      type: 'patch',
      patch: emptyPatch({
        upsert: { containers: [{ ...web, state: 'paused' }], processes: [], namespaces: [], cgroups: [] },
        remove: { containers: [BATCH], processes: [processKey(webProcess)], namespaces: [`net:${netNs.inode}`], cgroups: [`/docker/${BATCH}`] }
      })
    })
    const s = patched.snapshot!
    expect(s.containers.find((c) => c.id === WEB)?.state).toBe('paused')
    expect(s.containers.some((c) => c.id === BATCH)).toBe(false)
    expect(s.processes.some((p) => p.pid === 8181)).toBe(false)
    expect(s.namespaces.some((n) => n.inode === netNs.inode && n.type === 'net')).toBe(false)
    expect(s.cgroups.some((g) => g.path === `/docker/${BATCH}`)).toBe(false)
    expect(s.takenAt).toBe('2026-11-28T17:00:00.000Z')
    // Untouched items keep their identity, so memoised views skip them.
    expect(s.processes.find((p) => p.pid === 8151)).toBe(snapshot.processes.find((p) => p.pid === 8151))
  })

  it('patch before any snapshot: counted, not applied', () => {
    const data = applyLiveMessage(emptyLiveData(), { type: 'patch', patch: emptyPatch() })
    expect(data.snapshot).toBeNull()
    expect(data.droppedPatches).toBe(1)
  })

  it('sample: appends a point per container with the throttled share and limits, and keeps the latest sample', () => {
    const data = applyLiveMessages(withSnapshot(), [sample(1000, WEB), sample(2000, WEB)])
    expect(data.series[WEB]).toHaveLength(2)
    expect(data.series[WEB]?.[1]).toMatchObject({ t: 2000, cpuCores: 0.4, memoryBytes: 1000, workingSetBytes: 800, pids: 3, throttledShare: 0.5, memoryLimitBytes: 4000, cpuQuotaCores: 0.5, pidsMax: 50 })
    expect(data.latest[WEB]?.cpu.cores).toBe(0.4)
    expect(data.lastSample?.intervalMs).toBe(1000)
  })

  it('sample: keeps a rolling window of ten minutes', () => {
    const msgs: LiveMessage[] = []
    for (let t = 0; t <= 11 * 60; t += 30) msgs.push(sample(t * 1000, WEB))
    const series = applyLiveMessages(withSnapshot(), msgs).series[WEB]!
    expect(series.at(-1)!.t - series[0]!.t).toBeLessThanOrEqual(SERIES_WINDOW_MS)
    expect(series[0]!.t).toBe(60_000)
  })

  it('sample: starts the series again when time goes backwards (a replay restarting)', () => {
    const series = applyLiveMessages(withSnapshot(), [sample(5000, WEB), sample(6000, WEB), sample(1000, WEB)]).series[WEB]!
    expect(series.map((p) => p.t)).toEqual([1000])
  })

  it('event: appends, newest last, capped', () => {
    const event = (i: number): LiveEvent => ({ type: 'event', kind: 'oom-kill', containerId: BATCH, containerName: 'batch', at: new Date(i * 1000).toISOString(), message: `kill ${i}`, detail: {} })
    const data = applyLiveMessages(withSnapshot(), Array.from({ length: MAX_EVENTS + 5 }, (_, i) => event(i)))
    expect(data.events).toHaveLength(MAX_EVENTS)
    expect(data.events.at(-1)?.message).toBe(`kill ${MAX_EVENTS + 4}`)
  })

  it('engine: updates the engine state inside the snapshot', () => {
    const data = applyLiveMessage(withSnapshot(), { type: 'engine', at: 'x', state: { reachable: false, error: 'connect ENOENT', endpoint: 'unix:///var/run/docker.sock' } })
    expect(data.snapshot?.engine).toMatchObject({ reachable: false, error: 'connect ENOENT' })
    expect(data.snapshot?.containers).toBe(snapshot.containers)
  })

  it('history: seeds series with the snapshot limits and merges events without duplicates', () => {
    let data = withSnapshot()
    const e: LiveEvent = { type: 'event', kind: 'pids-limit', containerId: WEB, containerName: 'web', at: '2026-11-28T16:00:00.000Z', message: 'm', detail: {} }
    data = applyLiveMessage(data, e)
    data = applyHistory(data, {
      windowMs: 600_000,
      containers: { [WEB]: [{ at: '2026-11-28T16:00:00.000Z', cpuCores: 0.1, memoryBytes: 5, workingSetBytes: 4, pids: 2, throttledShare: 0 }] },
      events: [e]
    })
    expect(data.series[WEB]?.[0]).toMatchObject({ memoryLimitBytes: 64 * 2 ** 20, cpuQuotaCores: 0.5, pidsMax: 50 })
    expect(data.events).toHaveLength(1)
  })
})
