// Which Docker release's default profile a live chain is, and which default to compare it with. Each
// release's default.json is evaluated for the container (its bounding set, the kernel, the host's
// architecture); releases whose defaults then behave alike form one group ("Docker 28.2.0–29.4.1"). A chain
// matches a group when its verdicts on the native ABI equal the group's, call by call. A runtime whose
// libseccomp predates calls the profile names renders fewer rules (and a lower ENOSYS stub): those
// renderings count as the same release.
import { diffVerdicts, verdictTable } from './compare'
import { compareVersions, dockerDefaultProfiles, knownVersions, parseVersion, versionRanges } from './docker-default-catalog'
import { evaluateDockerProfile } from './docker-profile-eval'
import { COMMON_FROM, syscallHorizons } from './docker-profile-render'
import type { ProfileContext } from './docker-profile-types'
import { X32_SYSCALL_BIT } from './seccomp-data'
import type { AbiDecoding, ChainDecoding } from './verdict'

export interface DefaultGroup {
  /** Releases whose default profile gives these verdicts, ascending. */
  versions: string[]
  /** "Docker 28.2.0–29.4.1" */
  label: string
  abi: AbiDecoding['abi']
  /** The verdict table (name → verdictKey) of the native ABI, libseccomp knowing every call. */
  table: Record<string, string>
}

export interface DefaultMatch {
  /** The group whose verdicts the chain has exactly; null: none. */
  matched: DefaultGroup | null
  /** Set when the match needed a libseccomp that stops at this call number. */
  syscallHorizon?: number
  /** What to compare with: the match, else the daemon's own release, else the group with the fewest differences. */
  reference: DefaultGroup
  referenceWhy: 'matched' | 'daemon' | 'nearest'
}

const NATIVE_ABI: Record<ProfileContext['hostArch'], AbiDecoding['abi']> = { amd64: 'x86_64', arm64: 'aarch64' }

/** The host architecture a decoded chain was built for: the native ABI it accepts. */
export function hostArchOf(decoded: ChainDecoding): ProfileContext['hostArch'] | undefined {
  if (decoded.abis.some((a) => a.abi === 'x86_64' && a.accepted)) return 'amd64'
  if (decoded.abis.some((a) => a.abi === 'aarch64' && a.accepted)) return 'arm64'
  return undefined
}

interface Evaluated {
  /** Per catalog profile, its native table. */
  tables: Record<string, string>[]
  groups: DefaultGroup[]
  /** "profile index/horizon" → native table as a libseccomp that stops there renders it. */
  olderRuntime: Map<string, Record<string, string>>
}
const cache = new Map<string, Evaluated>()
const contextKey = (c: ProfileContext): string => JSON.stringify([[...c.capabilities].sort(), c.kernel, c.hostArch, c.syscallHorizon])

function nativeTable(profileIndex: number, context: ProfileContext): Record<string, string> {
  const profile = dockerDefaultProfiles()[profileIndex]?.profile
  const abi = profile && evaluateDockerProfile(profile, context, [NATIVE_ABI[context.hostArch]]).abis.find((a) => a.abi === NATIVE_ABI[context.hostArch])
  if (!abi) throw new Error(`no ${context.hostArch} ABI`)
  return verdictTable(abi)
}

function evaluated(context: ProfileContext): Evaluated {
  const key = contextKey(context)
  const cached = cache.get(key)
  if (cached) return cached
  const tables = dockerDefaultProfiles().map((_, index) => nativeTable(index, context))
  const groups: DefaultGroup[] = []
  dockerDefaultProfiles().forEach((p, index) => {
    const table = tables[index] as Record<string, string>
    const same = groups.find((g) => diffVerdicts(g.table, table).length === 0)
    if (same) same.versions.push(...p.versions)
    else groups.push({ versions: [...p.versions], label: '', abi: NATIVE_ABI[context.hostArch], table })
  })
  for (const g of groups) g.label = `Docker ${versionRanges(g.versions)}`
  const result = { tables, groups, olderRuntime: new Map<string, Record<string, string>>() }
  cache.set(key, result)
  return result
}

/** Every known release's default for this container, grouped by identical verdicts on the native ABI. */
export function defaultGroups(context: ProfileContext): DefaultGroup[] {
  return evaluated(context).groups
}

/**
 * The known release a daemon version stands for: itself ("20.10.24+dfsg1" → 20.10.24), else the closest older
 * one; older than every known release, or not Docker's numbering (Docker counts from 17.03; Podman answers 4.x or 5.x): undefined.
 */
export function nearestKnownVersion(daemonVersion: string): string | undefined {
  const wanted = parseVersion(daemonVersion)
  if (!wanted || wanted[0] < 17) return undefined
  const known = knownVersions()
  const older = known.filter((v) => compareVersions(parseVersion(v) as [number, number, number], wanted) <= 0)
  return older[older.length - 1]
}

/**
 * The releases whose default, as some libseccomp renders it, is exactly this chain: a runtime whose
 * libseccomp stops before cachestat renders 28.1's default as 25.0.0 renders its own, so the name covers
 * both ("Docker 25.0–28.1.1"). The reference is the daemon's own release when it is among them.
 */
export function matchDefault(abi: AbiDecoding, context: ProfileContext, daemonVersion?: string | null): DefaultMatch {
  const live = verdictTable(abi)
  const { tables, groups, olderRuntime } = evaluated(context)
  const olderTable = (index: number, horizon: number): Record<string, string> => {
    const key = `${index}/${horizon}`
    const table = olderRuntime.get(key) ?? nativeTable(index, { ...context, syscallHorizon: horizon })
    olderRuntime.set(key, table)
    return table
  }
  const release = daemonVersion ? nearestKnownVersion(daemonVersion) : undefined
  const own = release === undefined ? undefined : groups.find((g) => g.versions.includes(release))
  const candidates: { group: DefaultGroup; horizon?: number }[] = groups.filter((g) => diffVerdicts(g.table, live).length === 0).map((group) => ({ group }))
  // An older libseccomp changes only calls of the common table (424 and up): try it where all older calls agree.
  const older = new Set(abi.syscalls.filter((s) => s.nr % X32_SYSCALL_BIT < COMMON_FROM).map((s) => s.name))
  for (const [index, p] of dockerDefaultProfiles().entries()) {
    const group = groups.find((g) => g.versions.includes(p.versions[0] as string)) as DefaultGroup
    if (candidates.some((c) => c.group === group)) continue
    if (diffVerdicts(tables[index] as Record<string, string>, live).some((d) => older.has(d.name))) continue
    const horizon = syscallHorizons(p.profile).find((h) => diffVerdicts(olderTable(index, h), live).length === 0)
    if (horizon !== undefined) candidates.push({ group, horizon })
  }
  const chosen = candidates.find((c) => c.group === own) ?? candidates[0]
  if (chosen) {
    const versions = knownVersions().filter((v) => candidates.some((c) => c.group.versions.includes(v)))
    const matched: DefaultGroup = { versions, label: `Docker ${versionRanges(versions)}`, abi: chosen.group.abi, table: chosen.group.table }
    return { matched, reference: matched, referenceWhy: 'matched', ...(chosen.horizon !== undefined ? { syscallHorizon: chosen.horizon } : {}) }
  }
  if (own) return { matched: null, reference: own, referenceWhy: 'daemon' }
  const fewest = [...groups].sort((a, b) => diffVerdicts(a.table, live).length - diffVerdicts(b.table, live).length)[0] as DefaultGroup
  return { matched: null, reference: fewest, referenceWhy: 'nearest' }
}
