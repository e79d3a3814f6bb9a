// What Docker was asked for, read from `GET /containers/{id}/json` and normalised so that
// containers created by the CLI, by raw API clients and by different daemon versions compare
// equal when they asked for the same thing (kernel-facts §3.3, §4.1).
import type Docker from 'dockerode'
import { normaliseCapabilityList } from '../../shared/capabilities'
import type { DeclaredConfig, DeclaredMount, DeclaredResources } from '../../shared/model'

/** HostConfig fields that @types/dockerode 4 does not declare, or declares too narrowly. */
type HostConfig = Omit<Docker.HostConfig, 'PidsLimit'> & {
  /** API ≥ 1.41; absent on older daemons. */
  CgroupnsMode?: string
  /** null when unlimited. */
  PidsLimit?: number | null
}

/** The CFS period the kernel and Docker use when --cpu-period is not given. */
const DEFAULT_CPU_PERIOD_US = 100_000

export function declaredFromInspect(info: Docker.ContainerInspectInfo): DeclaredConfig {
  // Daemons differ by version and some fields are null rather than absent: trust nothing.
  const host: HostConfig = info.HostConfig ?? {}
  const privileged = host.Privileged === true
  const securityOpt = stringList(host.SecurityOpt)
  const security = parseSecurityOpts(securityOpt)
  // Docker skips seccomp for privileged containers (20.10: always; newer: unless a profile is
  // given explicitly), so with no seccomp entry a privileged container runs unconfined.
  const seccomp = privileged && !security.seccompExplicit ? 'unconfined' : security.seccomp
  return {
    privileged,
    capAdd: normaliseCapabilityList(stringList(host.CapAdd)),
    capDrop: normaliseCapabilityList(stringList(host.CapDrop)),
    seccomp,
    seccompProfile: seccomp === 'custom' ? security.seccompProfile : null,
    noNewPrivileges: security.noNewPrivileges,
    readOnlyRootfs: host.ReadonlyRootfs === true,
    user: text(info.Config?.User),
    pidMode: text(host.PidMode),
    networkMode: text(host.NetworkMode),
    ipcMode: text(host.IpcMode),
    utsMode: text(host.UTSMode),
    usernsMode: text(host.UsernsMode),
    cgroupnsMode: text(host.CgroupnsMode),
    securityOpt,
    resources: declaredResources(host),
    mounts: declaredMounts(info.Mounts)
  }
}

interface SecurityOpts {
  seccomp: DeclaredConfig['seccomp']
  seccompProfile: unknown
  /** A seccomp entry was present at all (even `builtin`). */
  seccompExplicit: boolean
  noNewPrivileges: boolean
}

/**
 * Reads SecurityOpt the way the daemon does (daemon/create.go parseSecurityOpt): a bare
 * `no-new-privileges` flag, else split at the first `=` if there is one, else at the first `:`
 * (the deprecated form, still stored verbatim). Later entries override earlier ones.
 */
export function parseSecurityOpts(entries: readonly string[]): SecurityOpts {
  const result: SecurityOpts = { seccomp: 'default', seccompProfile: null, seccompExplicit: false, noNewPrivileges: false }
  for (const entry of entries) {
    if (entry === 'no-new-privileges') {
      result.noNewPrivileges = true
      continue
    }
    const separator = entry.includes('=') ? '=' : ':'
    const at = entry.indexOf(separator)
    if (at < 0) continue
    const key = entry.slice(0, at)
    const value = entry.slice(at + 1)
    if (key === 'seccomp') {
      result.seccompExplicit = true
      Object.assign(result, seccompFromValue(value))
    } else if (key === 'no-new-privileges') {
      result.noNewPrivileges = parseGoBool(value) ?? result.noNewPrivileges
    }
  }
  return result
}

function seccompFromValue(value: string): Pick<SecurityOpts, 'seccomp' | 'seccompProfile'> {
  if (value === 'unconfined') return { seccomp: 'unconfined', seccompProfile: null }
  // `builtin` names the daemon's default profile; an empty value also leaves the default.
  if (value === 'builtin' || value === '') return { seccomp: 'default', seccompProfile: null }
  // The CLI inlines the profile file's JSON; a raw API client may send anything, so keep it raw.
  try {
    return { seccomp: 'custom', seccompProfile: JSON.parse(value) as unknown }
  } catch {
    return { seccomp: 'custom', seccompProfile: value }
  }
}

/** Go's strconv.ParseBool, which the daemon uses for `no-new-privileges=<bool>`. */
function parseGoBool(value: string): boolean | null {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false
  return null
}

function declaredResources(host: HostConfig): DeclaredResources {
  return {
    memoryBytes: positive(host.Memory),
    // -1 means unlimited swap; 0 means "not set" (the daemon then allows 2× memory on v1).
    memorySwapBytes: positive(host.MemorySwap),
    cpuQuotaCores: cpuQuotaCores(host),
    cpusetCpus: host.CpusetCpus ? host.CpusetCpus : null,
    pidsMax: positive(host.PidsLimit),
    // 0 means "not set": the kernel default (v1 1024, v2 weight 100) applies.
    cpuShares: positive(host.CpuShares),
    // A *bool in Go: null when not given.
    oomKillDisable: host.OomKillDisable === true
  }
}

/** --cpus goes to NanoCpus and leaves CpuQuota/CpuPeriod at 0; --cpu-quota sets the pair. */
function cpuQuotaCores(host: HostConfig): number | null {
  const nano = positive(host.NanoCpus)
  if (nano !== null) return nano / 1e9
  const quota = positive(host.CpuQuota)
  if (quota === null) return null
  return quota / (positive(host.CpuPeriod) ?? DEFAULT_CPU_PERIOD_US)
}

function declaredMounts(mounts: Docker.ContainerInspectInfo['Mounts'] | null | undefined): DeclaredMount[] {
  return (mounts ?? []).map((m) => ({
    type: text(m.Type),
    source: text(m.Source),
    destination: text(m.Destination),
    readOnly: m.RW === false
  }))
}

function positive(value: number | null | undefined): number | null {
  return typeof value === 'number' && value > 0 ? value : null
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}
