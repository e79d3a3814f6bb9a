// Where a process's files for one controller live: in the v1 hierarchy that carries the controller,
// else in the unified (cgroup2) hierarchy. Works from /proc/<pid>/cgroup lines and the mounted hierarchies.
import { join } from 'node:path'
import type { CgroupMembership, CgroupVersion } from '../../shared/model'
import { childPath } from './read-file'
import type { CgroupHierarchy } from './types'

export const CGROUP_CONTROLLERS = ['memory', 'cpu', 'cpuacct', 'cpuset', 'pids'] as const
export type CgroupController = (typeof CGROUP_CONTROLLERS)[number]

export interface ControllerDir {
  version: CgroupVersion
  /** The process's cgroup directory in that hierarchy. */
  dir: string
  /** The hierarchy's root cgroup directory (for host-wide comparisons such as the cpuset). */
  root: string
  /** The process sits in the root cgroup, which has no limit files on v2 (and none for pids on v1). */
  isRoot: boolean
}

export type Located = { ok: true; at: ControllerDir } | { ok: false; message: string }

export function locateController(
  hierarchy: CgroupHierarchy,
  memberships: readonly CgroupMembership[],
  controller: CgroupController
): Located {
  const v1Root = hierarchy.v1.get(controller)
  if (v1Root !== undefined) {
    // A controller bound to a v1 hierarchy is never also on cgroup2, so no fallback from here.
    const line = memberships.find((m) => m.hierarchyId > 0 && m.controllers.includes(controller))
    if (!line) return { ok: false, message: `no /proc/<pid>/cgroup line for the v1 ${controller} hierarchy` }
    return inside(1, v1Root, line.path)
  }
  const v2Line = memberships.find((m) => m.hierarchyId === 0)
  if (hierarchy.unifiedDir !== null && v2Line) return inside(2, hierarchy.unifiedDir, v2Line.path)
  return { ok: false, message: `no mounted cgroup hierarchy carries ${controller} for this process` }
}

function inside(version: CgroupVersion, root: string, path: string): Located {
  // A process outside the reader's cgroup namespace shows up as /../..: not reachable under our mount.
  if (path.split('/').includes('..')) {
    return { ok: false, message: `cgroup path ${path} lies outside this cgroup namespace` }
  }
  const segments = path.split('/').filter((s) => s !== '' && s !== '.')
  // join(root, ...segments), normalizing the root once: the segments hold no '.', '..' or empty names.
  const base = normalizedRoot(root)
  return { ok: true, at: { version, dir: segments.length === 0 ? base : childPath(base, segments.join('/')), root: base, isRoot: segments.length === 0 } }
}

const normalizedRoots = new Map<string, string>()

function normalizedRoot(root: string): string {
  let normalized = normalizedRoots.get(root)
  if (normalized === undefined) {
    normalized = join(root)
    // A handful of mount points per host; bounded all the same (fixture trees in tests come and go).
    if (normalizedRoots.size >= 64) normalizedRoots.clear()
    normalizedRoots.set(root, normalized)
  }
  return normalized
}
