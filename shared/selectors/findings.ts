// Findings: risky settings, and places where what Docker declared differs from what the
// kernel enforces. Each has a severity and one sentence on why it matters. Kernel facts come
// from the container's init process and its cgroup; declared facts from the engine.
import { CAPABILITIES, DOCKER_DEFAULT_CAPS, capabilityByName } from '../capabilities'
import { formatBytes } from '../format'
import type { CgroupLimits, ContainerInfo, HostSnapshot, NamespaceType, ProcessInfo } from '../model'
import { processCapabilityDiff } from './capability-diff'
import { DANGEROUS_CAPS, dockerSocketMount } from './container-risks'
import { limitDifferences, type LimitComparison } from './limit-comparison'
import { hasProblem } from './problems'
import { jvmsInside } from './jvm-inside'
import { mountFindings } from './mounts-findings'
import { initProcess, isHostNamespace } from './snapshot-index'
import { compareWithDefault, defaultTableFor } from '../seccomp/compare'

export type Severity = 'high' | 'medium' | 'low'
export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low']

export type FindingKind =
  | 'privileged'
  | 'dangerous-capability'
  | 'added-capabilities'
  | 'capabilities-differ'
  | 'seccomp-disabled'
  | 'seccomp-differs'
  | 'seccomp-allows-default-blocked'
  | 'seccomp-custom-more-permissive'
  | 'seccomp-live-unconfined'
  | 'host-namespace'
  | 'root-without-userns'
  | 'docker-socket'
  | 'no-memory-limit'
  | 'no-pids-limit'
  | 'no-new-privileges-off'
  | 'no-new-privileges-differs'
  | 'limit-differs'
  | 'writable-rootfs'
  | 'oom-kill-disabled'
  | 'jvm-heap-from-host'
  | 'host-path-writable'
  | 'host-root-bound'
  | 'secret-in-env'

export interface Finding {
  /** Stable across snapshots: `${containerId}:${kind}[:detail]`. */
  id: string
  containerId: string
  containerName: string
  severity: Severity
  kind: FindingKind
  /** A few words: "CAP_SYS_ADMIN added". */
  title: string
  /** One sentence on why it matters. */
  why: string
  /** For declared-vs-enforced findings: what each side says. */
  declared?: string
  enforced?: string
  /** What the finding rests on, when it is not a declared/enforced pair (e.g. the mount). */
  evidence?: string
}

const SEVERITY_RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 }

const HOST_NAMESPACE_RISK: ReadonlyArray<[NamespaceType, Severity, string]> = [
  ['pid', 'high', 'It sees every process on the host, and with CAP_KILL or CAP_SYS_PTRACE can signal or trace them.'],
  ['net', 'high', "It uses the host's network stack: its interfaces, its ports and services listening on localhost."],
  ['mnt', 'high', "It sees the host's mounts instead of its own file system tree."],
  ['ipc', 'medium', "It can attach to the host's shared memory segments and message queues."],
  ['uts', 'low', "It shares the host's hostname, and can change it for the whole host with CAP_SYS_ADMIN."]
]

const NAMESPACE_LABEL: Record<NamespaceType, string> = { pid: 'PID', net: 'network', mnt: 'mount', ipc: 'IPC', uts: 'UTS', user: 'user', cgroup: 'cgroup', time: 'time' }

const DANGEROUS_WHY: Record<string, string> = {
  CAP_SYS_ADMIN: 'It allows mounting file systems and much of what root can do; it is the usual way out of a container.',
  CAP_SYS_MODULE: 'It can load a kernel module, which runs code in the kernel shared with the host.',
  CAP_SYS_RAWIO: 'It can read and write raw devices and physical memory, below every wall the kernel builds.',
  CAP_SYS_PTRACE: "It can trace processes and read their memory; with the host's PID namespace that includes host processes.",
  CAP_DAC_READ_SEARCH: 'It can open files by handle, which has been used to read files outside the container (the "shocker" escape).',
  CAP_SYS_BOOT: 'It can reboot the host or load a new kernel.',
  CAP_BPF: 'It can load BPF programs into the shared kernel.',
  CAP_PERFMON: 'It can watch performance events of the whole system.',
  CAP_MAC_ADMIN: 'It can change the mandatory access control policy that also protects the host.',
  CAP_MAC_OVERRIDE: 'It can bypass the mandatory access control policy.',
  CAP_NET_ADMIN: 'It can reconfigure interfaces, routes and firewall rules of its network namespace (the host\'s, if shared).',
  CAP_SYS_TIME: 'It can set the clock of the whole host: time is not namespaced by Docker.'
}

