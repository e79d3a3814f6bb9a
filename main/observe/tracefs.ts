// Where tracefs is, mounting it when it is not, and which of the events we need this kernel has.
// kernel-facts §8: on the test host tracefs is not mounted by default; `mount -t tracefs nodev
// /sys/kernel/tracing` (root) mounts it. Mounting twice would stack a second mount, so we mount only when
// the directory does not already show tracefs's files.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'

export const TRACEFS_ROOT = '/sys/kernel/tracing'

export class TracefsUnavailableError extends Error {}

/** Makes sure `root` is a mounted tracefs; throws TracefsUnavailableError saying why it is not. */
export function ensureTracefs(root = TRACEFS_ROOT): void {
  if (existsSync(`${root}/instances`)) return
  if (!existsSync(root)) throw new TracefsUnavailableError(`${root} does not exist: this kernel has no tracefs (CONFIG_TRACING not set)`)
  try {
    execFileSync('mount', ['-t', 'tracefs', 'nodev', root], { stdio: ['ignore', 'ignore', 'pipe'] })
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim()
    const hint = process.getuid?.() === 0 ? '' : ' (mounting needs root)'
    throw new TracefsUnavailableError(`tracefs is not mounted at ${root} and mounting it failed${hint}: ${stderr || (error as Error).message}`)
  }
  if (!existsSync(`${root}/instances`)) throw new TracefsUnavailableError(`${root} was mounted but shows no instances/ directory`)
}

export interface TraceFeatures {
  /** capability:cap_capable, recent kernels only. */
  capCapable: boolean
  /** raw_syscalls:sys_enter (CONFIG_FTRACE_SYSCALLS). */
  sysEnter: boolean
  /** sched_process_exec / exit: used to tell credentials apart. */
  sched: boolean
  /** kprobe_events (CONFIG_KPROBE_EVENTS): the fallback for cap_capable on older kernels (cap-kprobe-events.ts). */
  kprobes: boolean
  /** Per-syscall enter events (syscalls:sys_enter_<name>), by <name>. */
  syscallEnterEvents: string[]
}

export function traceFeatures(root = TRACEFS_ROOT): TraceFeatures {
  return {
    capCapable: existsSync(`${root}/events/capability/cap_capable`),
    sysEnter: existsSync(`${root}/events/raw_syscalls/sys_enter`),
    sched: existsSync(`${root}/events/sched/sched_process_exec`) && existsSync(`${root}/events/sched/sched_process_exit`),
    kprobes: existsSync(`${root}/kprobe_events`),
    syscallEnterEvents: listSyscallEnterEvents(root)
  }
}

export const CAP_KPROBE_NOTE = 'capability checks via a kprobe on cap_capable (no tracepoint on this kernel)'

export type CapabilityChecks = 'tracepoint' | 'kprobe' | 'none'

/** How capability checks are seen: the tracepoint where the kernel has it, else a kprobe pair on cap_capable. */
export function capabilityChecks(features: TraceFeatures): CapabilityChecks {
  if (features.capCapable) return 'tracepoint'
  return features.kprobes ? 'kprobe' : 'none'
}

/** Sentences for how capability checks were seen and what is missing, naming the kernel feature. */
export function missingFeatureNotes(features: TraceFeatures): string[] {
  const notes: string[] = []
  switch (capabilityChecks(features)) {
    case 'tracepoint':
      notes.push('capability checks via the capability:cap_capable tracepoint')
      break
    case 'kprobe':
      notes.push(CAP_KPROBE_NOTE)
      break
    case 'none':
      notes.push('capability checks not observed: this kernel has neither the capability:cap_capable tracepoint nor kprobe events (CONFIG_KPROBE_EVENTS)')
  }
  if (!features.sysEnter && features.syscallEnterEvents.length === 0) notes.push('syscalls not observed: no syscall trace events (CONFIG_FTRACE_SYSCALLS not set)')
  if (!features.sched) notes.push('no sched_process_exec/exit tracepoints: credentials are told apart less surely')
  return notes
}

/** Replaces the kprobe note when the kernel refused the probe (reason: errno code or message; null: it did not). */
export function noteCapKprobeRefused(notes: string[], reason: string | null): void {
  const at = notes.indexOf(CAP_KPROBE_NOTE)
  if (reason === null || at < 0) return
  notes[at] = `capability checks not observed: this kernel has no capability:cap_capable tracepoint and refused a kprobe on cap_capable (${reason}; $argN needs kernel 4.20+)`
}

function listSyscallEnterEvents(root: string): string[] {
  try {
    return readdirSync(`${root}/events/syscalls`)
      .filter((name) => name.startsWith('sys_enter_'))
      .map((name) => name.slice('sys_enter_'.length))
  } catch {
    return []
  }
}

export type SyscallTracing = 'none' | 'each-once' | 'every-call'

/**
 * How syscalls are traced. each-once: one event per syscall, each switched off once seen (an event that is
 * off costs nothing per call, where raw_syscalls with a filter still reserves and discards a record for every
 * call: a tight read/write loop ran ~1.5–2× slower so). every-call: raw_syscalls:sys_enter, all counted.
 */
export function syscallTracing(features: TraceFeatures, withSyscalls: boolean, countEvery: boolean): SyscallTracing {
  if (!withSyscalls) return 'none'
  if (!countEvery && features.syscallEnterEvents.length > 0) return 'each-once'
  return features.sysEnter ? 'every-call' : 'none'
}

/** The events an observation enables, among those this kernel has. */
export function eventsToEnable(features: TraceFeatures, syscalls: SyscallTracing): string[] {
  const events: string[] = []
  if (features.capCapable) events.push('capability/cap_capable')
  if (syscalls === 'every-call') events.push('raw_syscalls/sys_enter')
  if (syscalls === 'each-once') events.push(...features.syscallEnterEvents.map((name) => `syscalls/sys_enter_${name}`))
  if (features.sched) events.push('sched/sched_process_exec', 'sched/sched_process_exit')
  return events
}
