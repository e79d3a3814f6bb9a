// The recent past the renderer draws sparklines from: per container, the points of the last window
// (ten minutes by default, by time), and the recent limit events. Bounded by time and, in case the
// clock misbehaves or events storm, by count. A container that stops being sampled ages out with its
// points: once its newest point is older than the window it is forgotten.
import type { HistoryDump, HistoryPoint } from '../../shared/contract'
import type { ContainerSample, LiveEvent } from '../../shared/live'
import { throttledShare } from './rates'

export const DEFAULT_HISTORY_WINDOW_MS = 10 * 60_000
/** The fastest sampler interval (250 ms): no window can need more points than windowMs / this. */
const MIN_INTERVAL_MS = 250

export interface HistoryOptions {
  windowMs?: number
  /** At most this many events are kept, newest last (default 1000). */
  maxEvents?: number
}

interface Stamped<T> {
  atMs: number
  value: T
}

export class History {
  readonly windowMs: number
  private readonly maxEvents: number
  private readonly maxPoints: number
  private readonly points = new Map<string, Array<Stamped<HistoryPoint>>>()
  private events: Array<Stamped<LiveEvent>> = []

  constructor(options: HistoryOptions = {}) {
    this.windowMs = options.windowMs ?? DEFAULT_HISTORY_WINDOW_MS
    this.maxEvents = options.maxEvents ?? 1000
    if (!(this.windowMs > 0)) throw new RangeError(`history window must be positive, got ${this.windowMs} ms`)
    this.maxPoints = Math.ceil(this.windowMs / MIN_INTERVAL_MS) + 1
  }

  /** Adds one tick's samples and events taken at `atMs` (epoch ms), then drops what left the window. */
  record(atMs: number, samples: readonly ContainerSample[], events: readonly LiveEvent[] = []): void {
    const at = new Date(atMs).toISOString()
    for (const sample of samples) {
      let series = this.points.get(sample.id)
      if (series === undefined) this.points.set(sample.id, (series = []))
      series.push({ atMs, value: pointOf(at, sample) })
      if (series.length > this.maxPoints) series.splice(0, series.length - this.maxPoints)
    }
    for (const event of events) this.events.push({ atMs, value: event })
    if (this.events.length > this.maxEvents) this.events.splice(0, this.events.length - this.maxEvents)
    this.trim(atMs)
  }

  dump(): HistoryDump {
    const containers: Record<string, HistoryPoint[]> = {}
    for (const [id, series] of this.points) containers[id] = series.map((p) => p.value)
    return { windowMs: this.windowMs, containers, events: this.events.map((e) => e.value) }
  }

  private trim(nowMs: number): void {
    const oldest = nowMs - this.windowMs
    for (const [id, series] of this.points) {
      const keepFrom = series.findIndex((p) => p.atMs >= oldest)
      if (keepFrom === -1) this.points.delete(id)
      else if (keepFrom > 0) series.splice(0, keepFrom)
    }
    const keepEventsFrom = this.events.findIndex((e) => e.atMs >= oldest)
    if (keepEventsFrom === -1) this.events = []
    else if (keepEventsFrom > 0) this.events.splice(0, keepEventsFrom)
  }
}

function pointOf(at: string, sample: ContainerSample): HistoryPoint {
  return {
    at,
    cpuCores: sample.cpu.cores,
    memoryBytes: sample.memory.usageBytes,
    workingSetBytes: sample.memory.workingSetBytes,
    pids: sample.pids.current,
    throttledShare: throttledShare(sample.cpu)
  }
}
