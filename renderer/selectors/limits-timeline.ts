// The limits timeline's data: one container's series cut to a time window and turned into lanes
// (memory, CPU, throttled share, pids, PSI), each a set of lines broken where samples are missing,
// plus the markers (OOM kills, restarts, Docker events, limit hits) and the values at one instant.
// Pure: the component only draws what this returns.
import type { LiveEvent } from '../../shared/live'
import type { SeriesPoint } from '../store/live-data'

export type ZoomChoice = '1m' | '5m' | 'all'
export const ZOOM_CHOICES: ReadonlyArray<{ key: ZoomChoice; label: string; spanMs: number | null }> = [
  { key: '1m', label: 'last 1 min', spanMs: 60_000 },
  { key: '5m', label: 'last 5 min', spanMs: 5 * 60_000 },
  { key: 'all', label: 'all', spanMs: null }
]

export interface Domain {
  t0: number
  t1: number
}

/** The window shown: the last span up to the newest sample, or everything kept (at least ten seconds). */
export function timelineDomain(points: readonly SeriesPoint[], zoom: ZoomChoice): Domain | null {
  const newest = points.at(-1)
  const oldest = points[0]
  if (!newest || !oldest) return null
  const span = ZOOM_CHOICES.find((z) => z.key === zoom)?.spanMs ?? null
  const t1 = newest.t
  const t0 = span === null ? Math.min(oldest.t, t1 - 10_000) : t1 - span
  return { t0, t1 }
}

/** Share of CFS periods throttled in one sample: its interval's throttled periods over its periods. */
export function throttledFraction(p: SeriesPoint): number | null {
  const periods = p.extra?.periods
  const throttled = p.extra?.throttledPeriods
  if (periods != null && throttled != null) return periods > 0 ? throttled / periods : null
  // Points seeded from the main process's history carry only the share.
  return p.throttledShare
}

export interface WindowThrottling {
  periods: number
  throttledPeriods: number
  /** throttledPeriods / periods over the window; null without any period (no quota, or idle). */
  fraction: number | null
}

/** Throttling over (t0, t1]: the sums of the per-interval counts, so long intervals weigh more. */
export function throttlingOver(points: readonly SeriesPoint[], domain: Domain): WindowThrottling {
  let periods = 0
  let throttledPeriods = 0
  for (const p of points) {
    if (p.t <= domain.t0 || p.t > domain.t1) continue
    if (p.extra?.periods == null || p.extra.throttledPeriods == null) continue
    periods += p.extra.periods
    throttledPeriods += p.extra.throttledPeriods
  }
  return { periods, throttledPeriods, fraction: periods > 0 ? throttledPeriods / periods : null }
}

/** The usual sample interval: the median gap between points (1 s when it cannot be told). */
export function typicalInterval(points: readonly SeriesPoint[]): number {
  const gaps: number[] = []
  for (let i = 1; i < points.length; i++) gaps.push(points[i]!.t - points[i - 1]!.t)
  if (gaps.length === 0) return 1000
  gaps.sort((a, b) => a - b)
  return Math.max(1, gaps[Math.floor(gaps.length / 2)]!)
}

export interface XY {
  t: number
  v: number
}

/**
 * The points of one value as runs without holes: a run ends where the value is unknown or where
 * samples are missing (a gap longer than 2.5 typical intervals), so no line is drawn across either.
 */
export function runs(points: readonly SeriesPoint[], value: (p: SeriesPoint) => number | null, interval = typicalInterval(points)): XY[][] {
  const out: XY[][] = []
  let current: XY[] = []
  let lastT: number | null = null
  for (const p of points) {
    const v = value(p)
    const missing = lastT !== null && p.t - lastT > interval * 2.5
    if (v === null || !Number.isFinite(v) || missing) {
      if (current.length > 0) out.push(current)
      current = []
    }
    if (v !== null && Number.isFinite(v)) current.push({ t: p.t, v })
    lastT = p.t
  }
  if (current.length > 0) out.push(current)
  return out
}

export type LaneKey = 'memory' | 'cpu' | 'throttled' | 'pids' | 'pressure'
export type ValueKind = 'bytes' | 'cores' | 'share' | 'count' | 'percent'

