// For one container: is each of its namespaces its own, the host's, or shared with other containers?
import { NAMESPACE_TYPES, type HostSnapshot, type NamespaceType } from '../model'

export interface NamespaceSharing {
  type: NamespaceType
  inode: number | null
  /** 'host': the host's own namespace (e.g. --pid host); 'own': created for this container alone. */
  kind: 'host' | 'own' | 'shared' | 'unknown'
  /** Other containers in the same namespace (e.g. --network container:x). */
  sharedWith: string[]
}

export function namespaceSharing(snapshot: HostSnapshot, containerId: string): NamespaceSharing[] {
  const container = snapshot.containers.find((c) => c.id === containerId)
  const init = container?.pid == null ? undefined : snapshot.processes.find((p) => p.pid === container.pid)
  return NAMESPACE_TYPES.map((type) => {
    const inode = init?.namespaces[type] ?? null
    const ns = inode === null ? undefined : snapshot.namespaces.find((n) => n.type === type && n.inode === inode)
    if (!ns) return { type, inode, kind: 'unknown', sharedWith: [] }
    const sharedWith = ns.containerIds.filter((id) => id !== containerId)
    const kind = ns.isHost ? 'host' : sharedWith.length > 0 ? 'shared' : 'own'
    return { type, inode, kind, sharedWith }
  })
}
