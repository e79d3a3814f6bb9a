// What Docker was asked for next to what the cgroup files say, limit by limit: the one
// comparison the container page, Findings and the CLI all show. "unknown" is never a difference:
// a value that could not be read (a Problem), an older snapshot without the field, no cgroup.
import { formatBytes, formatCores } from '../format'
import type { CgroupLimits, CgroupVersion, ContainerInfo, DeclaredResources, HostSnapshot, Problem } from '../model'
import { countCpuList } from './cpu-list'
import { DEFAULT_CPU_SHARES, cpuWeightsFor, weightMatchesShares } from './cpu-weight'

export type ComparedLimit = 'memoryBytes' | 'memorySwapBytes' | 'cpuQuotaCores' | 'cpusetCpus' | 'pidsMax' | 'cpuShares' | 'oomKillDisable'

export type LimitVerdict = 'same' | 'differs' | 'unknown'

export interface LimitComparison {
  key: ComparedLimit
  /** What people call it: "memory + swap", "CPU shares". */
  label: string
  /** Docker's side as text ('unknown' without the engine). */
  declared: string
  /** The kernel's side as text ('no cgroup' when not running, '? (denied)' when unreadable). */
  enforced: string
  verdict: LimitVerdict
  /** Which cgroup version the value was read from, when known (v2 has cpu.weight and no OOM switch). */
  version: CgroupVersion | null
}

const LABELS: Record<ComparedLimit, string> = {
  memoryBytes: 'memory',
  memorySwapBytes: 'memory + swap',
  cpuQuotaCores: 'CPU quota',
  cpusetCpus: 'CPUs (cpuset)',
  pidsMax: 'pids',
  cpuShares: 'CPU shares',
  oomKillDisable: 'OOM killer'
}

/** Every compared limit of `container`, in the order the page lists them. */
export function compareLimits(snapshot: HostSnapshot, container: ContainerInfo): LimitComparison[] {
  const cgroup = container.cgroupPath === null ? undefined : snapshot.cgroups.find((g) => g.path === container.cgroupPath)
  const ctx: Context = {
    declared: container.declared?.resources ?? null,
    limits: container.limits,
    problems: container.problems,
    hostCpus: snapshot.host.cpus,
    memoryVersion: cgroup?.controllers.memory ?? null,
    cpuVersion: cgroup?.controllers.cpu ?? null
  }
  return [memory(ctx), memorySwap(ctx), cpuQuota(ctx), cpuset(ctx), pids(ctx), cpuShares(ctx), oomKill(ctx)]
}

/** Only the limits where the kernel enforces something other than what was declared. */
export function limitDifferences(snapshot: HostSnapshot, container: ContainerInfo): LimitComparison[] {
  return compareLimits(snapshot, container).filter((c) => c.verdict === 'differs')
}

interface Context {
  declared: DeclaredResources | null
  limits: CgroupLimits | null
  problems: readonly Problem[]
  hostCpus: number
  memoryVersion: CgroupVersion | null
  cpuVersion: CgroupVersion | null
}

type Side<T> = { known: true; value: T } | { known: false; text: string }

/** The declared value, or why it is not known. `undefined` = a snapshot from before the field existed. */
function declaredSide<K extends keyof DeclaredResources>(ctx: Context, key: K): Side<Exclude<DeclaredResources[K], undefined>> {
  if (ctx.declared === null) return { known: false, text: 'unknown' }
  const value = ctx.declared[key]
  if (value === undefined) return { known: false, text: '?' }
  return { known: true, value: value as Exclude<DeclaredResources[K], undefined> }
}

/** The enforced value, or why it is not known: no cgroup, a Problem naming it, an older snapshot. */
function enforcedSide<K extends keyof CgroupLimits>(ctx: Context, key: K): Side<Exclude<CgroupLimits[K], undefined>> {
  const whole = ctx.problems.find((p) => p.field === 'limits')
  if (ctx.limits === null) return { known: false, text: whole ? `? (${whole.reason})` : 'no cgroup' }
  const problem = ctx.problems.find((p) => p.field === `limits.${key}`)
  if (problem) return { known: false, text: `? (${problem.reason})` }
  const value = ctx.limits[key]
  if (value === undefined) return { known: false, text: '?' }
  return { known: true, value: value as Exclude<CgroupLimits[K], undefined> }
}

function row(key: ComparedLimit, declared: string, enforced: string, verdict: LimitVerdict, version: CgroupVersion | null): LimitComparison {
  return { key, label: LABELS[key], declared, enforced, verdict, version }
}

/** Numbers within 0.1 % (byte limits the kernel rounds to pages, quotas divided by periods). */
function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(1e-3, Math.abs(a) * 1e-3)
}

const bytesOrNone = (v: number | null): string => (v === null ? 'none' : formatBytes(v))

/** memory, CPU quota and pids: null on both sides is "none", equal numbers are the same. */
function plainLimit(ctx: Context, key: 'memoryBytes' | 'cpuQuotaCores' | 'pidsMax', show: (v: number) => string, version: CgroupVersion | null): LimitComparison {
  const want = declaredSide(ctx, key)
  const have = enforcedSide(ctx, key)
  const text = <T,>(side: Side<T>, f: (v: T) => string): string => (side.known ? f(side.value) : side.text)
  const showOrNone = (v: number | null): string => (v === null ? 'none' : show(v))
  let verdict: LimitVerdict = 'unknown'
  if (want.known && have.known) {
    verdict = want.value === null || have.value === null ? (want.value === have.value ? 'same' : 'differs') : sameNumber(want.value, have.value) ? 'same' : 'differs'
  }
  return row(key, text(want, showOrNone), text(have, showOrNone), verdict, version)
}

