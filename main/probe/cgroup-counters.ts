// Cumulative counters of one cgroup at one moment, for the live sampler (kernel-facts §5). Rates come
// later (main/live/rates.ts) from two readings. Cheap on purpose: sync reads of only the files needed,
// each at most once, and never an exception: a file that is absent, or a cgroup that vanished, is null.
// Controllers are located like the structural reader does, so v1, hybrid and v2 take the same path.
// A plan splits the files: limits, which change only with the container's configuration and are read
// when the sampler's targets are set; counters, read every tick; slow ones, which matter only under a
// limit (throttling, OOM kills, refused forks) or rarely move (peak, swap; memory.stat while usage
// stands still), read every tick only when that is so (cgroup-counters-live.ts, cgroup-counters-slow.ts).
import { join } from 'node:path'
import type { CgroupMembership } from '../../shared/model'
import { counterFiles, type CounterFiles } from './cgroup-counters-files'
import { emptyCounters, type CgroupCounters, type CounterReader } from './cgroup-counters-types'
import { SLOW_CPU_V1, SLOW_MEMORY_V1, SLOW_MEMORY_V2, SLOW_PIDS, type SlowReader } from './cgroup-counters-slow'
import { readCpuLimitsV1, readCpuUsageV1, readIoLimitsV1, readIoV1, readMemoryLimitsV1, readMemoryV1 } from './cgroup-counters-v1'
import {
  readCpuLimitsV2,
  readCpuUsageV2,
  readCpuV2,
  readIoLimitsV2,
  readIoV2,
  readMemoryLimitsV2,
  readMemoryV2,
  readPressure
} from './cgroup-counters-v2'
import { parseCount, parseLimit } from './cgroup-values'
import { locateController, type CgroupController } from './cgroup-locate'
import type { CgroupHierarchy } from './types'

export type { CgroupCounters } from './cgroup-counters-types'

/** What one controller contributes: counters every tick, limits (if it has any) when targets are set. */
interface Readers {
  counters: CounterReader
  limits?: CounterReader
  /** Read after the counters, every tick or less often (cgroup-counters-slow.ts). */
  slow?: readonly SlowReader[]
}

/** A reader bound to the directory it reads. */
export interface CounterStep {
  dir: string
  read: CounterReader
}

export type SlowStep = CounterStep & Omit<SlowReader, 'read'>

export interface CounterPlan {
  /** Settings: read when the sampler's targets are set (and when a vanished cgroup reappears). */
  limits: CounterStep[]
  /** Cumulative counters and gauges: read every tick. Run after the limits (v1 io.meaningful). */
  counters: CounterStep[]
  /** Run after the counters: every tick where they matter, otherwise less often, their values carried. */
  slow: SlowStep[]
  /** PSI averages: the kernel recomputes them every 2 s, so the live reader reads them less often. */
  pressure: CounterStep[]
  /** Every directory the plan reads, once each. */
  dirs: string[]
}

// Same files on v1 and v2.
const PIDS: Readers = {
  counters: (dir, files, out) => {
    out.pids.current = files.value(dir, 'pids.current', parseCount)
  },
  limits: (dir, files, out) => {
    out.pids.max = files.value(dir, 'pids.max', parseLimit)
  },
  slow: SLOW_PIDS
}

const NOTHING: CounterReader = () => undefined

const CONTROLLERS: ReadonlyArray<{ controller: CgroupController; v1: Readers; v2: Readers }> = [
  { controller: 'cpuacct', v1: { counters: readCpuUsageV1 }, v2: { counters: readCpuUsageV2 } },
  {
    controller: 'cpu',
    v1: { counters: NOTHING, limits: readCpuLimitsV1, slow: SLOW_CPU_V1 },
    // v2 keeps throttling in the cpu.stat that usage comes from: read with it, no file saved by waiting.
    v2: { counters: readCpuV2, limits: readCpuLimitsV2 }
  },
  {
    controller: 'memory',
    v1: { counters: readMemoryV1, limits: readMemoryLimitsV1, slow: SLOW_MEMORY_V1 },
    v2: { counters: readMemoryV2, limits: readMemoryLimitsV2, slow: SLOW_MEMORY_V2 }
  },
  { controller: 'pids', v1: PIDS, v2: PIDS }
]
const IO_V1: Readers = { counters: readIoV1, limits: readIoLimitsV1 }
const IO_V2: Readers = { counters: readIoV2, limits: readIoLimitsV2 }
const PRESSURE: Readers = { counters: readPressure }

/** Which files of which directories hold one process's counters. Pure: no file is read. */
export function planCounters(hierarchy: CgroupHierarchy, memberships: readonly CgroupMembership[]): CounterPlan {
  const plan: CounterPlan = { limits: [], counters: [], slow: [], pressure: [], dirs: [] }
  const add = (dir: string, readers: Readers, every: 'counters' | 'pressure' = 'counters'): void => {
    plan[every].push({ dir, read: readers.counters })
    if (readers.limits) plan.limits.push({ dir, read: readers.limits })
    for (const slow of readers.slow ?? []) plan.slow.push({ dir, ...slow })
    if (!plan.dirs.includes(dir)) plan.dirs.push(dir)
  }
  for (const { controller, v1, v2 } of CONTROLLERS) {
    const located = locateController(hierarchy, memberships, controller)
    if (located.ok) add(located.at.dir, located.at.version === 1 ? v1 : v2)
  }
  const unified = unifiedDirOf(hierarchy, memberships)
  // A controller bound to a v1 hierarchy is never also on cgroup2 (same rule as locateController).
  if (hierarchy.v1.has('blkio')) {
    const dir = blkioDirOf(hierarchy, memberships)
    if (dir !== null) add(dir, IO_V1)
  } else if (unified !== null) {
    add(unified, IO_V2)
  }
  if (unified !== null) add(unified, PRESSURE, 'pressure')
  return plan
}

export function runSteps(steps: readonly CounterStep[], files: CounterFiles, out: CgroupCounters): void {
  for (const step of steps) step.read(step.dir, files, out)
}

/** Limits and counters in one go, every file read afresh and nothing kept open. */
export function readCgroupCounters(
  hierarchy: CgroupHierarchy,
  memberships: readonly CgroupMembership[]
): CgroupCounters {
  const plan = planCounters(hierarchy, memberships)
  const files = counterFiles()
  const out = emptyCounters()
  runSteps(plan.limits, files, out)
  runSteps(plan.counters, files, out)
  runSteps(plan.slow, files, out)
  runSteps(plan.pressure, files, out)
  return out
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
