// Capability checks seen through a kprobe pair on cap_capable (kernels without the capability:cap_capable
// tracepoint), turned into the same 'cap' event the tracepoint gives, so attribution, the overlayfs-credential
// rules and suggestions do not change. Line formats, from the kernel's print_kprobe_event /
// print_kretprobe_event (kernel/trace/trace_kprobe.c; Documentation/trace/kprobetrace.rst), with the probes
// defined in main/observe/cap-kprobe-events.ts:
//   entry:  "… 1234.567890: cap_capable: (cap_capable+0x0/0x80) cred=0xffff8881003c1e40 cap=12"
//   return: "… 1234.567901: cap_capable_ret: (security_capable+0x3d/0x60 <- cap_capable) ret=0"
// The address is printed as symbol+offset/size (the entry's offset may be 0x4 where the probe is moved past an
// ENDBR instruction, x86 IBT [unverified]). `cred` is the raw pointer (x64, not hashed like the tracepoint's):
// equal text, same credential.
// Built from the documented interface; not yet run on a kernel with kprobes (this host has none).
import { splitTraceLine, type TraceEvent } from './trace-event'

export const CAP_KPROBE_EVENT = 'cap_capable'
export const CAP_KRETPROBE_EVENT = 'cap_capable_ret'

export type CapKprobeLine =
  | { kind: 'entry'; pid: number; tgid: number | null; comm: string; time: number; cred: string; cap: number }
  | { kind: 'return'; pid: number; ret: number }

const ENTRY_ARGS = /^\(\S+\)\s+cred=(0x[0-9a-f]+)\s+cap=(-?\d+)\s*$/
const RETURN_ARGS = /^\(\S+ <- \S+\)\s+ret=(-?\d+)\s*$/

/** Cheap test run before the full parse: most lines are syscalls, not capability checks. */
function mayBeCapKprobe(line: string): boolean {
  return line.includes(' cap_capable: (') || line.includes(' cap_capable_ret: (')
}

/** The entry or return of a cap_capable kprobe on this line, or null for any other line. */
export function parseCapKprobeLine(line: string): CapKprobeLine | null {
  if (!mayBeCapKprobe(line)) return null
  const parts = splitTraceLine(line)
  if (!parts || parts.separator === '(') return null
  if (parts.event === CAP_KPROBE_EVENT) {
    const m = ENTRY_ARGS.exec(parts.rest)
    return m ? { kind: 'entry', ...parts.base, cred: m[1]!, cap: Number(m[2]) } : null
  }
  if (parts.event === CAP_KRETPROBE_EVENT) {
    const m = RETURN_ARGS.exec(parts.rest)
    return m ? { kind: 'return', pid: parts.base.pid, ret: Number(m[1]) } : null
  }
  return null
}

/**
 * Pairs each entry with its task's next return. A task runs one capability check at a time and cap_capable
 * calls no other check, so the open entry per thread id is the one returning. A return with no entry (its
 * entry was before the window, or lost) is dropped; a second entry replaces an entry whose return was lost.
 */
export class CapKprobePairing {
  private readonly open = new Map<number, Extract<CapKprobeLine, { kind: 'entry' }>>()

  /** The complete check once its return arrives; null while waiting, or for an unmatched return. */
  take(line: CapKprobeLine): TraceEvent | null {
    if (line.kind === 'entry') {
      this.open.set(line.pid, line)
      return null
    }
    const entry = this.open.get(line.pid)
    if (!entry) return null
    this.open.delete(line.pid)
    // ret: 0 granted, -EPERM (-1) denied, as the tracepoint prints it.
    return { kind: 'cap', pid: entry.pid, tgid: entry.tgid, comm: entry.comm, time: entry.time, cred: entry.cred, cap: entry.cap, ret: line.ret }
  }

  /** Entries still waiting for their return. */
  get waiting(): number {
    return this.open.size
  }
}

/** A trace_pipe line parser that also understands the kprobe pair (stateful: one per observation). */
export function traceLineParser(parse: (line: string) => TraceEvent | null): (line: string) => TraceEvent | null {
  const pairing = new CapKprobePairing()
  return (line) => {
    const kprobe = parseCapKprobeLine(line)
    return kprobe ? pairing.take(kprobe) : parse(line)
  }
}
