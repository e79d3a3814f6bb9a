// Docker's default seccomp profiles by version (data: docker-default-profiles.ts, generated), unpacked to
// Docker's own JSON form, and the version lists written as short ranges ("28.2.0–29.4.1").
import { ARCH_MAPS, NAMES, PROFILES, RULES } from './docker-default-profiles'
import type { DockerSeccompArg, DockerSeccompFilter, DockerSeccompProfile } from './docker-profile-types'

export interface PackedRule {
  /** Indexes into NAMES. */
  n: number[]
  a: string
  e?: number
  args?: DockerSeccompArg[]
  i?: DockerSeccompFilter
  x?: DockerSeccompFilter
}

export interface PackedProfile {
  /** Every release tag (without v) that ships this default.json, ascending. */
  versions: string
  /** The first of those tags and its commit in moby/moby. */
  source: string
  d: string
  e?: number
  /** Index into ARCH_MAPS. */
  m: number
  /** Indexes into RULES, in profile order. */
  r: number[]
}

export interface DefaultProfileVersion {
  versions: string[]
  source: string
  profile: DockerSeccompProfile
}

let unpacked: DefaultProfileVersion[] | undefined

export function dockerDefaultProfiles(): DefaultProfileVersion[] {
  unpacked ??= PROFILES.map((p) => ({
    versions: p.versions.split(' '),
    source: p.source,
    profile: {
      defaultAction: p.d,
      ...(p.e !== undefined ? { defaultErrnoRet: p.e } : {}),
      archMap: ARCH_MAPS[p.m] ?? [],
      syscalls: p.r.map((index) => {
        const r = RULES[index] as PackedRule
        return { names: r.n.map((n) => NAMES[n] as string), action: r.a, errnoRet: r.e ?? null, args: r.args ?? null, includes: r.i ?? null, excludes: r.x ?? null }
      })
    }
  }))
  return unpacked
}

type Version = [number, number, number]
export const parseVersion = (v: string): Version | undefined => {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(v)
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined
}
export const compareVersions = (a: Version, b: Version): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]

/** Every release the catalog knows, ascending. */
export function knownVersions(): string[] {
  const all = dockerDefaultProfiles().flatMap((p) => p.versions)
  return all.sort((a, b) => compareVersions(parseVersion(a) as Version, parseVersion(b) as Version))
}

/**
 * A set of releases as ranges over the known releases: "20.10.18–20.10.21, 20.10.23–20.10.25". A range
 * that ends on the last known release of a series (20.10, 23, 24…) ends in "x" (29.7.2 → 29.x, 20.10.27 →
 * 20.10.x); one that starts on a series' first release drops the ".0" (23.0.0 → 23.0).
 */
export function versionRanges(versions: readonly string[]): string {
  const known = knownVersions()
  const wanted = new Set(versions)
  // A series: 20.10 before calendar-free numbering, then the major version (23, 24…).
  const major = (v: string): string => {
    const [a, b] = parseVersion(v) as Version
    return a < 23 ? `${a}.${b}` : `${a}`
  }
  const isFirstOfMajor = (i: number): boolean => i === 0 || major(known[i - 1] as string) !== major(known[i] as string)
  const isLastOfMajor = (i: number): boolean => i === known.length - 1 || major(known[i + 1] as string) !== major(known[i] as string)
  const ranges: string[] = []
  let start = -1
  for (let i = 0; i <= known.length; i++) {
    const inSet = i < known.length && wanted.has(known[i] as string)
    if (inSet && start < 0) start = i
    if (!inSet && start >= 0) {
      const end = i - 1
      const from = isFirstOfMajor(start) ? (known[start] as string).replace(/\.0$/, '') : (known[start] as string)
      const to = isLastOfMajor(end) ? `${major(known[end] as string)}.x` : (known[end] as string)
      ranges.push(start === end ? (known[start] as string) : `${from}–${to}`)
      start = -1
    }
  }
  return ranges.join(', ')
}
