// What reading one process's live seccomp filters gave: the filters (index 0 = oldest), or why not.

export type FilterReadReason =
  /** Glasshouse lacks CAP_SYS_ADMIN/CAP_SYS_PTRACE: reading needs root on the host. */
  | 'needs-root'
  /** Glasshouse itself runs under seccomp: the kernel refuses the dump (EACCES). */
  | 'self-under-seccomp'
  /** Another tracer is attached (TracerPid ≠ 0): left alone. */
  | 'already-traced'
  /** The process exited before or during the read. */
  | 'exited'
  /** Kernel without CONFIG_CHECKPOINT_RESTORE (or CONFIG_SECCOMP_FILTER): no dump interface (EINVAL). */
  | 'no-dump-interface'
  /** The kernel holds an eBPF-based filter it cannot hand out as classic BPF (EMEDIUMTYPE). */
  | 'not-classic-bpf'
  /** Seccomp strict mode (1): no filter, only read/write/exit/sigreturn. */
  | 'strict-mode'
  | 'error'

export type ProcessFilterRead =
  | {
      ok: true
      pid: number
      /** Raw sock_filter bytes per filter, index 0 = oldest; empty when the process has no seccomp. */
      filters: Uint8Array[]
      /** How long the process stayed stopped (its stop seen by waitpid to PTRACE_DETACH), ms; 0 when not stopped. */
      stoppedMs: number
      /** From PTRACE_INTERRUPT until the stop was seen: the tracee still runs (it must be scheduled to stop), ms. */
      waitMs: number
    }
  | { ok: false; pid: number; reason: FilterReadReason; detail: string; stoppedMs: number }

export const READ_REASON_TEXT: Record<FilterReadReason, string> = {
  'needs-root': 'reading live filters needs root on the host (CAP_SYS_ADMIN and CAP_SYS_PTRACE)',
  'self-under-seccomp': 'Glasshouse itself runs under seccomp, so the kernel refuses to hand out filters',
  'already-traced': 'another tracer is attached to this process; Glasshouse leaves it alone',
  exited: 'the process exited while its filters were being read',
  'no-dump-interface': 'this kernel has no filter dump interface (needs CONFIG_CHECKPOINT_RESTORE)',
  'not-classic-bpf': 'the filter is not classic BPF and cannot be dumped',
  'strict-mode': 'the process uses seccomp strict mode (only read, write, exit, sigreturn), no filter to read',
  error: 'reading the filters failed'
}
