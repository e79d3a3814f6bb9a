// Cumulative counters of one cgroup at one moment, for the live sampler (kernel-facts §5). Rates come
// later (main/live/rates.ts) from two readings. Cheap on purpose: sync reads of only the files needed,
// each at most once, and never an exception: a file that is absent, or a cgroup that vanished, is null.
// Controllers are located like the structural reader does, so v1, hybrid and v2 take the same path.
import { join } from 'node:path'
import type { CgroupMembership } from '../../shared/model'
import { counterFiles, type CounterFiles } from './cgroup-counters-files'
import { keyedCount } from './cgroup-counters-parse'
import { emptyCounters, type CgroupCounters, type CounterReader } from './cgroup-counters-types'
import { readCpuUsageV1, readCpuV1, readIoV1, readMemoryV1 } from './cgroup-counters-v1'
import { readCpuUsageV2, readCpuV2, readIoV2, readMemoryV2, readPressure } from './cgroup-counters-v2'
import { parseCount, parseLimit } from './cgroup-values'
import { locateController, type CgroupController } from './cgroup-locate'
import type { CgroupHierarchy } from './types'

export type { CgroupCounters } from './cgroup-counters-types'

// Same files on v1 and v2.
const readPids: CounterReader = (dir, files, out) => {
  out.pids.current = files.value(dir, 'pids.current', parseCount)
  out.pids.max = files.value(dir, 'pids.max', parseLimit)
  out.pids.limitHits = keyedCount(files.keyed(dir, 'pids.events'), 'max')
}

const READERS: ReadonlyArray<{ controller: CgroupController; v1: CounterReader; v2: CounterReader }> = [
  { controller: 'cpuacct', v1: readCpuUsageV1, v2: readCpuUsageV2 },
  { controller: 'cpu', v1: readCpuV1, v2: readCpuV2 },
  { controller: 'memory', v1: readMemoryV1, v2: readMemoryV2 },
  { controller: 'pids', v1: readPids, v2: readPids }
]

export function readCgroupCounters(
  hierarchy: CgroupHierarchy,
  memberships: readonly CgroupMembership[]
): CgroupCounters {
  const files = counterFiles()
  const out = emptyCounters()
  for (const { controller, v1, v2 } of READERS) {
    const located = locateController(hierarchy, memberships, controller)
    if (located.ok) (located.at.version === 1 ? v1 : v2)(located.at.dir, files, out)
  }
  const unified = unifiedDirOf(hierarchy, memberships)
  readIo(hierarchy, memberships, unified, files, out)
  if (unified !== null) readPressure(unified, files, out)
  return out
}

function readIo(
  hierarchy: CgroupHierarchy,
  memberships: readonly CgroupMembership[],
  unified: string | null,
  files: CounterFiles,
  out: CgroupCounters
): void {
  // A controller bound to a v1 hierarchy is never also on cgroup2 (same rule as locateController).
  if (hierarchy.v1.has('blkio')) {
    const dir = blkioDirOf(hierarchy, memberships)
    if (dir !== null) readIoV1(dir, files, out)
  } else if (unified !== null) {
    readIoV2(unified, files, out)
  }
}

/** The process's directory in the unified hierarchy (PSI files, v2 io.stat); null without one. */
export function unifiedDirOf(hierarchy: CgroupHierarchy, memberships: readonly CgroupMembership[]): string | null {
  // Seen without its v1 hierarchies, locateController answers with the unified directory for any controller.
  const located = locateController({ ...hierarchy, v1: new Map() }, memberships, 'cpu')
  return located.ok ? located.at.dir : null
}

/** The process's v1 blkio directory. blkio is not one of locateController's controllers; same rules. */
function blkioDirOf(hierarchy: CgroupHierarchy, memberships: readonly CgroupMembership[]): string | null {
  const root = hierarchy.v1.get('blkio')
  const line = memberships.find((m) => m.hierarchyId > 0 && m.controllers.includes('blkio'))
  if (root === undefined || line === undefined || line.path.split('/').includes('..')) return null
  return join(root, ...line.path.split('/').filter((s) => s !== '' && s !== '.'))
}
