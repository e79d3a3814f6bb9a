// Kernel identities as string keys, built in one place: the live patches, the probe's reuse of
// earlier reads, the selectors and the views must all mean the same thing by "this process".

import { NAMESPACE_TYPES, type CgroupInfo, type ContainerInfo, type NamespaceType, type ProcessInfo } from './model'

/**
 * A process: its PID with its start time (clock ticks since boot), so a process that exits and a new one
 * that reuses its PID are different. `?` when the start time could not be read (stat unreadable).
 */
export function processKey(p: Pick<ProcessInfo, 'pid' | 'startTicks'>): string {
  return `${p.pid}:${p.startTicks ?? '?'}`
}

/** A namespace: its type and inode, `net:4026531840` (the inode alone is unique per type only). */
export function namespaceKey(type: NamespaceType, inode: number): string {
  return `${type}:${inode}`
}

/** The type and inode a namespaceKey names; null when `key` is not one. */
export function parseNamespaceKey(key: string): { type: NamespaceType; inode: number } | null {
  const colon = key.indexOf(':')
  const type = key.slice(0, colon) as NamespaceType
  const inode = Number(key.slice(colon + 1))
  if (colon < 0 || !NAMESPACE_TYPES.includes(type) || !Number.isSafeInteger(inode) || inode <= 0) return null
  return { type, inode }
}

/** A cgroup: its path as /proc/<pid>/cgroup lists it. */
export function cgroupKey(c: Pick<CgroupInfo, 'path'>): string {
  return c.path
}

/** A container: its 64-hex id. */
export function containerKey(c: Pick<ContainerInfo, 'id'>): string {
  return c.id
}
