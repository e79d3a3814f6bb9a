// The join's part of OOM attribution: the kernel log's kills (kernel report) onto their containers.
// Pure, like the rest of the join.
import type { ContainerInfo, HostSnapshot, OomKillRecord, ProcessInfo, Problem } from '../../shared/model'
import type { KmsgOomKill } from '../kernel/kmsg-parse'
import type { KernelLogReading } from '../kernel/kmsg-reader'

/**
 * Sets each container's `oomKills` (null for all when the log was unreadable) and returns the host-wide
 * problem to report. A killed process's PID inside is looked up in this scan, the earlier snapshot's scan,
 * and the earlier snapshot's own kills (so it stays known once the scan that saw the process is gone).
 */
export function attachOomKills(
  containers: ContainerInfo[],
  log: KernelLogReading,
  processes: readonly ProcessInfo[],
  earlier?: Pick<HostSnapshot, 'processes' | 'containers'>
): Problem[] {
  if (log.problem) {
    for (const c of containers) c.oomKills = null
    return [log.problem]
  }
  const byContainer = new Map<string, KmsgOomKill[]>()
  for (const kill of log.kills) byContainer.set(kill.containerId, [...(byContainer.get(kill.containerId) ?? []), kill])
  const seen = [...(earlier?.processes ?? []), ...processes]
  const knownInside = new Map<number, number>()
  for (const c of earlier?.containers ?? []) for (const k of c.oomKills ?? []) if (k.pidInside !== null) knownInside.set(k.seq, k.pidInside)
  for (const c of containers) {
    c.oomKills = (byContainer.get(c.id) ?? []).map((kill) => {
      const record = oomKillRecord(kill, seen)
      return record.pidInside === null ? { ...record, pidInside: knownInside.get(kill.seq) ?? null } : record
    })
  }
  return []
}

export function oomKillRecord(kill: KmsgOomKill, seen: readonly ProcessInfo[]): OomKillRecord {
  return {
    at: new Date(kill.atMs).toISOString(),
    seq: kill.seq,
    hostPid: kill.hostPid,
    pidInside: pidInside(kill, seen),
    comm: kill.comm,
    anonRssBytes: kill.anonRssBytes,
    fileRssBytes: kill.fileRssBytes,
    shmemRssBytes: kill.shmemRssBytes,
    totalVmBytes: kill.totalVmBytes,
    constraint: kill.constraint,
    memcg: kill.memcg,
    ...(kill.tasks ? { tasks: kill.tasks } : {})
  }
}

/** The innermost PID of the process a scan saw with this host pid and name (a reused pid has another name, mostly). */
function pidInside(kill: KmsgOomKill, seen: readonly ProcessInfo[]): number | null {
  // Latest scan last: a later sighting wins.
  for (let i = seen.length - 1; i >= 0; i--) {
    const p = seen[i]!
    if (p.pid === kill.hostPid && p.comm === kill.comm) return p.nspid.at(-1) ?? null
  }
  return null
}
