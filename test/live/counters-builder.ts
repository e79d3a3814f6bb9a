// Builds CgroupCounters and CgroupSamples for the live tests: everything null except what a test sets.
import type { CgroupSample } from '../../shared/live'
import { emptyCounters, type CgroupCounters } from '../../main/probe/cgroup-counters-types'

type Patch<T> = { [K in keyof T]?: Partial<T[K]> }

export function counters(patch: Patch<CgroupCounters> = {}): CgroupCounters {
  const base = emptyCounters()
  return {
    cpu: { ...base.cpu, ...patch.cpu },
    memory: { ...base.memory, ...patch.memory },
    pids: { ...base.pids, ...patch.pids },
    io: { ...base.io, ...patch.io },
    pressure: { ...base.pressure, ...patch.pressure }
  }
}

export function sample(patch: Patch<CgroupSample> = {}): CgroupSample {
  return {
    cpu: { cores: null, quotaCores: null, periods: null, throttledPeriods: null, throttledSeconds: null, ...patch.cpu },
    memory: {
      usageBytes: null,
      workingSetBytes: null,
      limitBytes: null,
      highBytes: null,
      peakBytes: null,
      swapBytes: null,
      oomKills: null,
      ...patch.memory
    },
    pids: { current: null, max: null, limitHits: null, ...patch.pids },
    io: { readBytes: null, writeBytes: null, meaningful: false, ...patch.io },
    pressure: { cpu: null, memory: null, io: null, ...patch.pressure }
  }
}
