// One pass over the kernel's view of the host: hierarchy, processes, host facts. The first half of the
// kernel side of the seam; main/kernel/read-kernel-report.ts reads the rest into a KernelReport.
import { discoverHierarchy } from './cgroup-hierarchy'
import { readHostInfo } from './host-info'
import { scanProcesses, type KnownProcesses } from './process-scan'
import type { ProbeReport, ProbeRoots } from './types'

export const DEFAULT_ROOTS: ProbeRoots = { procRoot: '/proc', cgroupRoot: '/sys/fs/cgroup' }

/** `known`: the processes of the last scan, to reuse those that did not change (see KnownProcesses). */
export function probeHost(roots: ProbeRoots = DEFAULT_ROOTS, probeUid: number = process.getuid?.() ?? -1, known?: KnownProcesses): ProbeReport {
  const hierarchy = discoverHierarchy(roots.cgroupRoot)
  const scan = scanProcesses(roots.procRoot, known)
  return {
    roots,
    host: readHostInfo(roots.procRoot, hierarchy, probeUid),
    hierarchy,
    processes: scan.processes,
    problems: scan.problems
  }
}
