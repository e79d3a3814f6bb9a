// What Docker's default seccomp profile allows on x86_64, as three lists, from the profile's JSON
// (kernel-facts §4.3 describes its rules). The data the code uses (docker-default-profile.ts) was made
// with this function from the recorded profile; a test checks the two still agree.

export interface SeccompRuleJson {
  names: string[]
  action: string
  args?: unknown[] | null
  errnoRet?: number
  includes?: { caps?: string[]; arches?: string[]; minKernel?: string }
  excludes?: { caps?: string[]; arches?: string[]; minKernel?: string }
}

export interface DefaultProfileExtract {
  /** Allowed for every container on x86_64 (any arguments). */
  allowed: string[]
  /** Allowed only with some argument values (personality, clone without namespace flags). */
  argumentLimited: string[]
  /** Allowed when the container holds the capability. */
  byCapability: Record<string, string[]>
}

const ARCH = 'amd64'

export function extractDefaultProfile(profile: { syscalls: SeccompRuleJson[] }): DefaultProfileExtract {
  const allowed = new Set<string>()
  const limited = new Set<string>()
  const byCap: Record<string, Set<string>> = {}
  for (const rule of profile.syscalls) {
    if (rule.action !== 'SCMP_ACT_ALLOW') continue
    const arches = rule.includes?.arches
    if (arches && !arches.includes(ARCH)) continue
    if (rule.excludes?.arches?.includes(ARCH)) continue
    const caps = rule.includes?.caps ?? []
    const hasArgs = (rule.args ?? []).length > 0
    for (const name of rule.names) {
      if (caps.length > 0) for (const cap of caps) (byCap[cap] ??= new Set()).add(name)
      else if (hasArgs) limited.add(name)
      else allowed.add(name)
    }
  }
  for (const name of allowed) limited.delete(name)
  return {
    allowed: [...allowed].sort(),
    argumentLimited: [...limited].sort(),
    byCapability: Object.fromEntries(Object.entries(byCap).sort(([a], [b]) => (a < b ? -1 : 1)).map(([cap, names]) => [cap, [...names].sort()]))
  }
}
