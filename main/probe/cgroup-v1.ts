// cgroup v1 files, one hierarchy per controller (kernel-facts §5.1).
import type { CgroupController } from './cgroup-locate'
import { cpusetReader, memoryStatFields, readPids, unlimitedAtRoot, type ControllerReader } from './cgroup-common'
import { memoryBreakdownV1 } from './cgroup-read-memory-stat'
import { parseCfsQuota, parseKeyedCounts, parseOomControl, parseCount, parseLimit, parsePeriod, parseSeconds, parseWeight, workingSetOf } from './cgroup-values'

const readMemory: ControllerReader = (at, files, out) => {
  const atRoot = unlimitedAtRoot(at)
  out.limits.memoryBytes =
    files.read(at.dir, 'memory.limit_in_bytes', ['limits.memoryBytes'], parseLimit, atRoot) ?? null
  // memsw files exist only with swap accounting (swapaccount=1 / CONFIG_MEMCG_SWAP): absent → null + 'missing'.
  out.limits.memorySwapBytes =
    files.read(at.dir, 'memory.memsw.limit_in_bytes', ['limits.memorySwapBytes'], parseLimit, atRoot) ?? null
  // --oom-kill-disable: at the limit the kernel pauses the cgroup's tasks instead of killing one.
  // The same file counts the OOM kills (oom_kill, since 4.13); failcnt is no substitute (kernel-facts §5.5).
  const oom = files.read(at.dir, 'memory.oom_control', ['limits.oomKillDisable', 'usage.oomKills'], parseOomControl)
  out.limits.oomKillDisable = oom?.killDisabled ?? null
  out.usage.oomKills = oom?.kills ?? null
  const usage = files.read(at.dir, 'memory.usage_in_bytes', ['usage.memoryBytes', 'usage.memoryWorkingSetBytes'], parseCount)
  if (usage !== undefined) out.usage.memoryBytes = usage
  const stat = files.read(at.dir, 'memory.stat', memoryStatFields(usage), parseKeyedCounts)
  if (stat === undefined) return
  // total_* counts the whole subtree, like usage_in_bytes; docker stats uses the same key.
  if (usage !== undefined) out.usage.memoryWorkingSetBytes = workingSetOf(usage, stat, 'total_inactive_file')
  // Kernel memory lives outside memory.stat on v1; kernels without kmem accounting have no such file.
  const kmem = files.read(at.dir, 'memory.kmem.usage_in_bytes', ['usage.memoryBreakdown'], parseCount, { value: null })
  out.usage.memoryBreakdown = memoryBreakdownV1(stat, kmem ?? null)
}

const readCpu: ControllerReader = (at, files, out) => {
  // --cpu-shares: a weight against siblings, felt only when CPUs are contended.
  out.limits.cpuShares = files.read(at.dir, 'cpu.shares', ['limits.cpuShares'], parseWeight) ?? null
  const quota = files.read(at.dir, 'cpu.cfs_quota_us', ['limits.cpuQuotaCores'], parseCfsQuota, unlimitedAtRoot(at))
  if (quota === undefined || quota === null) return
  const period = files.read(at.dir, 'cpu.cfs_period_us', ['limits.cpuQuotaCores'], parsePeriod)
  if (period !== undefined) out.limits.cpuQuotaCores = quota / period
}

const readCpuacct: ControllerReader = (at, files, out) => {
  out.usage.cpuSeconds =
    files.read(at.dir, 'cpuacct.usage', ['usage.cpuSeconds'], (text) => parseSeconds(text, 1_000_000_000n)) ?? null
}

export const V1_READERS: Record<CgroupController, ControllerReader> = {
  memory: readMemory,
  cpu: readCpu,
  cpuacct: readCpuacct,
  cpuset: cpusetReader('cpuset.effective_cpus'),
  pids: readPids
}
