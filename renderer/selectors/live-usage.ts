// A container's current usage: the newest live sample where there is one, else the snapshot's
// counters (which have no CPU rate: that needs two readings).
import type { ContainerSample } from '../../shared/live'
import type { ContainerInfo } from '../../shared/model'

export interface LiveUsage {
  memoryBytes: number | null
  workingSetBytes: number | null
  memoryLimitBytes: number | null
  cpuCores: number | null
  cpuQuotaCores: number | null
  /** Share of CFS periods throttled over the last interval, 0..1. */
  throttledShare: number | null
  pids: number | null
  pidsMax: number | null
  oomKills: number | null
  fromSample: boolean
}

export function liveUsage(container: ContainerInfo, sample: ContainerSample | undefined): LiveUsage {
  const u = container.usage
  const l = container.limits
  if (!sample) {
    return {
      memoryBytes: u?.memoryBytes ?? null,
      workingSetBytes: u?.memoryWorkingSetBytes ?? null,
      memoryLimitBytes: l?.memoryBytes ?? null,
      cpuCores: null,
      cpuQuotaCores: l?.cpuQuotaCores ?? null,
      throttledShare: null,
      pids: u?.pids ?? null,
      pidsMax: l?.pidsMax ?? null,
      oomKills: null,
      fromSample: false
    }
  }
  const periods = sample.cpu.periods
  return {
    memoryBytes: sample.memory.usageBytes ?? u?.memoryBytes ?? null,
    workingSetBytes: sample.memory.workingSetBytes ?? u?.memoryWorkingSetBytes ?? null,
    memoryLimitBytes: sample.memory.limitBytes ?? l?.memoryBytes ?? null,
    cpuCores: sample.cpu.cores,
    cpuQuotaCores: sample.cpu.quotaCores ?? l?.cpuQuotaCores ?? null,
    throttledShare: periods && sample.cpu.throttledPeriods !== null ? sample.cpu.throttledPeriods / periods : null,
    pids: sample.pids.current ?? u?.pids ?? null,
    pidsMax: sample.pids.max ?? l?.pidsMax ?? null,
    oomKills: sample.memory.oomKills,
    fromSample: true
  }
}

/** A bar's fill as a share of its scale, clamped to 0..1; null when the value is unknown. */
export function share(value: number | null, of: number | null): number | null {
  if (value === null || of === null || of <= 0) return null
  return Math.max(0, Math.min(1, value / of))
}
