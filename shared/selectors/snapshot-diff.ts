// What changed between two snapshots of a host: containers added and removed (by id), and per
// container that is in both: image, state, limits (what the kernel enforces and what Docker was
// asked for), capabilities of its main process, namespaces (own, the host's, shared with whom),
// mounts and processes (added and gone, by command). Pure; `glasshouse diff` and the Compare view
// both show it. Counters (usage) are not compared: they change every second.
import type { CgroupLimits, ContainerInfo, DeclaredResources, HostSnapshot, KernelMount } from '../model'
import { namespaceSharing } from './namespace-sharing'

export interface ContainerRef {
  id: string
  name: string
  image: string
}

/** One value that differs; `before`/`after` are null when absent (e.g. no limit). */
export interface ValueChange {
  field: string
  before: string | number | boolean | null
  after: string | number | boolean | null
}

export interface SetChange {
  added: string[]
  removed: string[]
}

export interface ContainerDiff extends ContainerRef {
  imageChange?: ValueChange
  stateChange?: ValueChange
  /** Kernel limits (`limits.*`) and what Docker was asked for (`declared.*`). */
  limits: ValueChange[]
  /** Of the main process, per set that changed (effective, bounding …). */
  capabilities: Array<SetChange & { set: string }>
  /** Per namespace type whose sharing changed: 'own', 'host', 'shared with a, b', 'unknown'. */
  namespaces: ValueChange[]
  mounts: { added: string[]; removed: string[]; changed: ValueChange[] }
  /** Commands (comm) started and gone; a command running twice more counts twice. */
  processes: SetChange
}

export interface SnapshotDiff {
  before: { takenAt: string; host: string }
  after: { takenAt: string; host: string }
  added: ContainerRef[]
  removed: ContainerRef[]
  /** Only containers with at least one change. */
  changed: ContainerDiff[]
}

const LIMIT_FIELDS: Array<keyof CgroupLimits> = ['memoryBytes', 'memorySwapBytes', 'cpuQuotaCores', 'cpusetCpus', 'pidsMax', 'cpuShares', 'cpuWeight', 'oomKillDisable']
const DECLARED_FIELDS: Array<keyof DeclaredResources> = ['memoryBytes', 'memorySwapBytes', 'cpuQuotaCores', 'cpusetCpus', 'pidsMax', 'cpuShares', 'oomKillDisable']

export function diffSnapshots(before: HostSnapshot, after: HostSnapshot): SnapshotDiff {
  const beforeById = new Map(before.containers.map((c) => [c.id, c]))
  const afterById = new Map(after.containers.map((c) => [c.id, c]))
  const changed: ContainerDiff[] = []
  for (const [id, b] of beforeById) {
    const a = afterById.get(id)
    if (!a) continue
    const diff = diffContainer(before, b, after, a)
    if (hasChanges(diff)) changed.push(diff)
  }
  return {
    before: { takenAt: before.takenAt, host: before.host.hostname },
    after: { takenAt: after.takenAt, host: after.host.hostname },
    added: after.containers.filter((c) => !beforeById.has(c.id)).map(ref),
    removed: before.containers.filter((c) => !afterById.has(c.id)).map(ref),
    changed
  }
}

export function hasChanges(d: ContainerDiff): boolean {
  return Boolean(
    d.imageChange ||
      d.stateChange ||
      d.limits.length ||
      d.capabilities.length ||
      d.namespaces.length ||
      d.mounts.added.length ||
      d.mounts.removed.length ||
      d.mounts.changed.length ||
      d.processes.added.length ||
      d.processes.removed.length
  )
}

export function isEmptyDiff(d: SnapshotDiff): boolean {
  return d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0
}

function ref(c: ContainerInfo): ContainerRef {
  return { id: c.id, name: c.name, image: c.image }
}

function diffContainer(beforeSnap: HostSnapshot, b: ContainerInfo, afterSnap: HostSnapshot, a: ContainerInfo): ContainerDiff {
  const limits: ValueChange[] = []
  for (const field of LIMIT_FIELDS) pushChange(limits, `limits.${field}`, b.limits?.[field], a.limits?.[field])
  for (const field of DECLARED_FIELDS) pushChange(limits, `declared.${field}`, b.declared?.resources[field], a.declared?.resources[field])
  return {
    ...ref(a),
    ...(b.image !== a.image ? { imageChange: { field: 'image', before: b.image, after: a.image } } : {}),
    ...(b.state !== a.state ? { stateChange: { field: 'state', before: b.state, after: a.state } } : {}),
    limits,
    capabilities: diffCapabilities(beforeSnap, b, afterSnap, a),
    namespaces: diffNamespaces(beforeSnap, b, afterSnap, a),
    mounts: diffMounts(b.mounts ?? [], a.mounts ?? []),
    processes: diffMultiset(commands(beforeSnap, b), commands(afterSnap, a))
  }
}

