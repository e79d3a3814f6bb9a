// Instances left by a Glasshouse that died (SIGKILL, a crash, power cut of the app but not the host):
// the kernel keeps them, events enabled, until someone removes them. Each start removes those whose
// owner no longer runs; instances of another live Glasshouse are left alone. The same for the kprobe
// groups (cap_capable fallback) named after instances.
import { readdirSync } from 'node:fs'
import { processStartTime } from '../kernel/helper-owner'
import { parseInstanceName } from './trace-instance-name'
import { removeInstanceDir } from './trace-instance-files'
import { removeOrphanKprobes } from './cap-kprobe-events'

/** Removes the orphaned instances under root; returns their names. */
export function removeOrphanInstances(root: string, procRoot = '/proc'): string[] {
  let names: string[]
  try {
    names = readdirSync(`${root}/instances`)
  } catch {
    return []
  }
  const removed: string[] = []
  for (const name of names) {
    const owner = parseInstanceName(name)
    if (!owner) continue
    if (processStartTime(owner.pid, procRoot) === owner.start) continue
    if (removeInstanceDir(`${root}/instances/${name}`)) removed.push(name)
  }
  // Then the kprobe groups of the dead (a definition cannot go while its instance has it enabled). A group
  // whose instance exists, or whose owner still runs (its instance may be newer than the listing above, or
  // just removed with the group's removal to follow), stays.
  const remaining = new Set(names.filter((name) => !removed.includes(name)))
  removeOrphanKprobes(root, (instance) => {
    if (remaining.has(instance)) return true
    const owner = parseInstanceName(instance)
    return owner !== null && processStartTime(owner.pid, procRoot) === owner.start
  })
  return removed
}
