// Comparing a snapshot read through a helper container with the in-process one, on some containers.
import type { HostSnapshot } from '../../../shared/model'

/**
 * Usage counters move between two reads of an idle container (the memory breakdown's kernel part by a page
 * now and then); everything else must not.
 */
export const MOVING = /\.usage\.(memoryBytes|memoryWorkingSetBytes|cpuSeconds|memoryBreakdown\.\w+)(:|$)/

/** What of a snapshot concerns these containers: them, their processes, namespaces and cgroups. */
export function partOf(snapshot: HostSnapshot, ids: readonly string[]): { host: unknown; containers: unknown[]; processes: unknown[]; namespaces: unknown[]; cgroups: unknown[] } {
  const containers = snapshot.containers.filter((c) => ids.includes(c.id)).sort((a, b) => a.id.localeCompare(b.id))
  const pids = new Set(containers.flatMap((c) => c.processes))
  const processes = snapshot.processes.filter((p) => pids.has(p.pid))
  const inodes = new Set(processes.flatMap((p) => Object.values(p.namespaces)))
  const paths = new Set(containers.map((c) => c.cgroupPath))
  return {
    host: snapshot.host,
    containers,
    processes,
    // The host's namespaces hold other processes too (the helper's among them): keep these.
    namespaces: snapshot.namespaces
      .filter((n) => inodes.has(n.inode))
      .map((n) => ({ ...n, pids: n.pids.filter((pid) => pids.has(pid)), containerIds: n.containerIds.filter((id) => ids.includes(id)) })),
    cgroups: snapshot.cgroups.filter((c) => paths.has(c.path))
  }
}

/**
 * The differences between the two snapshots of these containers that are not explained above. OOM kills
 * are not among the explained: the helper reads the kernel log as root in-process does (/dev/kmsg given
 * read-only, CAP_SYSLOG), so `oomKills` must be equal, `[]` for these never-killed containers.
 */
export function unexplained(diffs: readonly string[]): string[] {
  return diffs.filter((d) => !MOVING.test(d))
}