function pushChange(out: ValueChange[], field: string, before: ValueChange['before'] | undefined, after: ValueChange['after'] | undefined): void {
  // Absent (an older snapshot) and null (no limit) are alike; a field only one side has is not a change.
  if (before === undefined || after === undefined) return
  if (before !== after) out.push({ field, before, after })
}

function mainProcess(snapshot: HostSnapshot, c: ContainerInfo): HostSnapshot['processes'][number] | undefined {
  return c.pid == null ? undefined : snapshot.processes.find((p) => p.pid === c.pid)
}

function diffCapabilities(beforeSnap: HostSnapshot, b: ContainerInfo, afterSnap: HostSnapshot, a: ContainerInfo): ContainerDiff['capabilities'] {
  const before = mainProcess(beforeSnap, b)
  const after = mainProcess(afterSnap, a)
  // A container not running on one side has no process to compare: its state change says it.
  if (!before || !after) return []
  const out: ContainerDiff['capabilities'] = []
  for (const set of ['effective', 'permitted', 'bounding', 'inheritable', 'ambient'] as const) {
    const change = diffSet(before.capabilities[set], after.capabilities[set])
    if (change.added.length || change.removed.length) out.push({ set, ...change })
  }
  return out
}

function diffNamespaces(beforeSnap: HostSnapshot, b: ContainerInfo, afterSnap: HostSnapshot, a: ContainerInfo): ValueChange[] {
  if (b.pid == null || a.pid == null) return []
  const names = (snap: HostSnapshot) => new Map(snap.containers.map((c) => [c.id, c.name]))
  const describe = (snap: HostSnapshot, id: string): Map<string, string> => {
    const byId = names(snap)
    return new Map(
      namespaceSharing(snap, id).map((s) => [
        s.type,
        s.kind === 'shared' ? `shared with ${s.sharedWith.map((x) => byId.get(x) ?? x.slice(0, 12)).sort().join(', ')}` : s.kind
      ])
    )
  }
  const before = describe(beforeSnap, b.id)
  const after = describe(afterSnap, a.id)
  const out: ValueChange[] = []
  for (const [type, was] of before) {
    const now = after.get(type) ?? 'unknown'
    // 'unknown' on one side is a read that failed, not a change of namespace.
    if (was !== now && was !== 'unknown' && now !== 'unknown') out.push({ field: type, before: was, after: now })
  }
  return out
}

function mountLabel(m: KernelMount): string {
  return `${m.mountPoint} (${m.fsType} ${m.source}${m.root !== '/' ? `:${m.root}` : ''}, ${m.readOnly ? 'ro' : 'rw'})`
}

function diffMounts(before: readonly KernelMount[], after: readonly KernelMount[]): ContainerDiff['mounts'] {
  const b = new Map(before.map((m) => [m.mountPoint, m]))
  const a = new Map(after.map((m) => [m.mountPoint, m]))
  const changed: ValueChange[] = []
  for (const [point, was] of b) {
    const now = a.get(point)
    if (now && mountLabel(was) !== mountLabel(now)) changed.push({ field: point, before: mountLabel(was), after: mountLabel(now) })
  }
  return {
    added: after.filter((m) => !b.has(m.mountPoint)).map(mountLabel),
    removed: before.filter((m) => !a.has(m.mountPoint)).map(mountLabel),
    changed
  }
}

function commands(snapshot: HostSnapshot, c: ContainerInfo): string[] {
  const pids = new Set(c.processes)
  return snapshot.processes.filter((p) => pids.has(p.pid)).map((p) => p.comm)
}

function diffSet(before: readonly string[], after: readonly string[]): SetChange {
  const b = new Set(before)
  const a = new Set(after)
  return { added: [...a].filter((x) => !b.has(x)).sort(), removed: [...b].filter((x) => !a.has(x)).sort() }
}

/** Like diffSet, but counting: two `sh` before and three after is one `sh` added. */
function diffMultiset(before: readonly string[], after: readonly string[]): SetChange {
  const count = (list: readonly string[]): Map<string, number> => {
    const m = new Map<string, number>()
    for (const x of list) m.set(x, (m.get(x) ?? 0) + 1)
    return m
  }
  const b = count(before)
  const a = count(after)
  const added: string[] = []
  const removed: string[] = []
  for (const [x, n] of a) for (let i = (b.get(x) ?? 0); i < n; i++) added.push(x)
  for (const [x, n] of b) for (let i = (a.get(x) ?? 0); i < n; i++) removed.push(x)
  return { added: added.sort(), removed: removed.sort() }
}
