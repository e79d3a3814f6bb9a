// Linux capabilities 0..40 (include/uapi/linux/capability.h), Docker's default set,
// and decoding of the 64-bit masks in /proc/<pid>/status.

export interface CapabilityDef {
  bit: number
  name: string
  /** One plain sentence on what the capability unlocks. */
  summary: string
  group: CapabilityGroup
}

export type CapabilityGroup = 'files' | 'processes' | 'network' | 'system' | 'security' | 'ipc'

const table: ReadonlyArray<[string, CapabilityGroup, string]> = [
  ['CAP_CHOWN', 'files', 'Change the owner and group of any file.'],
  ['CAP_DAC_OVERRIDE', 'files', 'Read, write and execute any file regardless of its permission bits.'],
  ['CAP_DAC_READ_SEARCH', 'files', 'Read any file and list any directory, and open files by handle.'],
  ['CAP_FOWNER', 'files', "Act as a file's owner: chmod, set times, delete in sticky directories."],
  ['CAP_FSETID', 'files', 'Keep setuid and setgid bits when a file is modified.'],
  ['CAP_KILL', 'processes', 'Send signals to processes of other users.'],
  ['CAP_SETGID', 'processes', 'Switch to any group id and set supplementary groups.'],
  ['CAP_SETUID', 'processes', 'Switch to any user id.'],
  ['CAP_SETPCAP', 'security', 'Drop capabilities from the bounding set and change securebits.'],
  ['CAP_LINUX_IMMUTABLE', 'files', 'Mark files immutable or append-only, and clear those marks.'],
  ['CAP_NET_BIND_SERVICE', 'network', 'Listen on ports below 1024.'],
  ['CAP_NET_BROADCAST', 'network', 'Send broadcasts and listen to multicast (barely used).'],
  ['CAP_NET_ADMIN', 'network', 'Reconfigure interfaces, routes and firewall rules, and sniff traffic.'],
  ['CAP_NET_RAW', 'network', 'Open raw and packet sockets: craft any packet, e.g. ping or spoofing.'],
  ['CAP_IPC_LOCK', 'ipc', 'Lock memory so it is never swapped out.'],
  ['CAP_IPC_OWNER', 'ipc', 'Bypass permission checks on System V shared memory, semaphores and queues.'],
  ['CAP_SYS_MODULE', 'system', 'Load and unload kernel modules: run any code in the kernel.'],
  ['CAP_SYS_RAWIO', 'system', 'Access I/O ports and raw devices, including physical memory.'],
  ['CAP_SYS_CHROOT', 'files', 'Change the root directory with chroot.'],
  ['CAP_SYS_PTRACE', 'processes', "Trace any process and read or write its memory."],
  ['CAP_SYS_PACCT', 'system', 'Switch process accounting on or off.'],
  ['CAP_SYS_ADMIN', 'system', 'The catch-all: mount file systems, create namespaces, and much more; close to full root.'],
  ['CAP_SYS_BOOT', 'system', 'Reboot the machine or load a new kernel.'],
  ['CAP_SYS_NICE', 'processes', 'Raise priorities, use real-time scheduling, move other processes between CPUs.'],
  ['CAP_SYS_RESOURCE', 'system', 'Exceed resource limits, quotas and reserved disk space.'],
  ['CAP_SYS_TIME', 'system', 'Set the system clock for the whole host (time is not namespaced by Docker).'],
  ['CAP_SYS_TTY_CONFIG', 'system', 'Hang up terminals and use privileged terminal controls.'],
  ['CAP_MKNOD', 'files', 'Create device files.'],
  ['CAP_LEASE', 'files', 'Take leases on files the process does not own.'],
  ['CAP_AUDIT_WRITE', 'security', 'Write records to the kernel audit log.'],
  ['CAP_AUDIT_CONTROL', 'security', 'Change the audit rules and settings.'],
  ['CAP_SETFCAP', 'security', 'Attach capabilities to program files.'],
  ['CAP_MAC_OVERRIDE', 'security', 'Bypass a mandatory access control policy (Smack).'],
  ['CAP_MAC_ADMIN', 'security', 'Change the mandatory access control configuration.'],
  ['CAP_SYSLOG', 'system', 'Read and clear the kernel log and see kernel addresses.'],
  ['CAP_WAKE_ALARM', 'system', 'Set timers that wake the machine from suspend.'],
  ['CAP_BLOCK_SUSPEND', 'system', 'Keep the machine from suspending.'],
  ['CAP_AUDIT_READ', 'security', 'Read the audit log through netlink.'],
  ['CAP_PERFMON', 'system', 'Use performance monitoring (perf events) on the whole system.'],
  ['CAP_BPF', 'system', 'Load BPF programs and create BPF maps.'],
  ['CAP_CHECKPOINT_RESTORE', 'processes', 'Choose process ids and use other checkpoint/restore operations.']
]

