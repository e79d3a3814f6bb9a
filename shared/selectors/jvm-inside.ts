// The JVMs in a container next to its cgroup limits (issue 11 item 4): the heap the JVM reserved against
// the memory limit, and the processor count it works with (thread pools, GC threads) against the CPU quota.
// HotSpot publishes no counter for its active processor count: it is derived here the way JDK 17.0.5+
// computes it (see docs/kernel-notes.md, "The JVM inside").
import type { ContainerInfo, HostSnapshot, JvmInfo, Problem } from '../model'
import { formatBytes } from '../format'
import { countCpuList } from './cpu-list'
import { processesOf } from './snapshot-index'

export interface JvmInside {
  hostPid: number
  pidInside: number
  /** null: the hsperfdata file could not be read (see problem). */
  jvm: JvmInfo | null
  problem: Problem | null
  memoryLimitBytes: number | null
  /** The processors the JVM counts, and how that number came about. */
  processors: { count: number; basis: string } | null
  /** The heap may grow past the memory limit: the JVM sized itself for the host. */
  heapSizedFromHost: boolean
}

export function jvmsInside(snapshot: HostSnapshot, container: ContainerInfo): JvmInside[] {
  const limits = container.limits
  const memoryLimitBytes = limits?.memoryBytes ?? null
  return processesOf(snapshot, container.id)
    .filter((p) => p.jvm !== undefined)
    .map((p) => {
      const jvm = p.jvm ?? null
      return {
        hostPid: p.pid,
        pidInside: p.nspid[p.nspid.length - 1] ?? p.pid,
        jvm,
        problem: p.problems.find((problem) => problem.field === 'jvm') ?? null,
        memoryLimitBytes,
        processors: jvm ? activeProcessors(jvm, container, snapshot.host.cpus) : null,
        heapSizedFromHost: jvm !== null && heapSizedFromHost(jvm, memoryLimitBytes)
      }
    })
}

/** Max heap above the limit, or container support off while a limit exists (the heap then follows the host). */
export function heapSizedFromHost(jvm: JvmInfo, memoryLimitBytes: number | null): boolean {
  if (memoryLimitBytes === null) return false
  if (jvm.maxHeapBytes !== null && jvm.maxHeapBytes > memoryLimitBytes) return true
  return !jvm.containerSupport
}

/**
 * HotSpot (JDK 17.0.5+): -XX:ActiveProcessorCount wins; otherwise the CPUs in its affinity mask (the
 * cpuset); with container support, at most ceil(quota / period), and cpu.shares / 1024 only with
 * -XX:+UseContainerCpuShares (the quota is preferred when both are set).
 */
export function activeProcessors(jvm: JvmInfo, container: ContainerInfo, hostCpus: number): { count: number; basis: string } {
  if (jvm.activeProcessorCountFlag !== null) return { count: jvm.activeProcessorCountFlag, basis: '-XX:ActiveProcessorCount' }
  const affinity = jvm.affinityCpus ?? countCpuList(container.usage?.cpusEffective) ?? hostCpus
  if (!jvm.containerSupport) return { count: affinity, basis: 'CPUs it may run on; container support off' }
  const quota = container.limits?.cpuQuotaCores ?? null
  const shares = container.limits?.cpuShares ?? null
  let limit: number | null = null
  let basis = 'CPUs it may run on'
  if (quota !== null) {
    limit = Math.max(1, Math.ceil(quota - 1e-9))
    basis = 'CPU quota, rounded up'
  } else if (jvm.useContainerCpuShares && shares !== null && shares !== 1024) {
    limit = Math.max(1, Math.ceil(shares / 1024))
    basis = 'cpu.shares / 1024'
  }
  if (limit === null || limit >= affinity) return { count: affinity, basis: 'CPUs it may run on' }
  return { count: limit, basis }
}

/** One line per JVM: "pid 1: G1, max heap 5.9 GiB > memory limit 256 MiB (sized from the host), 2 processors, container support off". */
export function jvmSummaryText(j: JvmInside): string {
  if (!j.jvm) return `pid ${j.pidInside}: ${j.problem?.message ?? 'its hsperfdata file could not be read'}`
  const { gc, maxHeapBytes, containerSupport } = j.jvm
  const heap = maxHeapBytes === null ? 'max heap unknown' : `max heap ${formatBytes(maxHeapBytes)}`
  const limit = j.memoryLimitBytes === null ? ' (no memory limit)' : ` ${maxHeapBytes !== null && maxHeapBytes > j.memoryLimitBytes ? '>' : 'of'} memory limit ${formatBytes(j.memoryLimitBytes)}`
  const parts = [
    `${gc ?? 'unknown GC'}, ${heap}${limit}${j.heapSizedFromHost ? ' (sized from the host)' : ''}`,
    j.processors ? `${j.processors.count} ${j.processors.count === 1 ? 'processor' : 'processors'}` : null,
    `container support ${containerSupport ? 'on' : 'off'}`
  ]
  return `pid ${j.pidInside}: ${parts.filter((p) => p).join(', ')}`
}
