// What a program inside the container sees when it sizes itself from /proc, against the limits
// the kernel enforces on its cgroup (kernel-facts §7): /proc/cpuinfo and /proc/meminfo show the
// host; only sched_getaffinity (nproc) honours the cpuset; the CFS quota is invisible.
import { formatBytes, formatCores } from '../format'
import type { ContainerInfo, HostSnapshot } from '../model'
import { countCpuList } from './cpu-list'

export interface ProgramView {
  /** CPUs listed in /proc/cpuinfo inside the container: the host's. */
  procCpus: number
  /** CPUs nproc (sched_getaffinity) counts: the cpuset. */
  nprocCpus: number | null
  /** The CFS quota in cores; null = unlimited. */
  quotaCores: number | null
  /** MemTotal in /proc/meminfo inside the container: the host's RAM (no lxcfs). */
  meminfoBytes: number
  /** The cgroup memory limit; null = unlimited. */
  memoryLimitBytes: number | null
  /** The CPU count a program would plan for, from the most common probe (the host's /proc). */
  cpuGap: boolean
  memoryGap: boolean
  /** One sentence saying what that means. */
  sentence: string
}

export function programView(snapshot: HostSnapshot, container: ContainerInfo): ProgramView | null {
  if (!container.limits) return null
  const procCpus = snapshot.host.cpus
  const nprocCpus = countCpuList(container.usage?.cpusEffective ?? container.limits.cpusetCpus) ?? procCpus
  const quotaCores = container.limits.cpuQuotaCores
  const meminfoBytes = snapshot.host.memoryBytes
  const memoryLimitBytes = container.limits.memoryBytes
  const usableCpus = Math.min(nprocCpus, quotaCores ?? Infinity)
  const cpuGap = usableCpus < procCpus
  const memoryGap = memoryLimitBytes !== null && memoryLimitBytes < meminfoBytes
  return { procCpus, nprocCpus, quotaCores, meminfoBytes, memoryLimitBytes, cpuGap, memoryGap, sentence: sentence() }

  function sentence(): string {
    const cpuText = `${procCpus} CPU${procCpus === 1 ? '' : 's'}`
    if (!cpuGap && !memoryGap) {
      return `A program here sees ${cpuText} and ${formatBytes(meminfoBytes)} in /proc, and with no limits that is what it can use — all of the host, shared with everyone else.`
    }
    const limits: string[] = []
    if (cpuGap) limits.push(quotaCores !== null && quotaCores < nprocCpus ? `throttle it to ${formatCores(quotaCores)}` : `run it on ${nprocCpus} CPU${nprocCpus === 1 ? '' : 's'}`)
    if (memoryGap && memoryLimitBytes !== null) limits.push(`kill it (OOM) above ${formatBytes(memoryLimitBytes)}`)
    // Say "throttled" only where a quota throttles, and "killed" only where a memory limit kills.
    const throttles = quotaCores !== null && quotaCores < nprocCpus
    const outcomes: string[] = []
    if (throttles) outcomes.push('too many threads get throttled')
    else if (cpuGap) outcomes.push('too many threads queue for too few CPUs')
    if (memoryGap) outcomes.push('too big a heap gets killed')
    return `A program that sizes itself from /proc — like a JVM before container support — plans for ${cpuText} and ${formatBytes(meminfoBytes)}, but the kernel will ${limits.join(' and ')}: ${outcomes.join(', ')}.`
  }
}
