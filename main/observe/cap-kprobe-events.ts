// The kprobe pair on cap_capable (Documentation/trace/kprobetrace.rst), for kernels without the
// capability:cap_capable tracepoint. kprobe_events is global: a definition appears as events/<group>/<event>
// in every instance, so each observation uses its own group (named after its instance) and enables it only
// in its instance. A definition cannot be removed while enabled in any instance: the instance is taken down
// first. Lines are always appended: a plain (truncating) write would remove every kprobe on the host.
// cap_capable(const struct cred *cred, struct user_namespace *ns, int cap, unsigned int opts), since 5.1
// (before, the 4th argument was `int audit`; cap is the 3rd either way). $argN needs kernel >= 4.20.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { CAP_KPROBE_EVENT, CAP_KRETPROBE_EVENT } from '../../shared/observe/cap-kprobe-lines'
import { instanceOfKprobeGroup, kprobeGroupOf } from './trace-instance-name'

export const KPROBE_EVENTS_FILE = 'kprobe_events'

/** The two definitions written for an instance. */
export function capKprobeDefinitions(instance: string): string[] {
  const group = kprobeGroupOf(instance)
  return [
    `p:${group}/${CAP_KPROBE_EVENT} cap_capable cred=$arg1:x64 cap=$arg3:s32`,
    `r:${group}/${CAP_KRETPROBE_EVENT} cap_capable ret=$retval:s32`
  ]
}

/** The events to enable in the instance (relative to its events/ directory). */
export function capKprobeEventPaths(instance: string): string[] {
  const group = kprobeGroupOf(instance)
  return [`${group}/${CAP_KPROBE_EVENT}`, `${group}/${CAP_KRETPROBE_EVENT}`]
}

/** The removal lines for the events of `group` that kprobe_events lists (its text as read back). */
export function capKprobeRemovals(kprobeEvents: string, group: string): string[] {
  return definedEvents(kprobeEvents)
    .filter((defined) => defined.group === group)
    .map((defined) => `-:${defined.group}/${defined.event}`)
}

/** Glasshouse groups whose instance is not in use any more (left by a run that died); other groups are kept. */
export function orphanKprobeGroups(kprobeEvents: string, inUse: (instance: string) => boolean): string[] {
  const groups = new Set<string>()
  for (const { group } of definedEvents(kprobeEvents)) {
    const instance = instanceOfKprobeGroup(group)
    if (instance !== null && !inUse(instance)) groups.add(group)
  }
  return [...groups]
}

// Read back as "p:GRP/EVENT SYM args" or "r<maxactive>:GRP/EVENT …" (trace_kprobe_show).
function definedEvents(kprobeEvents: string): { group: string; event: string }[] {
  const out: { group: string; event: string }[] = []
  for (const line of kprobeEvents.split('\n')) {
    const m = /^[pr]\d*:([^/\s]+)\/(\S+)\s/.exec(line)
    if (m) out.push({ group: m[1]!, event: m[2]! })
  }
  return out
}

/** Defines the pair for an instance; throws (with the kernel's errno) when the kernel refuses. */
export function defineCapKprobes(root: string, instance: string): void {
  for (const line of capKprobeDefinitions(instance)) writeFileSync(`${root}/${KPROBE_EVENTS_FILE}`, `${line}\n`, { flag: 'a' })
}

/**
 * Removes the definitions of an instance's group, if there are any; true when none is left. Touches
 * kprobe_events only when it exists and lists the group (never on a kernel without kprobes).
 */
export function removeCapKprobes(root: string, instance: string): boolean {
  return removeGroup(root, kprobeGroupOf(instance))
}

/** Removes the groups of instances that are not in use any more; returns the groups removed. */
export function removeOrphanKprobes(root: string, inUse: (instance: string) => boolean): string[] {
  const text = readKprobeEvents(root)
  if (text === null) return []
  return orphanKprobeGroups(text, inUse).filter((group) => removeGroup(root, group))
}

function removeGroup(root: string, group: string): boolean {
  const text = readKprobeEvents(root)
  if (text === null) return true
  for (const line of capKprobeRemovals(text, group)) {
    try {
      writeFileSync(`${root}/${KPROBE_EVENTS_FILE}`, `${line}\n`, { flag: 'a' })
    } catch {
      // EBUSY while still enabled in some instance; ENOENT when someone removed it first.
    }
  }
  const after = readKprobeEvents(root)
  return after === null || capKprobeRemovals(after, group).length === 0
}

function readKprobeEvents(root: string): string | null {
  const file = `${root}/${KPROBE_EVENTS_FILE}`
  if (!existsSync(file)) return null
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return null
  }
}