export function findingsFor(snapshot: HostSnapshot, container: ContainerInfo): Finding[] {
  const init = initProcess(snapshot, container)
  const declared = container.declared
  const out: Finding[] = []
  const add = (kind: FindingKind, severity: Severity, title: string, why: string, extra: Partial<Finding> = {}, detail = ''): void => {
    out.push({
      id: `${container.id}:${kind}${detail ? `:${detail}` : ''}`,
      containerId: container.id,
      containerName: container.name,
      severity,
      kind,
      title,
      why,
      ...extra
    })
  }

  if (declared?.privileged) {
    add('privileged', 'high', 'privileged', 'A privileged container gets every capability, every host device and no seccomp filter: escaping to the host is easy.')
  }

  {
    const sock = dockerSocketMount(container)
    if (sock) {
      add('docker-socket', 'high', 'Docker socket mounted', 'Whoever can talk to the Docker socket can start a privileged container, and so controls the host.', {
        evidence: `mount ${sock.source} → ${sock.destination}${sock.readOnly ? ' (read-only mount: the API still works)' : ''}`
      })
    }
  }

  for (const f of mountFindings(container)) add(f.kind, f.severity, f.title, f.why, { evidence: f.evidence }, f.detail)

  if (init) {
    capabilityFindings(init, container, add)
    seccompFindings(init, container, add)
    liveSeccompFindings(snapshot, container, add)
    namespaceFindings(snapshot, init, add)
    if (init.uid === 0 && isHostNamespace(snapshot, 'user', init.namespaces.user) !== false) {
      add('root-without-userns', 'medium', 'root without a user namespace', 'Its uid 0 is uid 0 on the host: anything that escapes the other walls is root there.')
    }
    if (init.noNewPrivs === false) {
      if (declared?.noNewPrivileges) {
        add('no-new-privileges-differs', 'high', 'no-new-privileges not enforced', 'Docker was asked for no-new-privileges but the kernel flag is off for this process.', {
          declared: 'no-new-privileges',
          enforced: 'NoNewPrivs 0'
        })
      } else if (!declared?.privileged) {
        add('no-new-privileges-off', 'low', 'no-new-privileges off', 'A setuid program inside can still raise its privileges; --security-opt no-new-privileges stops that.')
      }
    }
  } else if (declared && container.state !== 'running') {
    // Not running: only the declared settings can be judged.
    if (declared.seccomp === 'unconfined' && !declared.privileged) {
      add('seccomp-disabled', 'high', 'seccomp unconfined (declared)', 'When started, every system call will be available to it.')
    }
  }

  if (container.limits) limitFindings(snapshot, container, container.limits, add)
  oomKillFindings(container, memoryCgroupVersion(snapshot, container), add)
  jvmHeapFindings(snapshot, container, add)

  if (declared && !declared.readOnlyRootfs && container.state === 'running') {
    add('writable-rootfs', 'low', 'writable root file system', 'A process inside can write and then run new programs; --read-only makes the image immutable.')
  }

  return out.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])
}

/** Every container's findings, most severe first, then by container name. */
export function allFindings(snapshot: HostSnapshot): Finding[] {
  return snapshot.containers
    .flatMap((c) => findingsFor(snapshot, c))
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.containerName.localeCompare(b.containerName))
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { high: 0, medium: 0, low: 0 }
  for (const f of findings) counts[f.severity]++
  return counts
}

type Add = (kind: FindingKind, severity: Severity, title: string, why: string, extra?: Partial<Finding>, detail?: string) => void

/**
 * The capability set Docker builds from the declared add/drop lists (daemon caps/utils.go),
 * or null when it cannot be known here (privileged, or ALL: both depend on the daemon's own set).
 */
