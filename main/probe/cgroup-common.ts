// What the per-version readers share: the values they fill, which fields each controller feeds,
// and the two controllers whose files look the same on v1 and v2 (pids, and cpuset up to a file name).
import type { CgroupLimits, CgroupUsage, ProblemField } from '../../shared/model'
import type { CgroupFiles } from './cgroup-files'
import type { CgroupController, ControllerDir } from './cgroup-locate'
import { isNarrower, parseCount, parseCpuList, parseLimit, type Parsed } from './cgroup-values'

export interface CgroupValues {
  limits: CgroupLimits
  usage: CgroupUsage
}

/** Reads one controller's files at `at` into `out`, recording Problems in `files`. */
export type ControllerReader = (at: ControllerDir, files: CgroupFiles, out: CgroupValues) => void

/** The fields (as Problem.field) each controller's files feed. */
export const CONTROLLER_FIELDS: Record<CgroupController, readonly ProblemField[]> = {
  memory: ['limits.memoryBytes', 'limits.memorySwapBytes', 'limits.oomKillDisable', 'usage.memoryBytes', 'usage.memoryWorkingSetBytes', 'usage.oomKills', 'usage.memoryBreakdown'],
  cpu: ['limits.cpuQuotaCores', 'limits.cpuShares'],
  cpuacct: ['usage.cpuSeconds'],
  cpuset: ['limits.cpusetCpus', 'usage.cpusEffective'],
  pids: ['limits.pidsMax', 'usage.pids']
}

export function emptyValues(): CgroupValues {
  return {
    limits: {
      memoryBytes: null,
      memorySwapBytes: null,
      cpuQuotaCores: null,
      cpusetCpus: null,
      pidsMax: null,
      cpuShares: null,
      cpuWeight: null,
      oomKillDisable: null
    },
    usage: { memoryBytes: null, memoryWorkingSetBytes: null, cpuSeconds: null, pids: null, cpusEffective: null, oomKills: null, memoryBreakdown: null }
  }
}

/**
 * The root cgroup cannot be limited, and the kernel leaves most limit files out of it (v1 pids.max, v2
 * memory.max, cpu.max, pids.max: CFTYPE_NOT_ON_ROOT). There an absent limit file means "no limit", not "unknown".
 */
export function unlimitedAtRoot(at: ControllerDir): { value: null } | undefined {
  return at.isRoot ? { value: null } : undefined
}

/** memory.stat feeds the working set only when usage was read (else that is already a Problem), and the breakdown. */
export function memoryStatFields(usage: number | undefined): readonly ProblemField[] {
  return usage === undefined ? ['usage.memoryBreakdown'] : ['usage.memoryWorkingSetBytes', 'usage.memoryBreakdown']
}

export const readPids: ControllerReader = (at, files, out) => {
  out.limits.pidsMax = files.read(at.dir, 'pids.max', ['limits.pidsMax'], parseLimit, unlimitedAtRoot(at)) ?? null
  out.usage.pids = files.read(at.dir, 'pids.current', ['usage.pids'], parseCount) ?? null
}

interface CpuList {
  text: string
  cpus: Set<number>
}

function cpuList(text: string): Parsed<CpuList> {
  const cpus = parseCpuList(text)
  return cpus.ok ? { ok: true, value: { text: text.trim(), cpus: cpus.value } } : cpus
}

/**
 * The effective cpu list (v1 `cpuset.effective_cpus`, v2 `cpuset.cpus.effective`). It is a limit only when
 * narrower than the root cgroup's list: every cgroup has a cpuset, most just inherit all CPUs.
 */
export function cpusetReader(fileName: string): ControllerReader {
  return (at, files, out) => {
    const own = files.read(at.dir, fileName, ['limits.cpusetCpus', 'usage.cpusEffective'], cpuList)
    if (own === undefined) return
    out.usage.cpusEffective = own.text
    const root = files.read(at.root, fileName, ['limits.cpusetCpus'], cpuList)
    if (root !== undefined && isNarrower(own.cpus, root.cpus)) out.limits.cpusetCpus = own.text
  }
}
