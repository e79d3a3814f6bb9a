// Turns two readings of a cgroup's cumulative counters into one CgroupSample: rates over the interval
// between them, instantaneous values as read. Rates are null whenever the pair cannot give an honest
// answer: no previous reading, a counter that went backwards (the cgroup was recreated, e.g. a container
// restarted under the same path, or a counter was reset), or an interval that is not a real interval.
import type { CgroupSample } from '../../shared/live'
import type { CgroupCounters } from '../probe/cgroup-counters'

/** Longer than any sampler interval (≤ 60 s) by far: beyond this the "rate" is a gap (suspend, clock step). */
export const MAX_RATE_INTERVAL_MS = 5 * 60_000

export function sampleFromCounters(
  previous: CgroupCounters | null,
  current: CgroupCounters,
  elapsedMs: number
): CgroupSample {
  const base = previous !== null && validInterval(elapsedMs) && !wentBackwards(previous, current) ? previous : null
  const delta = (pick: (c: CgroupCounters) => number | null): number | null => {
    if (base === null) return null
    const before = pick(base)
    const after = pick(current)
    return before === null || after === null ? null : after - before
  }
  const usageUsec = delta((c) => c.cpu.usageUsec)
  const throttledUsec = delta((c) => c.cpu.throttledUsec)
  return {
    cpu: {
      // µs of CPU per µs of wall time: 1.0 = one core busy for the whole interval.
      cores: usageUsec === null ? null : usageUsec / (elapsedMs * 1000),
      quotaCores: current.cpu.quotaCores,
      periods: delta((c) => c.cpu.periods),
      throttledPeriods: delta((c) => c.cpu.throttledPeriods),
      throttledSeconds: throttledUsec === null ? null : throttledUsec / 1_000_000
    },
    memory: { ...current.memory },
    pids: { ...current.pids },
    io: {
      readBytes: delta((c) => c.io.readBytes),
      writeBytes: delta((c) => c.io.writeBytes),
      meaningful: current.io.meaningful
    },
    pressure: { ...current.pressure }
  }
}

/** Share of CFS periods throttled over the interval, 0..1; null when unknown, 0 when no period ran. */
export function throttledShare(cpu: CgroupSample['cpu']): number | null {
  if (cpu.periods === null || cpu.throttledPeriods === null) return null
  return cpu.periods === 0 ? 0 : cpu.throttledPeriods / cpu.periods
}

function validInterval(elapsedMs: number): boolean {
  return Number.isFinite(elapsedMs) && elapsedMs > 0 && elapsedMs <= MAX_RATE_INTERVAL_MS
}

// Every cumulative counter only grows while the cgroup lives; any one going down means a fresh start.
const CUMULATIVE: ReadonlyArray<(c: CgroupCounters) => number | null> = [
  (c) => c.cpu.usageUsec,
  (c) => c.cpu.periods,
  (c) => c.cpu.throttledPeriods,
  (c) => c.cpu.throttledUsec,
  (c) => c.memory.oomKills,
  (c) => c.pids.limitHits,
  (c) => c.io.readBytes,
  (c) => c.io.writeBytes
]

function wentBackwards(previous: CgroupCounters, current: CgroupCounters): boolean {
  return CUMULATIVE.some((pick) => {
    const before = pick(previous)
    const after = pick(current)
    return before !== null && after !== null && after < before
  })
}