export function expectedCapabilities(capAdd: readonly string[], capDrop: readonly string[]): string[] | null {
  if (capAdd.includes('ALL')) return null
  if (capDrop.includes('ALL')) return CAPABILITIES.map((c) => c.name).filter((n) => capAdd.includes(n))
  const drop = new Set(capDrop)
  const set = new Set([...DOCKER_DEFAULT_CAPS.filter((c) => !drop.has(c)), ...capAdd])
  return CAPABILITIES.map((c) => c.name).filter((n) => set.has(n))
}

function capabilityFindings(init: ProcessInfo, container: ContainerInfo, add: Add): void {
  const declared = container.declared
  if (declared?.privileged) return
  // The bounding set is the container's envelope for any user; effective is empty for non-root users.
  const held = init.capabilities.bounding
  if (held.length === 0 && init.capabilities.effective.length === 0 && hasStatusProblem(init)) return
  const added = processCapabilityDiff(init).added
  const plain: string[] = []
  for (const cap of added) {
    const why = DANGEROUS_WHY[cap]
    if (why) add('dangerous-capability', DANGEROUS_CAPS.has(cap) ? 'high' : 'medium', `${cap} added`, why, {}, cap)
    else plain.push(cap)
  }
  if (plain.length > 0) {
    const names = plain.map((c) => `${c} (${capabilityByName(c)?.summary.replace(/\.$/, '').toLowerCase() ?? 'unknown'})`)
    add('added-capabilities', 'low', `${plain.length} more capabilit${plain.length === 1 ? 'y' : 'ies'} added`, `Beyond Docker's default set: ${names.join('; ')}.`)
  }
  if (!declared) return
  const expected = expectedCapabilities(declared.capAdd, declared.capDrop)
  if (expected === null) {
    const stillThere = declared.capDrop.filter((c) => c !== 'ALL' && held.includes(c))
    if (stillThere.length > 0) {
      add('capabilities-differ', 'medium', 'dropped capabilities still held', 'Capabilities Docker was asked to drop are still in the kernel\'s bounding set.', {
        declared: `drop ${stillThere.join(', ')}`,
        enforced: `bounding set has ${stillThere.join(', ')}`
      })
    }
    return
  }
  const heldSet = new Set(held)
  const expectedSet = new Set(expected)
  const missing = expected.filter((c) => !heldSet.has(c))
  const extra = held.filter((c) => !expectedSet.has(c))
  if (missing.length > 0 || extra.length > 0) {
    const parts = [...extra.map((c) => `+${c}`), ...missing.map((c) => `−${c}`)]
    add('capabilities-differ', 'medium', 'capabilities differ from the declared set', 'The kernel enforces a different capability set than Docker\'s add/drop lists describe.', {
      declared: `${expected.length} capabilities (default${declared.capAdd.length ? ` + ${declared.capAdd.join(', ')}` : ''}${declared.capDrop.length ? ` − ${declared.capDrop.join(', ')}` : ''})`,
      enforced: `${held.length} in the bounding set (${parts.join(' ')})`
    })
  }
}

function seccompFindings(init: ProcessInfo, container: ContainerInfo, add: Add): void {
  const declared = container.declared
  const mode = init.seccomp.mode
  if (mode === null) return
  if (mode === 'disabled') {
    if (declared && declared.seccomp !== 'unconfined' && !declared.privileged) {
      add('seccomp-differs', 'high', 'seccomp declared but not enforced', `Docker was asked for the ${declared.seccomp} profile, yet the kernel applies no filter to this process.`, {
        declared: `${declared.seccomp} profile`,
        enforced: 'Seccomp 0 (disabled)'
      })
    } else if (!declared?.privileged) {
      add('seccomp-disabled', 'high', 'seccomp disabled', 'No system call filter: the whole kernel interface, including rarely used and risky calls, is reachable.')
    }
  } else if (declared?.seccomp === 'unconfined') {
    add('seccomp-differs', 'low', 'a filter runs although unconfined was declared', 'The process runs under a seccomp filter Docker did not install (its parent or the program itself added one).', {
      declared: 'unconfined',
      enforced: `${mode}${init.seccomp.filters === null ? '' : ` (${init.seccomp.filters} filter${init.seccomp.filters === 1 ? '' : 's'})`}`
    })
  }
}

