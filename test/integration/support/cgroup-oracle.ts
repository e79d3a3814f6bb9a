// An independent reading of a process's cgroup limits, on cgroup v1 (one hierarchy per controller,
// hybrid included) or v2 (unified), for tests to compare the snapshot against. The layout is decided
// the way the kernel shows it, not assumed: the process's /proc/<pid>/cgroup lines say which
// hierarchy holds its memory controller, and mountinfo says where each hierarchy is mounted.
// Deliberately simple and separate from the probe's parsers (main/probe), so a bug cannot hide in both.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CgroupLimits } from '../../../shared/model'

/** Where the cgroup file systems are mounted, from /proc/self/mountinfo. */
export interface CgroupMounts {
  /** v1: controller name (memory, cpu, …) → mount point. */
  v1: Map<string, string>
  /** The cgroup2 mount point, if any (on a hybrid host it holds no resource controllers). */
  v2: string | null
}

export function cgroupMounts(mountinfo: string): CgroupMounts {
  const v1 = new Map<string, string>()
  let v2: string | null = null
  for (const line of mountinfo.split('\n')) {
    const fields = line.split(' ')
    const dash = fields.indexOf('-')
    if (dash < 0) continue
    const mountPoint = fields[4] ?? ''
    const fsType = fields[dash + 1]
    if (fsType === 'cgroup2') v2 = mountPoint
    if (fsType === 'cgroup') {
      for (const option of (fields[dash + 3] ?? '').split(',')) if (!v1.has(option)) v1.set(option, mountPoint)
    }
  }
  return { v1, v2 }
}

export interface CgroupOracle {
  /** Which hierarchy the memory controller of this process is on. */
  version: 1 | 2
  /** The cgroup path as /proc/<pid>/cgroup lists it: the memory line on v1, the 0:: line on v2. */
  path: string
  /** The limits the kernel's files state, in the model's units (null = unlimited, or not there). */
  limits(): CgroupLimits
  /** pids.current. */
  pids(): number
  /** OOM kills: v1 memory.oom_control oom_kill, v2 memory.events oom_kill. */
  oomKills(): number | null
}

type Lines = Array<{ hierarchy: string; controllers: string[]; path: string }>

function cgroupLines(text: string): Lines {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [hierarchy = '', controllers = '', ...rest] = line.split(':')
      return { hierarchy, controllers: controllers === '' ? [] : controllers.split(','), path: rest.join(':') }
    })
}

/**
 * The oracle for the process whose /proc/<pid>/cgroup is `procCgroup`. `prefix` is prepended to every
 * mount point: '' on the live host, a fixture folder holding sys/fs/cgroup in tests.
 */
export function cgroupOracle(procCgroup: string, mountinfo: string, prefix = ''): CgroupOracle {
  const lines = cgroupLines(procCgroup)
  const mounts = cgroupMounts(mountinfo)
  const memoryLine = lines.find((l) => l.controllers.includes('memory'))
  if (memoryLine && mounts.v1.has('memory')) return v1Oracle(lines, mounts, prefix, memoryLine.path)
  const unified = lines.find((l) => l.hierarchy === '0')
  if (unified && mounts.v2 !== null) return v2Oracle(join(prefix, mounts.v2), unified.path)
  throw new Error('neither a v1 memory hierarchy nor a cgroup2 mount holds this process')
}

/**
 * The path that names a process's cgroup on either layout: its memory controller's line when the memory
 * controller is on v1 (a hybrid host has a 0:: line too, for a v2 tree without resource controllers),
 * else the unified 0:: line.
 */
export function cgroupPathIn(procCgroup: string): string {
  const lines = cgroupLines(procCgroup)
  const line = lines.find((l) => l.controllers.includes('memory')) ?? lines.find((l) => l.hierarchy === '0')
  if (!line) throw new Error('no memory or unified line in /proc/<pid>/cgroup')
  return line.path
}

