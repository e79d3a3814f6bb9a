// Structural deltas: send a snapshot once, then only what changed. Items are keyed by kernel
// identity, so a process that exits and a new one that reuses its PID are different items.
// Counters (`usage` of containers and cgroups) change every moment and travel in the 1 Hz
// samples instead, so a change in them alone does not put an item into a patch: after applying,
// an item's usage is as of the last time something structural about it changed.
import { cgroupKey, containerKey, namespaceKey, processKey } from './identity'
import type { SnapshotPatch } from './live'
import { NAMESPACE_TYPES, type CgroupInfo, type ContainerInfo, type HostSnapshot, type NamespaceInfo, type ProcessInfo } from './model'

const namespaceItemKey = (n: NamespaceInfo): string => namespaceKey(n.type, n.inode)

interface Collection<T> {
  key: (item: T) => string
  order: (a: T, b: T) => number
  /** The item as compared: without its live counters. */
  structure: (item: T) => string
}

const withoutUsage = (item: { usage: unknown }): string => JSON.stringify({ ...item, usage: null })

/**
 * Serialises each object once: a live session diffs every snapshot against the one before, so
 * the items of `before` were serialised as `after` last time. Snapshot items are never modified
 * once the snapshot is made (patches replace them), so the text stays true.
 */
function onceEach<T extends object>(structure: (item: T) => string): (item: T) => string {
  const seen = new WeakMap<T, string>()
  return (item) => {
    let text = seen.get(item)
    if (text === undefined) seen.set(item, (text = structure(item)))
    return text
  }
}

// Code-unit order, not localeCompare: the first localeCompare loads ICU collation (~9 ms).
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

const COLLECTIONS = {
  containers: {
    key: containerKey,
    order: (a, b) => byText(a.name, b.name) || byText(a.id, b.id),
    structure: onceEach(withoutUsage)
  } as Collection<ContainerInfo>,
  processes: { key: processKey, order: (a, b) => a.pid - b.pid, structure: onceEach((p) => JSON.stringify(p)) } as Collection<ProcessInfo>,
  namespaces: {
    key: namespaceItemKey,
    order: (a, b) => NAMESPACE_TYPES.indexOf(a.type) - NAMESPACE_TYPES.indexOf(b.type) || a.inode - b.inode,
    structure: onceEach((n) => JSON.stringify(n))
  } as Collection<NamespaceInfo>,
  cgroups: { key: cgroupKey, order: (a, b) => byText(a.path, b.path), structure: onceEach(withoutUsage) } as Collection<CgroupInfo>
}

/** Puts every collection in the order applyPatch produces, so snapshots compare equal. */
export function sortSnapshot(snapshot: HostSnapshot): HostSnapshot {
  return {
    ...snapshot,
    containers: [...snapshot.containers].sort(COLLECTIONS.containers.order),
    processes: [...snapshot.processes].sort(COLLECTIONS.processes.order),
    namespaces: [...snapshot.namespaces].sort(COLLECTIONS.namespaces.order),
    cgroups: [...snapshot.cgroups].sort(COLLECTIONS.cgroups.order)
  }
}

type CollectionName = keyof typeof COLLECTIONS

function diffCollection<T>(collection: Collection<T>, before: readonly T[], after: readonly T[]): { upsert: T[]; remove: string[] } {
  const previous = new Map(before.map((item) => [collection.key(item), item]))
  const upsert = after.filter((item) => {
    const was = previous.get(collection.key(item))
    // The same object (a process a slow refresh reused) is unchanged without serialising either.
    return was !== item && (was === undefined || collection.structure(was) !== collection.structure(item))
  })
  const present = new Set(after.map(collection.key))
  const remove = [...previous.keys()].filter((key) => !present.has(key))
  return { upsert, remove }
}

function applyCollection<T>(collection: Collection<T>, items: readonly T[], upsert: readonly T[], remove: readonly string[]): T[] {
  const byKey = new Map(items.map((item) => [collection.key(item), item]))
  for (const key of remove) byKey.delete(key)
  for (const item of upsert) byKey.set(collection.key(item), item)
  return [...byKey.values()].sort(collection.order)
}

/** What turns `before` into `after`, counters aside (see the top of this file). */
export function diffSnapshots(before: HostSnapshot, after: HostSnapshot): SnapshotPatch {
  const parts = Object.fromEntries(
    (Object.keys(COLLECTIONS) as CollectionName[]).map((name) => [
      name,
      diffCollection(COLLECTIONS[name] as Collection<unknown>, before[name], after[name])
    ])
  ) as { [K in CollectionName]: { upsert: HostSnapshot[K]; remove: string[] } }
  const patch: SnapshotPatch = {
    takenAt: after.takenAt,
    upsert: {
      containers: parts.containers.upsert,
      processes: parts.processes.upsert,
      namespaces: parts.namespaces.upsert,
      cgroups: parts.cgroups.upsert
    },
    remove: {
      containers: parts.containers.remove,
      processes: parts.processes.remove,
      namespaces: parts.namespaces.remove,
      cgroups: parts.cgroups.remove
    },
    problems: after.problems
  }
  if (JSON.stringify(before.host) !== JSON.stringify(after.host)) patch.host = after.host
  if (JSON.stringify(before.engine) !== JSON.stringify(after.engine)) patch.engine = after.engine
  if (JSON.stringify(before.swarm) !== JSON.stringify(after.swarm)) patch.swarm = after.swarm ?? null
  return patch
}

export function applyPatch(snapshot: HostSnapshot, patch: SnapshotPatch): HostSnapshot {
  const { swarm: _before, ...rest } = snapshot
  return {
    ...rest,
    takenAt: patch.takenAt,
    host: patch.host ?? snapshot.host,
    engine: patch.engine ?? snapshot.engine,
    containers: applyCollection(COLLECTIONS.containers, snapshot.containers, patch.upsert.containers, patch.remove.containers),
    processes: applyCollection(COLLECTIONS.processes, snapshot.processes, patch.upsert.processes, patch.remove.processes),
    namespaces: applyCollection(COLLECTIONS.namespaces, snapshot.namespaces, patch.upsert.namespaces, patch.remove.namespaces),
    cgroups: applyCollection(COLLECTIONS.cgroups, snapshot.cgroups, patch.upsert.cgroups, patch.remove.cgroups),
    problems: patch.problems,
    ...swarmAfter(snapshot, patch)
  }
}

/** The swarm after the patch: unchanged when the patch says nothing, gone when it says null. */
function swarmAfter(snapshot: HostSnapshot, patch: SnapshotPatch): Pick<HostSnapshot, 'swarm'> {
  const swarm = patch.swarm === undefined ? snapshot.swarm : patch.swarm
  return swarm ? { swarm } : {}
}

/** True when the patch changes nothing but the time. */
export function isEmptyPatch(patch: SnapshotPatch): boolean {
  const counts = [...Object.values(patch.upsert), ...Object.values(patch.remove)].map((list) => list.length)
  return counts.every((n) => n === 0) && patch.host === undefined && patch.engine === undefined && patch.swarm === undefined
}
