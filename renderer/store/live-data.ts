// The data half of the store as a pure function of LiveMessages: snapshot → replace,
// patch → apply by kernel identity (shared/snapshot-patch), sample → per-container rolling
// series, event → event list, engine → the snapshot's engine state. No React, no zustand.
import type { HistoryDump, HistoryPoint } from '../../shared/contract'
import type { ContainerSample, LiveEvent, LiveMessage, SampleMessage } from '../../shared/live'
import type { HostSnapshot } from '../../shared/model'
import { applyPatch } from '../../shared/snapshot-patch'

/** One point of a container's series: the history point plus the limits at that moment. */
export interface SeriesPoint extends HistoryPoint {
  /** `at` as epoch milliseconds. */
  t: number
  memoryLimitBytes: number | null
  cpuQuotaCores: number | null
  pidsMax: number | null
  /** Sample-only figures (absent on points seeded from the main process's history). */
  extra?: SeriesExtra
}

/** What the limits timeline needs beyond the sparklines: per-interval CFS counts, refused forks, PSI. */
export interface SeriesExtra {
  periods: number | null
  throttledPeriods: number | null
  pidsLimitHits: number | null
  oomKills: number | null
  /** v2 memory.high; null = none (or v1). */
  memoryHighBytes: number | null
  /** Totals of memory.events high / max (v1 failcnt); absent in older recordings. */
  memoryHighEvents?: number | null
  memoryMaxEvents?: number | null
  pressure: ContainerSample['pressure']
}

export interface LiveData {
  snapshot: HostSnapshot | null
  /** Per container id, oldest first, at most SERIES_WINDOW_MS long. */
  series: Record<string, SeriesPoint[]>
  /** The newest sample per container id. */
  latest: Record<string, ContainerSample>
  /** Newest last, at most MAX_EVENTS. */
  events: LiveEvent[]
  lastSample: Pick<SampleMessage, 'at' | 'intervalMs' | 'self'> | null
  /** Patches that arrived before any snapshot (they cannot be applied). */
  droppedPatches: number
}

export const SERIES_WINDOW_MS = 10 * 60 * 1000
export const MAX_SERIES_POINTS = 900
export const MAX_EVENTS = 500

export function emptyLiveData(): LiveData {
  return { snapshot: null, series: {}, latest: {}, events: [], lastSample: null, droppedPatches: 0 }
}

export function applyLiveMessage(data: LiveData, message: LiveMessage): LiveData {
  switch (message.type) {
    case 'snapshot':
      return replaceSnapshot(data, message.snapshot)
    case 'patch':
      if (!data.snapshot) return { ...data, droppedPatches: data.droppedPatches + 1 }
      return { ...data, snapshot: applyPatch(data.snapshot, message.patch) }
    case 'sample':
      return applySample(data, message)
    case 'event':
      return { ...data, events: appendCapped(data.events, [message], MAX_EVENTS) }
    case 'engine':
      return data.snapshot ? { ...data, snapshot: { ...data.snapshot, engine: message.state } } : data
    default:
      return data
  }
}

export function applyLiveMessages(data: LiveData, messages: readonly LiveMessage[]): LiveData {
  return messages.reduce(applyLiveMessage, data)
}

/** A new structural snapshot: series of containers that still exist are kept. */
function replaceSnapshot(data: LiveData, snapshot: HostSnapshot): LiveData {
  const ids = new Set(snapshot.containers.map((c) => c.id))
  const keep = <T>(record: Record<string, T>): Record<string, T> =>
    Object.fromEntries(Object.entries(record).filter(([id]) => ids.has(id)))
  return { ...data, snapshot, series: keep(data.series), latest: keep(data.latest) }
}

export function pointFromSample(at: string, s: ContainerSample): SeriesPoint {
  const periods = s.cpu.periods
  return {
    at,
    t: Date.parse(at),
    cpuCores: s.cpu.cores,
    memoryBytes: s.memory.usageBytes,
    workingSetBytes: s.memory.workingSetBytes,
    pids: s.pids.current,
    throttledShare: periods !== null && periods > 0 && s.cpu.throttledPeriods !== null ? s.cpu.throttledPeriods / periods : null,
    memoryLimitBytes: s.memory.limitBytes,
    cpuQuotaCores: s.cpu.quotaCores,
    pidsMax: s.pids.max,
    extra: { periods, throttledPeriods: s.cpu.throttledPeriods, pidsLimitHits: s.pids.limitHits, oomKills: s.memory.oomKills, memoryHighBytes: s.memory.highBytes, memoryHighEvents: s.memory.highEvents ?? null, memoryMaxEvents: s.memory.maxEvents ?? null, pressure: s.pressure }
  }
}

function applySample(data: LiveData, message: SampleMessage): LiveData {
  const series = { ...data.series }
  const latest = { ...data.latest }
  for (const sample of message.containers) {
    series[sample.id] = appendPoint(series[sample.id] ?? [], pointFromSample(message.at, sample))
    latest[sample.id] = sample
  }
  return { ...data, series, latest, lastSample: { at: message.at, intervalMs: message.intervalMs, self: message.self } }
}

function appendPoint(points: readonly SeriesPoint[], point: SeriesPoint): SeriesPoint[] {
  const last = points.at(-1)
  // Out of order (a replay restarting, a clock step back): start the series again.
  const base = last && Number.isFinite(point.t) && point.t < last.t ? [] : points
  const cutoff = point.t - SERIES_WINDOW_MS
  let start = 0
  while (start < base.length && (base[start]?.t ?? 0) < cutoff) start++
  start = Math.max(start, base.length + 1 - MAX_SERIES_POINTS)
  // One copy per container per sample (not two): 200 containers × 600 points is every tick's biggest allocation.
  const next = base.slice(start)
  next.push(point)
  return next
}

function appendCapped<T>(list: readonly T[], items: readonly T[], max: number): T[] {
  const next = [...list, ...items]
  return next.length > max ? next.slice(next.length - max) : next
}

/** Seeds the series and events from `history:get`, with limits from the current snapshot. */
export function applyHistory(data: LiveData, dump: HistoryDump): LiveData {
  const containers = new Map((data.snapshot?.containers ?? []).map((c) => [c.id, c]))
  const series = { ...data.series }
  for (const [id, points] of Object.entries(dump.containers)) {
    const limits = containers.get(id)?.limits ?? null
    const seeded = points.map(
      (p): SeriesPoint => ({
        ...p,
        t: Date.parse(p.at),
        memoryLimitBytes: limits?.memoryBytes ?? null,
        cpuQuotaCores: limits?.cpuQuotaCores ?? null,
        pidsMax: limits?.pidsMax ?? null
      })
    )
    const newerThanHistory = (series[id] ?? []).filter((p) => p.t > (seeded.at(-1)?.t ?? -Infinity))
    series[id] = [...seeded, ...newerThanHistory].slice(-MAX_SERIES_POINTS)
  }
  const seen = new Set(data.events.map(eventKey))
  const events = appendCapped(dump.events.filter((e) => !seen.has(eventKey(e))), data.events, MAX_EVENTS)
  return { ...data, series, events }
}

export function eventKey(e: LiveEvent): string {
  return `${e.at}|${e.kind}|${e.containerId}`
}
