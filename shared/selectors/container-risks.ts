// The short badges the container list shows: risky settings at a glance. Each badge has a
// label (text, never colour alone) and the sentence a tooltip or screen reader gets.
import type { ContainerInfo, HostSnapshot, NamespaceType } from '../model'
import { isDockerDefaultCap, processCapabilityDiff } from './capability-diff'
import { initProcess, isHostNamespace } from './snapshot-index'

export type RiskBadgeKind =
  | 'privileged'
  | 'host-pid'
  | 'host-net'
  | 'host-ipc'
  | 'seccomp-off'
  | 'added-caps'
  | 'root'
  | 'no-limits'
  | 'docker-sock'

export interface RiskBadge {
  kind: RiskBadgeKind
  label: string
  description: string
  /** high: a direct path to the host; medium: weakens a wall; low: worth knowing. */
  level: 'high' | 'medium' | 'low'
}

const HOST_NS_BADGES: ReadonlyArray<[NamespaceType, RiskBadgeKind, string, string]> = [
  ['pid', 'host-pid', 'host PID', 'Shares the host PID namespace: it sees (and with the right capabilities can signal or trace) every process on the host.'],
  ['net', 'host-net', 'host net', "Shares the host network namespace: it uses the host's interfaces and can reach services bound to localhost."],
  ['ipc', 'host-ipc', 'host IPC', "Shares the host IPC namespace: it can reach the host's shared memory and message queues."]
]

export function containerRiskBadges(snapshot: HostSnapshot, container: ContainerInfo): RiskBadge[] {
  const badges: RiskBadge[] = []
  const declared = container.declared
  const init = initProcess(snapshot, container)
  if (declared?.privileged) {
    badges.push({ kind: 'privileged', label: 'privileged', level: 'high', description: 'Privileged: every capability, every device, no seccomp filter.' })
  }
  if (init) {
    for (const [type, kind, label, description] of HOST_NS_BADGES) {
      if (isHostNamespace(snapshot, type, init.namespaces[type]) === true) badges.push({ kind, label, level: 'high', description })
    }
  } else if (declared) {
    // Not running: what was asked for is all there is.
    const modes: Record<'pid' | 'net' | 'ipc', string> = { pid: declared.pidMode, net: declared.networkMode, ipc: declared.ipcMode }
    for (const [type, kind, label, description] of HOST_NS_BADGES) {
      if (modes[type as 'pid' | 'net' | 'ipc'] === 'host') badges.push({ kind, label, level: 'high', description: `Declared: ${description}` })
    }
  }
  const seccompOff = init ? init.seccomp.mode === 'disabled' : declared?.seccomp === 'unconfined'
  if (seccompOff && !declared?.privileged) {
    badges.push({ kind: 'seccomp-off', label: 'seccomp off', level: 'high', description: 'No seccomp filter: every system call is available to the container.' })
  }
  if (dockerSocketMount(container) !== null) {
    badges.push({ kind: 'docker-sock', label: 'docker.sock', level: 'high', description: 'The Docker socket is mounted: whoever can use it controls the daemon, and so the host.' })
  }
  const added = init ? processCapabilityDiff(init).added : (declared?.capAdd ?? []).filter((c) => !isDockerDefaultCap(c))
  if (added.length > 0 && !declared?.privileged) {
    badges.push({
      kind: 'added-caps',
      label: `+${added.length} cap${added.length === 1 ? '' : 's'}`,
      level: added.some((c) => DANGEROUS_CAPS.has(c)) ? 'high' : 'medium',
      description: `Capabilities beyond Docker's default set: ${added.map((c) => c.replace(/^CAP_/, '')).join(', ')}.`
    })
  }
  if (init && init.uid === 0 && isHostNamespace(snapshot, 'user', init.namespaces.user) !== false) {
    badges.push({ kind: 'root', label: 'root', level: 'medium', description: 'Runs as uid 0 without a user namespace: root in the container is root on the host.' })
  }
  const limits = container.limits
  if (limits && limits.memoryBytes === null && limits.pidsMax === null && limits.cpuQuotaCores === null) {
    badges.push({ kind: 'no-limits', label: 'no limits', level: 'low', description: 'No memory, CPU or pids limit: it can take all of the host.' })
  }
  return badges
}

/** Capabilities that open a direct path out of the container or over the whole host. */
export const DANGEROUS_CAPS: ReadonlySet<string> = new Set([
  'CAP_SYS_ADMIN',
  'CAP_SYS_MODULE',
  'CAP_SYS_RAWIO',
  'CAP_SYS_PTRACE',
  'CAP_DAC_READ_SEARCH',
  'CAP_SYS_BOOT',
  'CAP_BPF',
  'CAP_PERFMON',
  'CAP_MAC_ADMIN',
  'CAP_MAC_OVERRIDE'
])

export function isDockerSocket(path: string): boolean {
  return /(^|\/)docker\.sock$/.test(path)
}

/** The Docker socket mounted into the container, from the kernel's mounts or else the declared ones. */
export function dockerSocketMount(c: ContainerInfo): { source: string; destination: string; readOnly: boolean } | null {
  const kernel = (c.mounts ?? []).find((m) => isDockerSocket(m.mountPoint) || isDockerSocket(m.root))
  if (kernel) return { source: kernel.root || kernel.source, destination: kernel.mountPoint, readOnly: kernel.readOnly }
  const declared = c.declared?.mounts.find((m) => isDockerSocket(m.source) || isDockerSocket(m.destination))
  return declared ? { source: declared.source, destination: declared.destination, readOnly: declared.readOnly } : null
}
