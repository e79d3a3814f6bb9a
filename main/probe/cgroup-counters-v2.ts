// cgroup v2 (unified) counter files (kernel-facts §5.2). On v2 one cpu.stat carries both usage and
// throttling; the file cache reads it once. PSI and io.stat live here on hybrid hosts too. Each
// controller has a counters reader (every tick) and, where it has settings, a limits reader.
import { keyedCount, parseIoStat, parsePsiSomeAvg10, parseWorkingSet } from './cgroup-counters-parse'
import type { CounterReader } from './cgroup-counters-types'
import { parseCount, parseCpuMax, parseLimit } from './cgroup-values'

export const readCpuUsageV2: CounterReader = (dir, files, out) => {
  out.cpu.usageUsec = keyedCount(files.keyed(dir, 'cpu.stat'), 'usage_usec')
}

export const readCpuV2: CounterReader = (dir, files, out) => {
  // The throttling keys exist only where the cpu controller is enabled; absent → null.
  const stat = files.keyed(dir, 'cpu.stat')
  out.cpu.periods = keyedCount(stat, 'nr_periods')
  out.cpu.throttledPeriods = keyedCount(stat, 'nr_throttled')
  out.cpu.throttledUsec = keyedCount(stat, 'throttled_usec')
}

export const readCpuLimitsV2: CounterReader = (dir, files, out) => {
  out.cpu.quotaCores = files.value(dir, 'cpu.max', parseCpuMax)
}

export const readMemoryV2: CounterReader = (dir, files, out) => {
  out.memory.usageBytes = files.value(dir, 'memory.current', parseCount)
}

/** Runs after readMemoryV2: the working set is usage less the inactive page cache of memory.stat. */
export const readWorkingSetV2: CounterReader = (dir, files, out) => {
  const usage = out.memory.usageBytes
  if (usage === null) return
  out.memory.workingSetBytes = files.value(dir, 'memory.stat', (text) => parseWorkingSet(usage, text, 'inactive_file'))
}

export const readMemoryPeakAndSwapV2: CounterReader = (dir, files, out) => {
  out.memory.peakBytes = files.value(dir, 'memory.peak', parseCount)
  out.memory.swapBytes = files.value(dir, 'memory.swap.current', parseCount)
}

/** memory.events also counts the limit hits short of a kill: over memory.high, and at memory.max (reclaim). */
export const readOomKillsV2: CounterReader = (dir, files, out) => {
  const events = files.keyed(dir, 'memory.events')
  out.memory.oomKills = keyedCount(events, 'oom_kill')
  out.memory.highEvents = keyedCount(events, 'high')
  out.memory.maxEvents = keyedCount(events, 'max')
}

export const readMemoryLimitsV2: CounterReader = (dir, files, out) => {
  out.memory.limitBytes = files.value(dir, 'memory.max', parseLimit)
  out.memory.highBytes = files.value(dir, 'memory.high', parseLimit)
}

export const readIoV2: CounterReader = (dir, files, out) => {
  const bytes = files.value(dir, 'io.stat', parseIoStat)
  out.io.readBytes = bytes?.readBytes ?? null
  out.io.writeBytes = bytes?.writeBytes ?? null
}

export const readIoLimitsV2: CounterReader = (_dir, _files, out) => {
  // v2 counts block I/O without any rule.
  out.io.meaningful = true
}

export const readPressure: CounterReader = (dir, files, out) => {
  out.pressure.cpu = files.value(dir, 'cpu.pressure', parsePsiSomeAvg10)
  out.pressure.memory = files.value(dir, 'memory.pressure', parsePsiSomeAvg10)
  out.pressure.io = files.value(dir, 'io.pressure', parsePsiSomeAvg10)
}