function memory(ctx: Context): LimitComparison {
  return plainLimit(ctx, 'memoryBytes', formatBytes, ctx.memoryVersion)
}

function cpuQuota(ctx: Context): LimitComparison {
  return plainLimit(ctx, 'cpuQuotaCores', formatCores, ctx.cpuVersion)
}

function pids(ctx: Context): LimitComparison {
  return plainLimit(ctx, 'pidsMax', String, null)
}

/**
 * Memory+swap. Not set (MemorySwap 0, or -1 = unlimited: the engine reads both as null) lets the
 * daemon allow twice the memory, or no swap limit at all: either is what was asked for.
 */
function memorySwap(ctx: Context): LimitComparison {
  const want = declaredSide(ctx, 'memorySwapBytes')
  const have = enforcedSide(ctx, 'memorySwapBytes')
  const memoryAsked = ctx.declared?.memoryBytes ?? null
  const declared = !want.known ? want.text : want.value !== null ? formatBytes(want.value) : memoryAsked === null ? 'none' : `not set (2 × memory = ${formatBytes(2 * memoryAsked)}, or unlimited)`
  const enforced = have.known ? bytesOrNone(have.value) : have.text
  let verdict: LimitVerdict = 'unknown'
  if (want.known && have.known) {
    if (want.value === null) {
      verdict = have.value === null || (memoryAsked !== null && sameNumber(2 * memoryAsked, have.value)) ? 'same' : 'differs'
    } else {
      verdict = have.value !== null && sameNumber(want.value, have.value) ? 'same' : 'differs'
    }
  }
  return row('memorySwapBytes', declared, enforced, verdict, ctx.memoryVersion)
}

/** The probe reports a cpuset only when narrower than the host's: a declared list naming every CPU is "all". */
function cpuset(ctx: Context): LimitComparison {
  const want = declaredSide(ctx, 'cpusetCpus')
  const have = enforcedSide(ctx, 'cpusetCpus')
  const declared = want.known ? (want.value ?? 'all') : want.text
  const enforced = have.known ? (have.value ?? 'all') : have.text
  let verdict: LimitVerdict = 'unknown'
  if (want.known && have.known) {
    const wantAll = want.value === null || (countCpuList(want.value) ?? 0) >= ctx.hostCpus
    if (have.value === null) verdict = wantAll ? 'same' : 'differs'
    else verdict = want.value !== null && sameCpuList(want.value, have.value) ? 'same' : 'differs'
  }
  return row('cpusetCpus', declared, enforced, verdict, null)
}

function sameCpuList(a: string, b: string): boolean {
  return expandCpuList(a) === expandCpuList(b)
}

/** "0-2,5" and "0,1,2,5" alike: the CPUs named, sorted, as one string. */
function expandCpuList(text: string): string {
  const cpus = new Set<number>()
  for (const part of text.replace(/\s/g, '').split(',')) {
    const [from, to = from] = part.split('-').map(Number)
    if (from === undefined || to === undefined || !Number.isInteger(from) || !Number.isInteger(to) || to - from > 4096) return text.replace(/\s/g, '')
    for (let cpu = from; cpu <= to; cpu++) cpus.add(cpu)
  }
  return [...cpus].sort((x, y) => x - y).join(',')
}

/** --cpu-shares against v1 cpu.shares, or against v2 cpu.weight through either runc conversion. */
function cpuShares(ctx: Context): LimitComparison {
  const want = declaredSide(ctx, 'cpuShares')
  const shares = enforcedSide(ctx, 'cpuShares')
  const weight = enforcedSide(ctx, 'cpuWeight')
  const asked = want.known ? (want.value === null ? `default (${DEFAULT_CPU_SHARES} shares)` : `--cpu-shares ${want.value}`) : want.text
  if (shares.known && shares.value !== null) {
    const verdict = want.known ? (shares.value === (want.value ?? DEFAULT_CPU_SHARES) ? 'same' : 'differs') : 'unknown'
    return row('cpuShares', asked, `cpu.shares ${shares.value}`, verdict, 1)
  }
  if (weight.known && weight.value !== null) {
    const declared = want.known ? `${asked} → cpu.weight ${cpuWeightsFor(want.value).join(' or ')}` : asked
    const verdict = want.known ? (weightMatchesShares(weight.value, want.value) ? 'same' : 'differs') : 'unknown'
    return row('cpuShares', declared, `cpu.weight ${weight.value}`, verdict, 2)
  }
  const enforced = !shares.known ? shares.text : !weight.known ? weight.text : '?'
  return row('cpuShares', asked, enforced, 'unknown', ctx.cpuVersion)
}

/** --oom-kill-disable against v1 memory.oom_control; cgroup v2 has no such switch, so there it is never enforced. */
function oomKill(ctx: Context): LimitComparison {
  const want = declaredSide(ctx, 'oomKillDisable')
  const have = enforcedSide(ctx, 'oomKillDisable')
  const declared = want.known ? (want.value ? '--oom-kill-disable' : 'OOM killer on (default)') : want.text
  if (have.known && have.value !== null) {
    const enforced = have.value ? 'oom_kill_disable 1: pauses at the limit' : 'oom_kill_disable 0: kills at the limit'
    return row('oomKillDisable', declared, enforced, want.known ? (want.value === have.value ? 'same' : 'differs') : 'unknown', 1)
  }
  if (have.known && ctx.memoryVersion === 2) {
    const enforced = 'none: cgroup v2 has no oom_kill_disable, kills at the limit'
    return row('oomKillDisable', declared, enforced, want.known ? (want.value ? 'differs' : 'same') : 'unknown', 2)
  }
  return row('oomKillDisable', declared, have.known ? '?' : have.text, 'unknown', ctx.memoryVersion)
}