export function cgroupPathOf(pid: number): string {
  return cgroupPathIn(readFileSync(`/proc/${pid}/cgroup`, 'utf8'))
}

/** The oracle for a live process on this host. */
export function cgroupOracleOf(pid: number): CgroupOracle {
  return cgroupOracle(readFileSync(`/proc/${pid}/cgroup`, 'utf8'), readFileSync('/proc/self/mountinfo', 'utf8'))
}

const text = (path: string): string | null => (existsSync(path) ? readFileSync(path, 'utf8').trim() : null)

/** A byte limit: v1 writes "unlimited" as the page-rounded maximum, v2 as "max". */
function byteLimit(raw: string | null): number | null {
  if (raw === null || raw === 'max') return null
  const value = BigInt(raw)
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(value)
}

const keyed = (raw: string | null, key: string): number | null => {
  const match = raw === null ? null : new RegExp(`^${key} (\\d+)$`, 'm').exec(raw)
  return match ? Number(match[1]) : null
}

function v1Oracle(lines: Lines, mounts: CgroupMounts, prefix: string, memoryPath: string): CgroupOracle {
  const file = (controller: string, name: string, atRoot = false): string | null => {
    const mount = mounts.v1.get(controller)
    const path = atRoot ? '/' : lines.find((l) => l.controllers.includes(controller))?.path
    return mount === undefined || path === undefined ? null : text(join(prefix, mount, path, name))
  }
  return {
    version: 1,
    path: memoryPath,
    limits() {
      const quota = Number(file('cpu', 'cpu.cfs_quota_us'))
      const period = Number(file('cpu', 'cpu.cfs_period_us'))
      const cpus = file('cpuset', 'cpuset.effective_cpus')
      const shares = file('cpu', 'cpu.shares')
      const oom = file('memory', 'memory.oom_control')
      return {
        memoryBytes: byteLimit(file('memory', 'memory.limit_in_bytes')),
        memorySwapBytes: byteLimit(file('memory', 'memory.memsw.limit_in_bytes')),
        cpuQuotaCores: quota < 0 ? null : quota / period,
        cpusetCpus: cpus === file('cpuset', 'cpuset.effective_cpus', true) ? null : cpus,
        pidsMax: byteLimit(file('pids', 'pids.max')),
        cpuShares: shares === null ? null : Number(shares),
        cpuWeight: null,
        oomKillDisable: oom === null ? null : keyed(oom, 'oom_kill_disable') === 1
      }
    },
    pids: () => Number(file('pids', 'pids.current')),
    oomKills: () => keyed(file('memory', 'memory.oom_control'), 'oom_kill')
  }
}

function v2Oracle(mount: string, path: string): CgroupOracle {
  const file = (name: string, atRoot = false): string | null => text(join(mount, atRoot ? '/' : path, name))
  return {
    version: 2,
    path,
    limits() {
      const memory = byteLimit(file('memory.max'))
      const swap = byteLimit(file('memory.swap.max'))
      const [quota, period] = (file('cpu.max') ?? 'max').split(' ')
      const cpus = file('cpuset.cpus.effective')
      const weight = file('cpu.weight')
      return {
        memoryBytes: memory,
        // Docker writes MemorySwap − Memory to memory.swap.max: memory+swap is the sum, unlimited if either is.
        memorySwapBytes: memory === null || swap === null ? null : memory + swap,
        cpuQuotaCores: quota === undefined || quota === 'max' ? null : Number(quota) / Number(period),
        cpusetCpus: cpus === null || cpus === file('cpuset.cpus.effective', true) ? null : cpus,
        pidsMax: byteLimit(file('pids.max')),
        cpuShares: null,
        cpuWeight: weight === null ? null : Number(weight),
        // cgroup v2 has no switch to disable the OOM killer.
        oomKillDisable: null
      }
    },
    pids: () => Number(file('pids.current')),
    oomKills: () => keyed(file('memory.events'), 'oom_kill')
  }
}
