// Lookup tables over one snapshot, built once and cached by snapshot identity, so selectors
// stay linear on hosts with hundreds of containers and thousands of processes.
import {
  NAMESPACE_TYPES,
  type CgroupInfo,
  type ContainerInfo,
  type HostSnapshot,
  type NamespaceInfo,
  type NamespaceType,
  type ProcessInfo
} from '../model'
import { namespaceKey } from '../identity'

export interface SnapshotIndex {
  processByPid: Map<number, ProcessInfo>
  processesByContainer: Map<string, ProcessInfo[]>
  namespaceByKey: Map<string, NamespaceInfo>
  /** The host's namespace of each type (isHost), when the snapshot has one. */
  hostNamespace: Partial<Record<NamespaceType, NamespaceInfo>>
  containerById: Map<string, ContainerInfo>
  cgroupByPath: Map<string, CgroupInfo>
}

const cache = new WeakMap<HostSnapshot, SnapshotIndex>()

export function indexSnapshot(snapshot: HostSnapshot): SnapshotIndex {
  const cached = cache.get(snapshot)
  if (cached) return cached
  const processByPid = new Map<number, ProcessInfo>()
  const processesByContainer = new Map<string, ProcessInfo[]>()
  for (const p of snapshot.processes) {
    processByPid.set(p.pid, p)
    if (p.containerId) {
      const list = processesByContainer.get(p.containerId)
      if (list) list.push(p)
      else processesByContainer.set(p.containerId, [p])
    }
  }
  const namespaceByKey = new Map<string, NamespaceInfo>()
  const hostNamespace: Partial<Record<NamespaceType, NamespaceInfo>> = {}
  for (const ns of snapshot.namespaces) {
    namespaceByKey.set(namespaceKey(ns.type, ns.inode), ns)
    if (ns.isHost) hostNamespace[ns.type] = ns
  }
  const index: SnapshotIndex = {
    processByPid,
    processesByContainer,
    namespaceByKey,
    hostNamespace,
    containerById: new Map(snapshot.containers.map((c) => [c.id, c])),
    cgroupByPath: new Map(snapshot.cgroups.map((g) => [g.path, g]))
  }
  cache.set(snapshot, index)
  return index
}

/** The container's init process (its PID 1), or its first process when init is not in the scan. */
export function initProcess(snapshot: HostSnapshot, container: ContainerInfo): ProcessInfo | undefined {
  const index = indexSnapshot(snapshot)
  if (container.pid !== null) {
    const init = index.processByPid.get(container.pid)
    if (init) return init
  }
  return index.processesByContainer.get(container.id)?.[0]
}

export function processesOf(snapshot: HostSnapshot, containerId: string): ProcessInfo[] {
  return indexSnapshot(snapshot).processesByContainer.get(containerId) ?? []
}

export function containerName(snapshot: HostSnapshot, id: string): string {
  return indexSnapshot(snapshot).containerById.get(id)?.name ?? id.slice(0, 12)
}

/** True when the namespace of this type is the host's (from the snapshot's isHost flags). */
export function isHostNamespace(snapshot: HostSnapshot, type: NamespaceType, inode: number | null): boolean | null {
  if (inode === null) return null
  const ns = indexSnapshot(snapshot).namespaceByKey.get(namespaceKey(type, inode))
  if (ns) return ns.isHost
  const host = indexSnapshot(snapshot).hostNamespace[type]
  return host ? host.inode === inode : null
}

export { NAMESPACE_TYPES }
