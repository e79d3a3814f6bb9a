// x86_64 syscall numbers and names for the trace events, from the table generated from the kernel's
// syscall_64.tbl (shared/seccomp/syscall-tables.ts), plus the names trace events use for some calls.
import { SYSCALL_TABLES } from '../seccomp/syscall-tables'

export const SYSCALL_NAMES_X86_64: Readonly<Record<number, string>> = Object.fromEntries(SYSCALL_TABLES.x86_64)

// Trace events named after the kernel's internal entry points, not the syscall's name.
const EVENT_ALIASES: Readonly<Record<string, string>> = {
  newfstat: 'fstat',
  newlstat: 'lstat',
  newstat: 'stat',
  newuname: 'uname',
  sendfile64: 'sendfile',
  umount: 'umount2'
}

const NUMBERS = new Map(SYSCALL_TABLES.x86_64.map(([nr, name]) => [name, nr]))

/** The syscall a per-syscall trace event stands for: its name and number (-1 when this table lacks it). */
export function syscallOfEvent(eventName: string): { name: string; nr: number } {
  const name = EVENT_ALIASES[eventName] ?? eventName
  return { name, nr: NUMBERS.get(name) ?? -1 }
}