export interface LaneLine {
  key: string
  label: string
  /** 'limit' lines are drawn dashed, as steps; 'tertiary' is a third measured value (PSI io). */
  role: 'value' | 'secondary' | 'tertiary' | 'limit'
  runs: XY[][]
  value: (p: SeriesPoint) => number | null
}

export interface Lane {
  key: LaneKey
  title: string
  kind: ValueKind
  lines: LaneLine[]
  /** The top of the y scale: the highest value or limit in the window (at least a floor per kind). */
  yMax: number
  /** A short sentence when the lane has nothing to show (no quota, no PSI). */
  note: string | null
}

const pressureOf =
  (which: 'cpu' | 'memory' | 'io') =>
  (p: SeriesPoint): number | null =>
    p.extra?.pressure[which] ?? null

/** The lanes over a window; the PSI lane only when the kernel gave PSI in the window. */
export function timelineLanes(points: readonly SeriesPoint[], domain: Domain): Lane[] {
  const interval = typicalInterval(points)
  // One point either side of the window, so lines reach its edges.
  const first = Math.max(0, points.findIndex((p) => p.t >= domain.t0) - 1)
  const shown = points.slice(first < 0 ? 0 : first)
  const line = (key: string, label: string, role: LaneLine['role'], value: LaneLine['value']): LaneLine => ({ key, label, role, value, runs: runs(shown, value, interval) })
  const hasQuota = shown.some((p) => p.cpuQuotaCores !== null)
  const lanes: Lane[] = [
    lane('memory', 'memory', 'bytes', [
      line('usage', 'usage', 'value', (p) => p.memoryBytes),
      line('working-set', 'working set', 'secondary', (p) => p.workingSetBytes),
      line('limit', 'limit', 'limit', (p) => p.memoryLimitBytes),
      ...(shown.some((p) => p.extra?.memoryHighBytes != null) ? [line('high', 'high', 'limit', (p) => p.extra?.memoryHighBytes ?? null)] : [])
    ]),
    lane('cpu', 'CPU', 'cores', [line('cores', 'used', 'value', (p) => p.cpuCores), line('quota', 'quota', 'limit', (p) => p.cpuQuotaCores)]),
    {
      ...lane('throttled', 'throttled', 'share', [line('throttled', 'periods throttled', 'value', throttledFraction)]),
      yMax: 1,
      note: hasQuota ? null : 'no CPU quota: never throttled'
    },
    lane('pids', 'pids', 'count', [line('pids', 'count', 'value', (p) => p.pids), line('pids-max', 'max', 'limit', (p) => p.pidsMax)])
  ]
  const pressure = lane('pressure', 'pressure (PSI some avg10)', 'percent', [
    line('psi-cpu', 'cpu', 'value', pressureOf('cpu')),
    line('psi-memory', 'memory', 'secondary', pressureOf('memory')),
    line('psi-io', 'io', 'tertiary', pressureOf('io'))
  ])
  if (pressure.lines.some((l) => l.runs.length > 0)) lanes.push({ ...pressure, yMax: Math.max(10, pressure.yMax) })
  return lanes
}

const FLOOR: Record<ValueKind, number> = { bytes: 1024 * 1024, cores: 0.1, share: 1, count: 1, percent: 10 }

function lane(key: LaneKey, title: string, kind: ValueKind, lines: LaneLine[]): Lane {
  let yMax = FLOOR[kind]
  for (const l of lines) for (const run of l.runs) for (const { v } of run) if (v > yMax) yMax = v
  return { key, title, kind, lines, yMax: yMax * (kind === 'share' ? 1 : 1.08), note: null }
}

/** Refused forks per sample: the rise of pids.events max since the sample before. */
export function refusedForks(points: readonly SeriesPoint[]): Array<{ t: number; count: number }> {
  const out: Array<{ t: number; count: number }> = []
  for (let i = 1; i < points.length; i++) {
    const before = points[i - 1]!.extra?.pidsLimitHits
    const now = points[i]!.extra?.pidsLimitHits
    if (before != null && now != null && now > before) out.push({ t: points[i]!.t, count: now - before })
  }
  return out
}

export type MemoryHitKind = 'high' | 'max'

