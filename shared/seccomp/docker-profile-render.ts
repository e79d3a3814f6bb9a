// What Docker and runc make of a profile for one container: Docker keeps the syscall entries whose
// includes/excludes fit the host architecture, the container's bounding set and the kernel (moby
// profiles/seccomp setupSeccomp); runc turns the actions into return values and skips rules whose action
// equals the default (libcontainer/seccomp matchCall). The result: per system call name, its rules in
// profile order.
import { SECCOMP_RET } from './actions'
import type { DockerSeccompArg, DockerSeccompFilter, DockerSeccompProfile, ProfileContext } from './docker-profile-types'
import { SYSCALL_TABLES } from './syscall-tables'

export interface RenderedRule {
  /** The 32-bit value the filter returns. */
  ret: number
  /** All must hold (an empty list: the rule matches every call). */
  args: DockerSeccompArg[]
}

export interface RenderedProfile {
  defaultRet: number
  /** SCMP_ARCH_ names the filter accepts on this host (native first). */
  architectures: string[]
  /** Every name the kept entries list, whatever their action: runc's ENOSYS stub counts them all. */
  listed: Set<string>
  rules: Map<string, RenderedRule[]>
}

const EPERM = 1

/** runc getAction: SCMP_ACT_KILL is KILL_THREAD; ERRNO and TRACE without errnoRet return EPERM. */
export function actionValue(action: string, errnoRet: number | null | undefined): number {
  const data = (errnoRet ?? EPERM) & 0xffff
  switch (action) {
    case 'SCMP_ACT_KILL':
    case 'SCMP_ACT_KILL_THREAD':
      return SECCOMP_RET.KILL_THREAD
    case 'SCMP_ACT_KILL_PROCESS':
      return SECCOMP_RET.KILL_PROCESS
    case 'SCMP_ACT_TRAP':
      return SECCOMP_RET.TRAP
    case 'SCMP_ACT_ERRNO':
      return (SECCOMP_RET.ERRNO | data) >>> 0
    case 'SCMP_ACT_TRACE':
      return (SECCOMP_RET.TRACE | data) >>> 0
    case 'SCMP_ACT_LOG':
      return SECCOMP_RET.LOG
    case 'SCMP_ACT_NOTIFY':
      return SECCOMP_RET.USER_NOTIF
    case 'SCMP_ACT_ALLOW':
      return SECCOMP_RET.ALLOW
    default:
      throw new Error(`unknown seccomp action ${action}`)
  }
}

/** "6.18.44-fc-v1300" → [6, 18]; Docker compares kernel and minKernel by major.minor. */
export function kernelMajorMinor(release: string): [number, number] {
  const m = /^(\d+)\.(\d+)/.exec(release)
  if (!m) throw new Error(`cannot read kernel version ${release}`)
  return [Number(m[1]), Number(m[2])]
}

function kernelAtLeast(context: ProfileContext, minKernel: string): boolean {
  const [major, minor] = kernelMajorMinor(context.kernel)
  const [wantMajor, wantMinor] = kernelMajorMinor(minKernel)
  return major > wantMajor || (major === wantMajor && minor >= wantMinor)
}

const nonEmpty = (list: readonly string[] | null | undefined): list is readonly string[] => list !== null && list !== undefined && list.length > 0

function excluded(filter: DockerSeccompFilter | null | undefined, context: ProfileContext): boolean {
  if (!filter) return false
  if (nonEmpty(filter.arches) && filter.arches.includes(context.hostArch)) return true
  if (nonEmpty(filter.caps) && filter.caps.some((c) => context.capabilities.includes(c))) return true
  return typeof filter.minKernel === 'string' && kernelAtLeast(context, filter.minKernel)
}

function included(filter: DockerSeccompFilter | null | undefined, context: ProfileContext): boolean {
  if (!filter) return true
  if (nonEmpty(filter.arches) && !filter.arches.includes(context.hostArch)) return false
  if (nonEmpty(filter.caps) && !filter.caps.every((c) => context.capabilities.includes(c))) return false
  return !(typeof filter.minKernel === 'string' && !kernelAtLeast(context, filter.minKernel))
}

const NATIVE_SCMP_ARCH: Record<ProfileContext['hostArch'], string> = { amd64: 'SCMP_ARCH_X86_64', arm64: 'SCMP_ARCH_AARCH64' }

/** Since Linux 5.1 every architecture numbers new calls alike, from 424 (pidfd_send_signal) on. */
export const COMMON_FROM = 424
const COMMON_NR = new Map<string, number>(SYSCALL_TABLES.x86_64.filter(([nr]) => nr >= COMMON_FROM).map(([nr, name]) => [name, nr]))

function resolvable(name: string, context: ProfileContext): boolean {
  const nr = COMMON_NR.get(name)
  return context.syscallHorizon === undefined || nr === undefined || nr <= context.syscallHorizon
}

/** The horizons (besides none) that change what a profile renders to: just below each newer call it lists, newest first. */
export function syscallHorizons(profile: DockerSeccompProfile): number[] {
  const listed = new Set((profile.syscalls ?? []).flatMap((s) => s.names ?? (s.name !== undefined ? [s.name] : [])))
  const newer = [...COMMON_NR.entries()].filter(([name]) => listed.has(name)).map(([, nr]) => nr - 1)
  return [...new Set(newer)].sort((a, b) => b - a)
}

export function renderProfile(profile: DockerSeccompProfile, context: ProfileContext): RenderedProfile {
  const defaultRet = actionValue(profile.defaultAction, profile.defaultErrnoRet)
  const native = NATIVE_SCMP_ARCH[context.hostArch]
  const mapped = profile.archMap?.find((a) => a.architecture === native)
  // No archMap entry for this host and no list: libseccomp filters for the native architecture alone.
  const architectures = mapped ? [mapped.architecture, ...(mapped.subArchitectures ?? [])] : nonEmpty(profile.architectures) ? [...profile.architectures] : [native]
  const listed = new Set<string>()
  const rules = new Map<string, RenderedRule[]>()
  for (const entry of profile.syscalls ?? []) {
    if (excluded(entry.excludes, context) || !included(entry.includes, context)) continue
    const names = entry.name !== undefined && entry.name !== '' ? [entry.name] : (entry.names ?? [])
    const ret = actionValue(entry.action, entry.errnoRet)
    const args = entry.args ?? []
    // runc: two conditions on the same argument cannot be one rule (libseccomp refuses); each becomes its own rule.
    const indexes = args.map((a) => a.index)
    const separate = new Set(indexes).size !== indexes.length
    for (const name of names) {
      if (!resolvable(name, context)) continue
      listed.add(name)
      if (ret === defaultRet) continue
      const list = rules.get(name) ?? []
      if (separate) for (const arg of args) list.push({ ret, args: [arg] })
      else list.push({ ret, args: [...args] })
      rules.set(name, list)
    }
  }
  return { defaultRet, architectures, listed, rules }
}
