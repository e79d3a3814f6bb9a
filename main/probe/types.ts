// What the probe hands to the model. The probe reads the kernel only: no Docker, no Electron.
import type { CgroupLayout, CgroupMembership, CgroupVersion, HostInfo, ProcessInfo, Problem } from '../../shared/model'

/** Where the probe reads from. Tests point these at fixture trees. */
export interface ProbeRoots {
  /** Usually /proc. */
  procRoot: string
  /** Usually /sys/fs/cgroup. */
  cgroupRoot: string
}

/** The cgroup hierarchies mounted under the cgroup root. */
export interface CgroupHierarchy {
  layout: CgroupLayout
  /** What `docker info` calls the cgroup version: 2 only when the unified hierarchy is all there is. */
  version: CgroupVersion
  /** v1 controller name (and `name=systemd` for named hierarchies) → directory of its hierarchy root. */
  v1: Map<string, string>
  /** Directory of the cgroup2 (unified) hierarchy root, if mounted. */
  unifiedDir: string | null
}

export interface ProcessScan {
  processes: ProcessInfo[]
  /** Host-wide notes, e.g. how many pids exited during the scan. */
  problems: Problem[]
}

export interface ProbeReport {
  /** Where this report was read from. */
  roots: ProbeRoots
  host: HostInfo
  hierarchy: CgroupHierarchy
  processes: ProcessInfo[]
  problems: Problem[]
}

export type { CgroupMembership }
