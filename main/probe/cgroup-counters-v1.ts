// cgroup v1 counter files, one hierarchy per controller (kernel-facts §5.1, §5.5). Each controller has a
// counters reader (every tick) and, where it has settings, a limits reader (when targets are set).
import { keyedCount, nanosToMicros, parseBigCount, parseBlkioBytes, parseWorkingSet } from './cgroup-counters-parse'
import type { CounterReader } from './cgroup-counters-types'
import { parseCfsQuota, parseCount, parseLimit, parsePeriod } from './cgroup-values'

export const readCpuUsageV1: CounterReader = (dir, files, out) => {
  out.cpu.usageUsec = nanosToMicros(files.value(dir, 'cpuacct.usage', parseBigCount))
}

export const readCpuV1: CounterReader = (dir, files, out) => {
  const stat = files.keyed(dir, 'cpu.stat')
  out.cpu.periods = keyedCount(stat, 'nr_periods')
  out.cpu.throttledPeriods = keyedCount(stat, 'nr_throttled')
  out.cpu.throttledUsec = nanosToMicros(stat?.get('throttled_time'))
}

export const readCpuLimitsV1: CounterReader = (dir, files, out) => {
  const quota = files.value(dir, 'cpu.cfs_quota_us', parseCfsQuota)
  // The period only matters with a quota: one read fewer for the usual unlimited container.
  const period = quota === null ? null : files.value(dir, 'cpu.cfs_period_us', parsePeriod)
  out.cpu.quotaCores = quota === null || period === null ? null : quota / period
}

export const readMemoryV1: CounterReader = (dir, files, out) => {
  out.memory.usageBytes = files.value(dir, 'memory.usage_in_bytes', parseCount)
}

/** Runs after readMemoryV1: the working set is usage less the inactive page cache of memory.stat. */
export const readWorkingSetV1: CounterReader = (dir, files, out) => {
  const usage = out.memory.usageBytes
  if (usage === null) return
  out.memory.workingSetBytes = files.value(dir, 'memory.stat', (text) => parseWorkingSet(usage, text, 'total_inactive_file'))
}

/** Runs after readMemoryV1: the peak, and swap from memory+swap less usage. */
export const readMemoryPeakAndSwapV1: CounterReader = (dir, files, out) => {
  const usage = out.memory.usageBytes
  out.memory.peakBytes = files.value(dir, 'memory.max_usage_in_bytes', parseCount)
  // memsw exists only with swap accounting. Two reads a moment apart: clamp the difference at 0.
  const memsw = files.value(dir, 'memory.memsw.usage_in_bytes', parseCount)
  out.memory.swapBytes = memsw === null || usage === null ? null : Math.max(0, memsw - usage)
}

export const readOomKillsV1: CounterReader = (dir, files, out) => {
  // Not memory.failcnt: it stayed 0 through a real OOM kill here (kernel-facts §5.5.3).
  out.memory.oomKills = keyedCount(files.keyed(dir, 'memory.oom_control'), 'oom_kill')
  // failcnt counts the charges that hit the limit (reclaim), v2's memory.events `max`; v1 has no memory.high.
  out.memory.maxEvents = files.value(dir, 'memory.failcnt', parseCount)
  out.memory.highEvents = null
}

export const readMemoryLimitsV1: CounterReader = (dir, files, out) => {
  out.memory.limitBytes = files.value(dir, 'memory.limit_in_bytes', parseLimit)
}

const THROTTLE_FILES = [
  'blkio.throttle.read_bps_device',
  'blkio.throttle.write_bps_device',
  'blkio.throttle.read_iops_device',
  'blkio.throttle.write_iops_device'
]

export const readIoV1: CounterReader = (dir, files, out) => {
  // Without a throttle rule the counters say 0 whatever happened (kernel-facts §5.5.2): not worth a read, nor a number.
  if (!out.io.meaningful) return
  const bytes = files.value(dir, 'blkio.throttle.io_service_bytes_recursive', parseBlkioBytes)
  out.io.readBytes = bytes?.readBytes ?? null
  out.io.writeBytes = bytes?.writeBytes ?? null
  // No bytes, nothing meaningful: runs after readIoLimitsV1, which found whether a throttle rule exists.
  if (bytes === null) out.io.meaningful = false
}

export const readIoLimitsV1: CounterReader = (dir, files, out) => {
  // The throttle counters stay at 0 unless a throttle rule exists on this cgroup (kernel-facts §5.5.2).
  out.io.meaningful = THROTTLE_FILES.some((name) => (files.text(dir, name) ?? '').trim() !== '')
}
