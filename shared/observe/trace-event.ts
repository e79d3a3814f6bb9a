// One line of a tracefs instance's trace_pipe, parsed. The instance runs with options/record-tgid on,
// so each line reads (kernel 6.18, default output options):
//   "              sh-27944   (  27944) [001] .....  9099.199130: cap_capable: cred 00000000c70fe65d, target_ns …, capable_ns …, cap 0, ret 0"
//   "            ping-27943   (  27943) [001] .....  9099.198100: sys_enter: NR 41 (2, 3, 1, 0, 0, 0)"
//   "              sh-4325    (   4325) [000] .....  11806.264862: sys_close(fd: 0xb)"   (syscalls:sys_enter_close)
// Pointers are hashed by the kernel (options/hash-ptr) but stable for the boot: equal text, same object.

import { syscallOfEvent } from './syscall-names-x86_64'

export type TraceEvent =
  | { kind: 'cap'; pid: number; tgid: number | null; comm: string; time: number; cred: string; cap: number; ret: number }
  | {
      kind: 'syscall'
      pid: number
      tgid: number | null
      comm: string
      time: number
      nr: number
      /** From a per-syscall event: the syscall's name, and the event's own (sys_enter_<event>). */
      name?: string
      event?: string
    }
  | { kind: 'exec'; pid: number; tgid: number | null; comm: string; time: number }
  | { kind: 'exit'; pid: number; tgid: number | null; comm: string; time: number }

// comm may contain spaces and dashes: the pid is the last "-<digits>" before the "(tgid)" column.
const HEADER = /^\s*(.*)-(\d+)\s+\(\s*([\d-]+)\)\s+\[\d+\]\s+(?:\S+\s+)?(\d+\.\d+):\s+(\w+)(:\s?|\()(.*)$/
const CAP = /cred (\w+), target_ns \w+, capable_ns \w+, cap (-?\d+), ret (-?\d+)/
const SYS_ENTER = /^NR (-?\d+) /

export interface TraceLineParts {
  base: { pid: number; tgid: number | null; comm: string; time: number }
  /** The event's name, without its group (a kprobe's too). */
  event: string
  /** ": " for most events, "(" for a per-syscall enter event. */
  separator: string
  rest: string
}

/** The common columns of a trace_pipe line and what follows the event's name; null for other lines. */
export function splitTraceLine(line: string): TraceLineParts | null {
  const head = HEADER.exec(line)
  if (!head) return null
  const [, comm, pidText, tgidText, timeText, event, separator, rest] = head as unknown as [string, string, string, string, string, string, string, string]
  return { base: { pid: Number(pidText), tgid: /^\d+$/.test(tgidText) ? Number(tgidText) : null, comm: comm.trim(), time: Number(timeText) }, event, separator, rest }
}

/** The event a trace_pipe line holds, or null for lines that are not one of ours (headers, lost-event notes). */
export function parseTraceLine(line: string): TraceEvent | null {
  const head = splitTraceLine(line)
  if (!head) return null
  const { base, event, separator, rest } = head
  // A per-syscall enter event prints "sys_<name>(args)"; its exit twin "sys_<name> -> ret" never matches.
  if (separator === '(') {
    if (!event.startsWith('sys_')) return null
    const eventName = event.slice(4)
    const { name, nr } = syscallOfEvent(eventName)
    return { kind: 'syscall', ...base, nr, name, event: eventName }
  }
  switch (event) {
    case 'cap_capable': {
      const m = CAP.exec(rest)
      return m ? { kind: 'cap', ...base, cred: m[1]!, cap: Number(m[2]), ret: Number(m[3]) } : null
    }
    case 'sys_enter': {
      const m = SYS_ENTER.exec(rest)
      return m ? { kind: 'syscall', ...base, nr: Number(m[1]) } : null
    }
    case 'sched_process_exec':
      return { kind: 'exec', ...base }
    case 'sched_process_exit':
      return { kind: 'exit', ...base }
    default:
      return null
  }
}

/** "CPU:1 [LOST 123 EVENTS]": the ring buffer overflowed before it was read. */
export function lostEventCount(line: string): number {
  const m = /\[LOST (\d+) EVENTS\]/.exec(line)
  return m ? Number(m[1]) : 0
}
