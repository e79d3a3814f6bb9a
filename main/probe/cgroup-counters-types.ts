// What one reading of a cgroup's counters holds: raw cumulative values at one moment, no rates.
// null = could not be read (file absent on this kernel or layout, cgroup gone) or, for limits, unlimited.
// The limits (quotaCores, limitBytes, highBytes, pids.max, io.meaningful) change only with the
// container's configuration; the live sampler reads them when its targets are set (copyLimits).
import type { CgroupSample } from '../../shared/live'
import type { CounterFiles } from './cgroup-counters-files'

export interface CgroupCounters {
  cpu: {
    /** Total CPU time, in microseconds (v1 cpuacct.usage ns / 1000; v2 cpu.stat usage_usec). */
    usageUsec: number | null
    /** cpu.stat nr_periods / nr_throttled: CFS enforcement periods, and those that ran out of quota. */
    periods: number | null
    throttledPeriods: number | null
    /** Time spent throttled, in microseconds (v1 throttled_time ns / 1000; v2 throttled_usec). */
    throttledUsec: number | null
    /** CFS quota / period in cores; null = unlimited. */
    quotaCores: number | null
  }
  /** Gauges: a sample carries them as read (shared/live.ts documents each field and its file). */
  memory: CgroupSample['memory']
  pids: CgroupSample['pids']
  io: {
    /** Cumulative bytes (v1 blkio.throttle.io_service_bytes_recursive, v2 io.stat). */
    readBytes: number | null
    writeBytes: number | null
    /** v1 counts only while a blkio throttle limit is set (kernel-facts §5.5.2); v2 always counts. */
    meaningful: boolean
  }
  pressure: CgroupSample['pressure']
}

/** Fills part of `out` from the files in `dir`. */
export type CounterReader = (dir: string, files: CounterFiles, out: CgroupCounters) => void

export function emptyCounters(): CgroupCounters {
  return {
    cpu: { usageUsec: null, periods: null, throttledPeriods: null, throttledUsec: null, quotaCores: null },
    memory: {
      usageBytes: null,
      workingSetBytes: null,
      limitBytes: null,
      highBytes: null,
      peakBytes: null,
      swapBytes: null,
      oomKills: null,
      highEvents: null,
      maxEvents: null
    },
    pids: { current: null, max: null, limitHits: null },
    io: { readBytes: null, writeBytes: null, meaningful: false },
    pressure: { cpu: null, memory: null, io: null }
  }
}

/** A reading with only the limits of `from` set (every counter null), ready for a tick's counters. */
export function copyLimits(from: CgroupCounters): CgroupCounters {
  const out = emptyCounters()
  out.cpu.quotaCores = from.cpu.quotaCores
  out.memory.limitBytes = from.memory.limitBytes
  out.memory.highBytes = from.memory.highBytes
  out.pids.max = from.pids.max
  out.io.meaningful = from.io.meaningful
  return out
}
