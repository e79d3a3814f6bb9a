// One entry per distinct namespace seen, with the processes and containers in it.
import { namespaceKey } from '../../shared/identity'
import { NAMESPACE_TYPES, type NamespaceInfo, type NamespaceType, type ProcessInfo } from '../../shared/model'

/**
 * Inode numbers the kernel reserves for the initial namespaces (UAPI enum init_ns_ino).
 * ipc…time have had them for years; net and mnt only on recent kernels (6.18 here). Dynamic
 * inodes are allocated from 0xF0000000 up, so a match is proof, a mismatch is not.
 */
const INITIAL_NAMESPACE_INODES: Record<NamespaceType, number> = {
  ipc: 0xefffffff,
  uts: 0xeffffffe,
  user: 0xeffffffd,
  pid: 0xeffffffc,
  cgroup: 0xeffffffb,
  time: 0xeffffffa,
  net: 0xeffffff9,
  mnt: 0xeffffff8
}

/**
 * The host's namespace of each type. kthreadd (pid 2, ppid 0) always lives in the initial
 * namespaces; PID 1 usually does too, but on some VMs PID 1 is a supervisor whose namespace
 * links even root may not read. Without a readable reference, the reserved inodes decide.
 */
export function hostNamespaceInodes(processes: readonly ProcessInfo[]): Record<NamespaceType, number> {
  const references = [processes.find((p) => p.pid === 2 && p.ppid === 0), processes.find((p) => p.pid === 1)]
  const result = { ...INITIAL_NAMESPACE_INODES }
  for (const type of NAMESPACE_TYPES) {
    const seen = references.map((p) => p?.namespaces[type] ?? null).find((inode) => inode !== null)
    if (seen !== undefined && seen !== null) result[type] = seen
  }
  return result
}

export function indexNamespaces(processes: readonly ProcessInfo[]): NamespaceInfo[] {
  const host = hostNamespaceInodes(processes)
  const byKey = new Map<string, NamespaceInfo>()
  for (const process of processes) {
    for (const type of NAMESPACE_TYPES) {
      const inode = process.namespaces[type]
      if (inode === null) continue
      const key = namespaceKey(type, inode)
      let entry = byKey.get(key)
      if (!entry) {
        entry = { type, inode, pids: [], isHost: host[type] === inode, containerIds: [], idMaps: null }
        byKey.set(key, entry)
      }
      entry.pids.push(process.pid)
      if (process.containerId && !entry.containerIds.includes(process.containerId)) {
        entry.containerIds.push(process.containerId)
      }
    }
  }
  return [...byKey.values()]
}