function namespaceFindings(snapshot: HostSnapshot, init: ProcessInfo, add: Add): void {
  for (const [type, severity, why] of HOST_NAMESPACE_RISK) {
    if (isHostNamespace(snapshot, type, init.namespaces[type]) === true) {
      add('host-namespace', severity, `the host's ${NAMESPACE_LABEL[type]} namespace`, why, {}, type)
    }
  }
}

function limitFindings(snapshot: HostSnapshot, container: ContainerInfo, limits: CgroupLimits, add: Add): void {
  if (limits.memoryBytes === null && !hasProblem(container.problems, 'limits.memoryBytes')) {
    add('no-memory-limit', 'medium', 'no memory limit', 'It can use all of the host\'s memory; when memory runs out the kernel may kill processes of other containers or of the host.')
  }
  if (limits.pidsMax === null && !hasProblem(container.problems, 'limits.pidsMax')) {
    add('no-pids-limit', 'low', 'no pids limit', 'A fork bomb inside can fill the host\'s process table; --pids-limit caps it.')
  }
  for (const c of limitDifferences(snapshot, container)) {
    const { title, why } = differenceWording(c)
    add('limit-differs', 'medium', title, why, { declared: c.declared, enforced: c.enforced }, c.key)
  }
}

const LIMIT_WHY = 'Docker was asked for one limit, the kernel enforces another: the cgroup is what counts.'
const WEIGHT_WHY = 'Docker was asked for one CPU weight, the kernel applies another: under contention the cgroup is what counts.'

function differenceWording(c: LimitComparison): { title: string; why: string } {
  switch (c.key) {
    case 'cpuShares':
      return { title: c.version === 2 ? 'CPU weight differs' : 'CPU shares differ', why: WEIGHT_WHY }
    case 'oomKillDisable':
      return c.version === 2
        ? { title: 'OOM killer not disabled (cgroup v2)', why: 'cgroup v2 has no switch to disable the OOM killer: at the memory limit the kernel kills, whatever Docker was asked.' }
        : { title: 'OOM kill setting differs', why: 'Docker was asked for one OOM behaviour, the kernel applies the other.' }
    case 'memorySwapBytes':
      return { title: 'memory+swap limit differs', why: LIMIT_WHY }
    case 'cpuQuotaCores':
      return { title: 'CPU limit differs', why: LIMIT_WHY }
    case 'cpusetCpus':
      return { title: 'cpuset limit differs', why: LIMIT_WHY }
    default:
      return { title: `${c.label} limit differs`, why: LIMIT_WHY }
  }
}

/** Which hierarchy the container's memory controller was read from; null when not read. */
function memoryCgroupVersion(snapshot: HostSnapshot, container: ContainerInfo): 1 | 2 | null {
  if (container.cgroupPath === null) return null
  return snapshot.cgroups.find((g) => g.path === container.cgroupPath)?.controllers.memory ?? null
}

/**
 * --oom-kill-disable: at the memory limit the kernel pauses the container's processes instead of
 * killing one. Without a memory limit nothing stops it from taking the host's memory.
 */
function oomKillFindings(container: ContainerInfo, memoryVersion: 1 | 2 | null, add: Add): void {
  const declared = container.declared?.resources.oomKillDisable === true
  const enforced = container.limits?.oomKillDisable
  if (!declared && enforced !== true) return
  // On v2 the switch does not exist: the kernel kills at the limit anyway (a limit difference, see limit-comparison.ts).
  const ignored = memoryVersion === 2 && enforced !== true
  const memoryLimit = container.limits ? container.limits.memoryBytes : (container.declared?.resources.memoryBytes ?? null)
  const memoryUnknown = hasProblem(container.problems, 'limits.memoryBytes')
  if (!ignored && memoryLimit === null && !memoryUnknown) {
    add('oom-kill-disabled', 'high', 'OOM killer disabled without a memory limit', "Nothing stops it from taking all of the host's memory; then the host's own OOM killer has to kill processes elsewhere (other containers, system services).", {
      evidence: `${declared ? '--oom-kill-disable' : 'oom_kill_disable 1'} and no memory limit`
    }, 'no-limit')
  } else if (enforced === true) {
    add('oom-kill-disabled', 'low', 'OOM killer disabled', 'At its memory limit its processes are paused instead of one being killed: the container hangs rather than crashes and restarts.', {
      evidence: 'memory.oom_control oom_kill_disable 1'
    })
  }
}

