// Sparkline geometry: scales and paths for one metric over the recent minutes, the limit line,
// and where the limit bit. Pure (d3-scale, d3-shape), so it can be tested and timed.
import { line, scaleLinear } from 'd3'
import type { LiveEvent } from '../../shared/live'
import type { SeriesPoint } from '../store/live-data'

export type Metric = 'cpu' | 'memory' | 'pids'

export interface SparkGeometry {
  width: number
  height: number
  /** The main line (CPU cores, memory usage, pids). */
  path: string
  /** Memory only: the working set under the usage line. */
  secondary: string | null
  limitY: number | null
  limit: number | null
  yMax: number
  t0: number
  t1: number
  markers: Array<{ x: number; event: LiveEvent }>
  last: number | null
}

export const METRIC_EVENTS: Record<Metric, ReadonlyArray<LiveEvent['kind']>> = {
  cpu: ['cpu-throttled'],
  memory: ['oom-kill', 'memory-pressure', 'container-oom'],
  pids: ['pids-limit']
}

function valueOf(p: SeriesPoint, metric: Metric): number | null {
  return metric === 'cpu' ? p.cpuCores : metric === 'memory' ? p.memoryBytes : p.pids
}

function limitOf(p: SeriesPoint | undefined, metric: Metric): number | null {
  if (!p) return null
  return metric === 'cpu' ? p.cpuQuotaCores : metric === 'memory' ? p.memoryLimitBytes : p.pidsMax
}

export function sparkGeometry(
  points: readonly SeriesPoint[],
  events: readonly LiveEvent[],
  metric: Metric,
  size: { width: number; height: number; pad: number },
  fallbackLimit: number | null,
  /**
   * The container stopped: its last samples after the exit read nothing (the cgroup is gone), so the
   * value and limit to show are those of the last sample that read one.
   */
  ended = false
): SparkGeometry {
  const newest = points.at(-1)
  const last = ended ? (points.findLast((p) => valueOf(p, metric) !== null) ?? newest) : newest
  const t1 = newest?.t ?? Date.now()
  const t0 = Math.min(points[0]?.t ?? t1 - 60_000, t1 - 60_000)
  const limit = limitOf(last, metric) ?? fallbackLimit
  const values = points.map((p) => valueOf(p, metric)).filter((v): v is number => v !== null)
  const secondaryValues = metric === 'memory' ? points.map((p) => p.workingSetBytes).filter((v): v is number => v !== null) : []
  const peak = Math.max(0, ...values, ...secondaryValues)
  // With a limit, the limit sits at the top (so "how close" reads at a glance) unless use is far below it.
  const yMax = limit !== null && peak > limit * 0.05 ? Math.max(limit, peak) * 1.08 : Math.max(peak * 1.25, metric === 'pids' ? 4 : metric === 'cpu' ? 0.05 : 1024 * 1024)
  const x = scaleLinear().domain([t0, t1]).range([size.pad, size.width - size.pad])
  const y = scaleLinear().domain([0, yMax]).range([size.height - size.pad, size.pad])
  const build = (get: (p: SeriesPoint) => number | null): string =>
    line<SeriesPoint>()
      .defined((p) => get(p) !== null)
      .x((p) => x(p.t))
      .y((p) => y(get(p) ?? 0))(points as SeriesPoint[]) ?? ''
  const kinds = METRIC_EVENTS[metric]
  const markers = events
    .filter((e) => kinds.includes(e.kind))
    .map((event) => ({ x: x(Date.parse(event.at)), event }))
    .filter((m) => Number.isFinite(m.x) && m.x >= size.pad - 1 && m.x <= size.width - size.pad + 1)
  return {
    width: size.width,
    height: size.height,
    path: build((p) => valueOf(p, metric)),
    secondary: metric === 'memory' ? build((p) => p.workingSetBytes) : null,
    limitY: limit !== null && limit <= yMax ? y(limit) : null,
    limit,
    yMax,
    t0,
    t1,
    markers,
    last: last ? valueOf(last, metric) : null
  }
}
