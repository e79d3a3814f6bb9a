// Limits and usage of one process's cgroup, read straight from cgroupfs (kernel-facts §5).
// Each controller is read where it lives: its v1 hierarchy if it has one, else the unified hierarchy,
// so v1, hybrid and v2 hosts go through the same path. Never throws: what cannot be read is null + a Problem.
import type { CgroupInfo, CgroupMembership, CgroupVersion } from '../../shared/model'
import { CONTROLLER_FIELDS, emptyValues } from './cgroup-common'
import { cgroupFiles } from './cgroup-files'
import { CGROUP_CONTROLLERS, locateController, type CgroupController } from './cgroup-locate'
import { V1_READERS } from './cgroup-v1'
import { V2_READERS } from './cgroup-v2'
import { cgroupPathOf } from './proc-cgroup'
import type { CgroupHierarchy } from './types'

export function readCgroup(hierarchy: CgroupHierarchy, memberships: CgroupMembership[]): CgroupInfo {
  const files = cgroupFiles()
  const values = emptyValues()
  const controllers: Partial<Record<CgroupController, CgroupVersion>> = {}
  for (const controller of CGROUP_CONTROLLERS) {
    const located = locateController(hierarchy, memberships, controller)
    if (!located.ok) {
      files.report(CONTROLLER_FIELDS[controller], { reason: 'missing', message: located.message })
      continue
    }
    controllers[controller] = located.at.version
    const readers = located.at.version === 1 ? V1_READERS : V2_READERS
    readers[controller](located.at, files, values)
  }
  return {
    // Same rule as ProcessInfo.cgroupPath, so the model can join on it. '' only without any cgroup line.
    path: cgroupPathOf(memberships) ?? '',
    controllers,
    limits: values.limits,
    usage: values.usage,
    problems: files.problems
  }
}