export interface MemoryHit {
  t: number
  kind: MemoryHitKind
  /** How many times in the interval that ended at t. */
  count: number
}

/** What each count means, for the hover text: memory.events `high`, and `max` (v1 memory.failcnt). */
export const MEMORY_HIT_TEXT: Record<MemoryHitKind, string> = {
  high: 'went over memory.high',
  max: 'hit the memory limit (reclaim)'
}

/** Memory limit hits per sample: the rise of memory.events high and max (v1 failcnt) since the sample before. */
export function memoryHits(points: readonly SeriesPoint[]): MemoryHit[] {
  const out: MemoryHit[] = []
  for (let i = 1; i < points.length; i++) {
    const before = points[i - 1]!.extra
    const now = points[i]!.extra
    const rise = (b: number | null | undefined, n: number | null | undefined): number => (b != null && n != null && n > b ? n - b : 0)
    const high = rise(before?.memoryHighEvents, now?.memoryHighEvents)
    const max = rise(before?.memoryMaxEvents, now?.memoryMaxEvents)
    if (high > 0) out.push({ t: points[i]!.t, kind: 'high', count: high })
    if (max > 0) out.push({ t: points[i]!.t, kind: 'max', count: max })
  }
  return out
}

export type MarkerKind = 'oom' | 'restart' | 'exit' | 'docker' | 'throttled' | 'pids' | 'memory'

export interface Marker {
  t: number
  kind: MarkerKind
  /** The lane the marker belongs to; null = every lane (the container's life: OOM, exit, restart). */
  lane: LaneKey | null
  label: string
  message: string
}

const MARKER_OF: Partial<Record<LiveEvent['kind'], { kind: MarkerKind; lane: LaneKey | null; label: string }>> = {
  'oom-kill': { kind: 'oom', lane: null, label: 'OOM kill' },
  'container-oom': { kind: 'oom', lane: null, label: 'OOM kill (Docker)' },
  'container-die': { kind: 'exit', lane: null, label: 'exited' },
  'container-start': { kind: 'restart', lane: null, label: 'started' },
  'container-create': { kind: 'docker', lane: null, label: 'created' },
  'container-update': { kind: 'docker', lane: null, label: 'limits updated' },
  'container-exec': { kind: 'docker', lane: null, label: 'exec' },
  'container-destroy': { kind: 'docker', lane: null, label: 'removed' },
  'cpu-throttled': { kind: 'throttled', lane: 'throttled', label: 'CPU throttled' },
  'pids-limit': { kind: 'pids', lane: 'pids', label: 'fork refused (pids limit)' },
  'memory-pressure': { kind: 'memory', lane: 'memory', label: 'memory near its limit' }
}

/**
 * The container's events inside the window as markers, oldest first. A start after an exit is a
 * restart; an OOM kill the kernel and Docker both reported is one event already (see LiveEvent.sources).
 */
export function timelineMarkers(events: readonly LiveEvent[], containerId: string, domain: Domain): Marker[] {
  const mine = events.filter((e) => e.containerId === containerId).sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
  const out: Marker[] = []
  let exited = false
  for (const e of mine) {
    const info = MARKER_OF[e.kind]
    const t = Date.parse(e.at)
    const restart = e.kind === 'container-start' && exited
    if (e.kind === 'container-die') exited = true
    if (e.kind === 'container-start') exited = false
    if (!info || !Number.isFinite(t) || t < domain.t0 || t > domain.t1) continue
    out.push({ t, kind: info.kind, lane: info.lane, label: restart ? 'restarted' : info.label, message: e.message })
  }
  return out
}

/** The sample nearest to t within the window (what the hover rule snaps to), or null. */
export function nearestPoint(points: readonly SeriesPoint[], t: number, domain: Domain): SeriesPoint | null {
  let best: SeriesPoint | null = null
  for (const p of points) {
    if (p.t < domain.t0 || p.t > domain.t1) continue
    if (best === null || Math.abs(p.t - t) < Math.abs(best.t - t)) best = p
  }
  return best
}

/** The points inside the window, for keyboard stepping. */
export function pointsIn(points: readonly SeriesPoint[], domain: Domain): SeriesPoint[] {
  return points.filter((p) => p.t >= domain.t0 && p.t <= domain.t1)
}
