// cgroup v2 (unified) files (kernel-facts §5.2). A controller not enabled in the parent's
// cgroup.subtree_control has no files here: the reads fail with 'missing', which is the truth.
import type { CgroupController } from './cgroup-locate'
import { cpusetReader, memoryStatFields, readPids, unlimitedAtRoot, type ControllerReader } from './cgroup-common'
import { memoryBreakdownV2 } from './cgroup-read-memory-stat'
import { keyedCount, keyedSeconds, limitToNumber, parseCount, parseCpuMax, parseKeyedCounts, parseLimitBig, parseWeight, workingSetOf } from './cgroup-values'

const readMemory: ControllerReader = (at, files, out) => {
  const atRoot = unlimitedAtRoot(at)
  const max = files.read(at.dir, 'memory.max', ['limits.memoryBytes', 'limits.memorySwapBytes'], parseLimitBig, atRoot)
  if (max !== undefined) {
    out.limits.memoryBytes = limitToNumber(max)
    // Docker writes MemorySwap − Memory to memory.swap.max; memory+swap is their sum. Unlimited memory
    // makes the sum unlimited, so swap.max is only read when it matters.
    if (max !== null) {
      const swap = files.read(at.dir, 'memory.swap.max', ['limits.memorySwapBytes'], parseLimitBig, atRoot)
      if (swap !== undefined) out.limits.memorySwapBytes = swap === null ? null : limitToNumber(max + swap)
    }
  }
  // memory.events is not on the root cgroup: there, no count rather than a problem.
  out.usage.oomKills =
    files.read(at.dir, 'memory.events', ['usage.oomKills'], (text) => keyedCount(text, 'oom_kill'), unlimitedAtRoot(at)) ?? null
  const usage = files.read(at.dir, 'memory.current', ['usage.memoryBytes', 'usage.memoryWorkingSetBytes'], parseCount)
  if (usage !== undefined) out.usage.memoryBytes = usage
  const stat = files.read(at.dir, 'memory.stat', memoryStatFields(usage), parseKeyedCounts)
  if (stat === undefined) return
  if (usage !== undefined) out.usage.memoryWorkingSetBytes = workingSetOf(usage, stat, 'inactive_file')
  out.usage.memoryBreakdown = memoryBreakdownV2(stat)
}

const readCpu: ControllerReader = (at, files, out) => {
  out.limits.cpuQuotaCores =
    files.read(at.dir, 'cpu.max', ['limits.cpuQuotaCores'], parseCpuMax, unlimitedAtRoot(at)) ?? null
  // Docker maps --cpu-shares to cpu.weight here; the root cgroup has none (nothing to weigh against).
  out.limits.cpuWeight = files.read(at.dir, 'cpu.weight', ['limits.cpuWeight'], parseWeight, unlimitedAtRoot(at)) ?? null
}
// cgroup v2 has no oom_kill_disable: a v2 memory cgroup at memory.max always OOM-kills
// (memory.oom.group only decides whether the whole group goes), so limits.oomKillDisable stays null.

// v2 has no cpuacct: cpu.stat's usage_usec is there in every cgroup, even without the cpu controller.
const readCpuTime: ControllerReader = (at, files, out) => {
  out.usage.cpuSeconds =
    files.read(at.dir, 'cpu.stat', ['usage.cpuSeconds'], (text) => keyedSeconds(text, 'usage_usec', 1_000_000n)) ??
    null
}

export const V2_READERS: Record<CgroupController, ControllerReader> = {
  memory: readMemory,
  cpu: readCpu,
  cpuacct: readCpuTime,
  cpuset: cpusetReader('cpuset.cpus.effective'),
  pids: readPids
}
