// Counter files the live sampler need not read every tick (BENCHMARKS.md "Watch"): about half of what
// watching costs is the kernel answering ~10 file reads per container per tick. Each of these is read
// every tick only where it matters, otherwise every SLOW_EVERY_MS with its last values carried between:
// - throttling (v1 cpu.stat) under a CFS quota: without one the cgroup's periods and throttling stay 0;
// - OOM kills (v1 memory.oom_control, v2 memory.events) under a memory limit, where the cgroup's own
//   OOM killer acts; without one only a global OOM (or a parent's limit) kills, and shows at most
//   SLOW_EVERY_MS late (Docker's 'oom' event still comes at once);
// - refused forks (pids.events) under a pids limit;
// - the working set (memory.stat, the dearest file: ~40 lines) while usage moves; while it stands
//   still, the last working set is kept, re-read at least every SLOW_EVERY_MS;
// - the peak and swap. Between readings the peak shown is the last one read, or usage if higher
//   (the kernel's peak is never below usage); swap is the last one read.
// Where no limit is set, v1 memory.oom_control and pids.events cannot be woken on: the kernel notifies
// v1 OOMs only through an eventfd registered in cgroup.event_control, which Node cannot create, and
// inotify (fs.watch) sees no change on v1 cgroup files. On v2, memory.events does notify inotify, but
// watching it would cost an fd and a watch per container for a figure that changes once in a blue moon.
import type { CgroupCounters, CounterReader } from './cgroup-counters-types'
import { readCpuV1, readMemoryPeakAndSwapV1, readOomKillsV1, readWorkingSetV1 } from './cgroup-counters-v1'
import { readMemoryPeakAndSwapV2, readOomKillsV2, readWorkingSetV2 } from './cgroup-counters-v2'
import { keyedCount } from './cgroup-counters-parse'

/** At 1 Hz every fifth tick; events from these files are at most this late where no limit is set. */
export const SLOW_EVERY_MS = 5000

export interface SlowReader {
  read: CounterReader
  /** True when this tick must read the files (a limit makes them count); otherwise they may wait. */
  everyTick: (limits: CgroupCounters, current: CgroupCounters, last: CgroupCounters) => boolean
  /** Puts the last values read into this tick's reading, when the files were not read. */
  carry: (last: CgroupCounters, current: CgroupCounters) => void
}

const readPidsEvents: CounterReader = (dir, files, out) => {
  out.pids.limitHits = keyedCount(files.keyed(dir, 'pids.events'), 'max')
}

const THROTTLING: Omit<SlowReader, 'read'> = {
  everyTick: (limits) => limits.cpu.quotaCores !== null,
  carry: (last, current) => {
    current.cpu.periods = last.cpu.periods
    current.cpu.throttledPeriods = last.cpu.throttledPeriods
    current.cpu.throttledUsec = last.cpu.throttledUsec
  }
}

const OOM_KILLS: Omit<SlowReader, 'read'> = {
  everyTick: (limits) => limits.memory.limitBytes !== null,
  carry: (last, current) => {
    current.memory.oomKills = last.memory.oomKills
    current.memory.highEvents = last.memory.highEvents
    current.memory.maxEvents = last.memory.maxEvents
  }
}

const WORKING_SET: Omit<SlowReader, 'read'> = {
  // Same usage, same working set unless pages moved between the LRU lists: re-read when usage moves.
  everyTick: (_limits, current, last) => current.memory.usageBytes !== last.memory.usageBytes,
  carry: (last, current) => {
    current.memory.workingSetBytes = last.memory.workingSetBytes
  }
}

const PEAK_AND_SWAP: Omit<SlowReader, 'read'> = {
  everyTick: () => false,
  carry: (last, current) => {
    const peak = last.memory.peakBytes
    const usage = current.memory.usageBytes
    current.memory.peakBytes = peak === null || usage === null ? peak : Math.max(peak, usage)
    current.memory.swapBytes = last.memory.swapBytes
  }
}

export const SLOW_CPU_V1: readonly SlowReader[] = [{ read: readCpuV1, ...THROTTLING }]

export const SLOW_MEMORY_V1: readonly SlowReader[] = [
  { read: readWorkingSetV1, ...WORKING_SET },
  { read: readOomKillsV1, ...OOM_KILLS },
  { read: readMemoryPeakAndSwapV1, ...PEAK_AND_SWAP }
]

export const SLOW_MEMORY_V2: readonly SlowReader[] = [
  { read: readWorkingSetV2, ...WORKING_SET },
  { read: readOomKillsV2, ...OOM_KILLS },
  { read: readMemoryPeakAndSwapV2, ...PEAK_AND_SWAP }
]

export const SLOW_PIDS: readonly SlowReader[] = [
  {
    read: readPidsEvents,
    everyTick: (limits) => limits.pids.max !== null,
    carry: (last, current) => {
      current.pids.limitHits = last.pids.limitHits
    }
  }
]