export const CAPABILITIES: readonly CapabilityDef[] = table.map(([name, group, summary], bit) => ({
  bit,
  name,
  group,
  summary
}))

/** Highest capability this table names. */
export const LAST_KNOWN_CAP = CAPABILITIES.length - 1

const byName = new Map(CAPABILITIES.map((c) => [c.name, c]))

export function capabilityByName(name: string): CapabilityDef | undefined {
  return byName.get(name)
}

export function capabilityName(bit: number): string {
  return CAPABILITIES[bit]?.name ?? `CAP_${bit}`
}

const HEX_MASK = /^[0-9a-fA-F]{1,16}$/

/**
 * Decodes a capability mask as printed in /proc/<pid>/status (16 hex digits) into names,
 * lowest bit first. Returns null when the text is not a hex mask.
 */
export function decodeCapabilityMask(hex: string): string[] | null {
  const text = hex.trim()
  if (!HEX_MASK.test(text)) return null
  // Two 32-bit halves keep this in plain number arithmetic: it runs five times per process.
  const padded = text.padStart(16, '0')
  const names: string[] = []
  for (const [offset, half] of [[0, padded.slice(8)], [32, padded.slice(0, 8)]] as const) {
    let word = Number.parseInt(half, 16)
    for (let bit = 0; word !== 0; bit++, word = Math.floor(word / 2)) {
      if (word % 2 === 1) names.push(capabilityName(offset + bit))
    }
  }
  return names
}

/**
 * Docker's default capability set (unchanged from 20.10 to 29.x), as the kernel shows it in CapBnd of a
 * default container: mask 0xa80425fb. Its size comes from here, never from a literal.
 */
export const DOCKER_DEFAULT_CAP_MASK = 'a80425fb'
export const DOCKER_DEFAULT_CAPS: readonly string[] = decodeCapabilityMask(DOCKER_DEFAULT_CAP_MASK) ?? []

/**
 * Normalises a capability name the way the Docker daemon does when it builds the
 * OCI spec: upper case and a `CAP_` prefix. `ALL` stays `ALL`.
 * The API stores CapAdd/CapDrop verbatim, so `net_admin`, `NET_ADMIN` and `CAP_NET_ADMIN` all occur.
 */
export function normaliseCapabilityName(raw: string): string {
  const upper = raw.trim().toUpperCase()
  if (upper === 'ALL') return 'ALL'
  return upper.startsWith('CAP_') ? upper : `CAP_${upper}`
}

/** Normalised, de-duplicated names in bit order (unknown names last, alphabetically; ALL first). */
export function normaliseCapabilityList(raw: readonly string[] | null | undefined): string[] {
  const names = [...new Set((raw ?? []).map(normaliseCapabilityName).filter((n) => n !== 'CAP_'))]
  const rank = (n: string): number => (n === 'ALL' ? -1 : (byName.get(n)?.bit ?? 1000))
  return names.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
}