/** A JVM whose heap may outgrow the container's memory limit: the kernel OOM-kills it instead of the JVM collecting. */
function jvmHeapFindings(snapshot: HostSnapshot, container: ContainerInfo, add: Add): void {
  for (const j of jvmsInside(snapshot, container)) {
    if (!j.jvm || !j.heapSizedFromHost || j.memoryLimitBytes === null) continue
    const heap = j.jvm.maxHeapBytes
    const over = heap !== null && heap > j.memoryLimitBytes
    add('jvm-heap-from-host', over ? 'high' : 'medium', 'heap sized from the host', over
      ? 'The JVM may grow its heap past the memory limit: the kernel then OOM-kills it instead of the JVM collecting garbage or throwing OutOfMemoryError.'
      : "Container support is off: the JVM sizes its heap, threads and GC from the host's memory and CPUs, not the container's limits.", {
      declared: `memory limit ${formatBytes(j.memoryLimitBytes)}`,
      enforced: `max heap ${heap === null ? 'unknown' : formatBytes(heap)}${j.jvm.containerSupport ? '' : ', -XX:-UseContainerSupport'}`,
      evidence: `java pid ${j.hostPid} (${j.pidInside} inside), ${j.jvm.path}`
    }, String(j.hostPid))
  }
}

function hasStatusProblem(p: ProcessInfo): boolean {
  // Capabilities come from /proc/<pid>/status: when it failed (unreadable or malformed) they are empty, not dropped.
  return hasProblem(p.problems, 'status')
}

/**
 * From live filters, when they were read on request (snapshot.seccompFilters): a filter that lets through
 * calls Docker's default profile blocks; a custom profile that allows all the default allows and more;
 * a process read with no filter at all although the mode line alone could not tell why.
 */
function liveSeccompFindings(snapshot: HostSnapshot, container: ContainerInfo, add: Add): void {
  const report = snapshot.seccompFilters
  const read = report?.containers.find((c) => c.containerId === container.id)
  const chain = report?.chains.find((c) => c.fingerprint === read?.fingerprint)
  if (!read || !chain) return
  const evidence = `live filter read from pid ${read.reads[0]?.pid ?? '?'} (${chain.label})`
  if (chain.match === 'unconfined') {
    if (container.declared?.seccomp !== 'unconfined' && !container.declared?.privileged) {
      add('seccomp-live-unconfined', 'high', 'no live seccomp filter', 'The process that was read carries no filter: every system call reaches the kernel.', { evidence })
    }
    return
  }
  const native = chain.decoded?.abis.find((a) => a.abi === (chain.dockerDefault?.abi ?? 'x86_64') && a.accepted)
  if (!native) return
  const comparison = compareWithDefault(native, defaultTableFor(chain, native))
  if (comparison.allowsBlocked.length === 0) return
  const names = comparison.allowsBlocked.slice(0, 8).join(', ') + (comparison.allowsBlocked.length > 8 ? ` and ${comparison.allowsBlocked.length - 8} more` : '')
  if (chain.match === 'custom' && comparison.blocksAllowed.length === 0) {
    add('seccomp-custom-more-permissive', 'high', 'custom seccomp profile more permissive than the default', `It allows every call Docker's default allows, and also ${comparison.allowsBlocked.length} the default blocks.`, { evidence: `${evidence}; also allowed: ${names}` })
    return
  }
  add('seccomp-allows-default-blocked', chain.match === 'custom' ? 'high' : 'medium', 'filter allows calls the default blocks', `The live filter lets through ${comparison.allowsBlocked.length} system call${comparison.allowsBlocked.length === 1 ? '' : 's'} Docker's default profile blocks: ${names}.`, { evidence })
}
