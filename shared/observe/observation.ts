// What one observation window saw a container use: the result `glasshouse observe` prints and the
// container page shows. Evidence from this window only: a path the workload did not take in the window
// is not in it.

export type CapabilityVerdict = 'used' | 'denied' | 'unasked'

export interface CapabilityUse {
  /** e.g. CAP_NET_RAW */
  name: string
  bit: number
  /** In the container's bounding set (what --cap-add/--cap-drop decide). */
  held: boolean
  /** In the effective set of the container's main process when the window opened. */
  effective: boolean
  /** Checks granted with the container's own credentials. */
  granted: number
  /** Checks refused (often harmless probing, e.g. ping asking for CAP_SYS_ADMIN). */
  denied: number
  /** Seconds from the window's start to the first granted / refused check. */
  firstGrantedAt: number | null
  firstDeniedAt: number | null
  /** Checks made inside the container's syscalls with another credential (overlayfs: the mounter's); not counted. */
  otherCredential: number
  /** used: granted at least once; denied: asked, never granted; unasked: held, never asked. */
  verdict: CapabilityVerdict
}

export interface SyscallUse {
  nr: number
  name: string
  family: string
  count: number
  /** Seconds from the window's start to the first call. */
  firstAt: number
}

export interface ObservedContainer {
  id: string
  name: string
  /** Bounding and effective masks of the main process when the window opened (16 hex digits). */
  capBnd: string
  capEff: string
}

export interface Observation {
  container: ObservedContainer
  /** ISO time the window opened. */
  startedAt: string
  /** Length of the window actually observed, seconds. */
  seconds: number
  /** One row per capability held or asked for, in bit order. */
  capabilities: CapabilityUse[]
  /** One row per syscall number seen, most used first (counts exact only when syscallCounts is 'exact'). */
  syscalls: SyscallUse[]
  /** Processes (thread groups) seen in the window. */
  processes: number
  /** Events the kernel dropped because the buffer was full: the counts are lower bounds when > 0. */
  lostEvents: number
  /** Whether syscalls were traced (raw_syscalls:sys_enter present). */
  syscallsTraced: boolean
  /**
   * exact: every call counted. first-seen (the default): once a syscall was seen, its own trace event is
   * switched off, so `count` is only "at least once" (the profile needs the set, and this keeps a
   * syscall-heavy workload near full speed: BENCHMARKS.md).
   */
  syscallCounts?: 'exact' | 'first-seen'
  /** Honest notes: missing kernel features, processes not followed, etc. */
  notes: string[]
}
