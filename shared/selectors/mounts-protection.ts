// The kernel files Docker hides (MaskedPaths: /proc/kcore, /proc/keys …) or makes read-only
// (ReadonlyPaths: /proc/sys, /proc/bus …), and whether the container's mount table shows each
// wall in place. runc skips a path the kernel does not have, so a missing entry is not a hole by
// itself: /proc/kcore does not exist on a kernel built without CONFIG_PROC_KCORE.
import type { ContainerInfo, KernelMount } from '../model'

export type ProtectionHolds = 'holds' | 'missing' | 'unknown'

export interface ProtectedPath {
  path: string
  wants: 'masked' | 'read-only'
  holds: ProtectionHolds
  /** How the kernel shows it: "tmpfs, empty" / "/dev/null bound over it" / "read-only proc" / why not. */
  how: string
}

/** Docker 20.10's defaults (oci/defaults.go), used when the daemon did not say (old snapshots). */
const DEFAULT_MASKED = ['/proc/asound', '/proc/acpi', '/proc/kcore', '/proc/keys', '/proc/latency_stats', '/proc/timer_list', '/proc/timer_stats', '/proc/sched_debug', '/proc/scsi', '/sys/firmware']
const DEFAULT_READONLY = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger']

export function protectedPaths(c: ContainerInfo): ProtectedPath[] {
  const masked = c.declaredExtra?.maskedPaths ?? (c.declared?.privileged ? [] : DEFAULT_MASKED)
  const readonly = c.declaredExtra?.readonlyPaths ?? (c.declared?.privileged ? [] : DEFAULT_READONLY)
  const mounts = c.mounts ?? null
  return [
    ...masked.map((path) => judge(path, 'masked' as const, mounts)),
    ...readonly.map((path) => judge(path, 'read-only' as const, mounts))
  ]
}

function judge(path: string, wants: ProtectedPath['wants'], mounts: readonly KernelMount[] | null): ProtectedPath {
  if (mounts === null) return { path, wants, holds: 'unknown', how: "the kernel's mount table was not read" }
  // The last mount at a point is the one the container sees.
  const at = mounts.filter((m) => m.mountPoint === path).at(-1)
  if (!at) return { path, wants, holds: 'missing', how: 'no mount there: this kernel has no such file (runc skips it), or the wall was not built' }
  if (wants === 'masked') {
    if (at.root === '/null') return { path, wants, holds: 'holds', how: '/dev/null bound over it: reads give nothing' }
    if (at.fsType === 'tmpfs') return { path, wants, holds: 'holds', how: `an empty read-only tmpfs over it${at.readOnly ? '' : ' (writable!)'}` }
    return { path, wants, holds: 'missing', how: `${at.fsType} at ${path}: not hidden` }
  }
  return at.readOnly ? { path, wants, holds: 'holds', how: `${at.fsType}, mounted read-only` } : { path, wants, holds: 'missing', how: `${at.fsType}, writable` }
}
