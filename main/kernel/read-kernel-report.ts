// The kernel side of the seam: from one probe pass (processes, hierarchy, host facts) and the engine's
// hints, read everything else the join needs: container cgroups, init mounts, user namespace id maps.
// Runs wherever the kernel is readable: in this process today, in a helper container later.
import type { CgroupInfo, ProcessInfo, Problem } from '../../shared/model'
import { placeContainers } from '../model/place-containers'
import { readCgroup } from '../probe/cgroup-read'
import { isJavaProcess, readJvm } from '../probe/hsperfdata-read'
import { readIdMaps } from '../probe/proc-idmap'
import { readMounts } from '../probe/proc-mountinfo'
import type { ProbeReport } from '../probe/types'
import type { IdMapsReading, KernelReport, KernelRequest, MountsReading } from './kernel-source'
import type { KernelLogReading } from './kmsg-reader'

/** Cgroups (by path) and init mounts (by PID) of a source's last report, for request.unchangedContainers. */
export interface EarlierReadings {
  cgroups: ReadonlyMap<string, CgroupInfo>
  mounts: ReadonlyMap<number, MountsReading>
}

export function earlierReadings(report: KernelReport): EarlierReadings {
  return { cgroups: new Map(report.cgroups.map((g) => [g.path, g])), mounts: new Map(report.mounts.map((m) => [m.pid, m])) }
}

/**
 * `kernelLog`: what the source's kernel log reader holds (it keeps its place between reports).
 * `earlier`: the source's last report, reused for request.unchangedContainers.
 */
export function readKernelReport(probe: ProbeReport, request: KernelRequest, kernelLog?: KernelLogReading, earlier?: EarlierReadings): KernelReport {
  // The join's own placement, on copies: it tells which cgroups and inits the join will look up.
  const processes = probe.processes.map((p) => ({ ...p, containerId: null })).sort((a, b) => a.pid - b.pid)
  const seats = placeContainers(request.containers, processes)
  const cgroups = new Map<string, CgroupInfo>()
  const mounts = new Map<number, MountsReading>()
  const unchanged = new Set(earlier ? request.unchangedContainers : [])
  for (const seat of seats) {
    // Same id, same cgroup path, same init PID as last time, and no Docker event about it since: as read then.
    const reuse = unchanged.has(seat.id) ? earlier : undefined
    if (seat.memberships && seat.cgroupPath !== null && !cgroups.has(seat.cgroupPath)) {
      cgroups.set(seat.cgroupPath, reuse?.cgroups.get(seat.cgroupPath) ?? readCgroup(probe.hierarchy, seat.memberships))
    }
    if (seat.pid !== null && !mounts.has(seat.pid)) {
      mounts.set(seat.pid, reuse?.mounts.get(seat.pid) ?? { pid: seat.pid, ...readMounts(probe.roots.procRoot, seat.pid) })
    }
  }
  return {
    host: probe.host,
    processes: probe.processes.map((p) => withJvm(probe.roots.procRoot, p)),
    problems: probe.problems,
    cgroups: [...cgroups.values()],
    mounts: [...mounts.values()],
    idMaps: readUserNamespaceMaps(probe.roots.procRoot, processes),
    ...(kernelLog ? { kernelLog } : {})
  }
}

/** A Java process gets what its JVM published (issue 11 item 4); a copy, the probe's own record stays as it was. */
function withJvm(procRoot: string, p: ProcessInfo): ProcessInfo {
  if (!isJavaProcess(p)) return p
  const { jvm, problem } = readJvm(procRoot, p)
  return { ...p, jvm, problems: problem ? [...p.problems, problem] : p.problems }
}

/** Each user namespace gets the uid/gid maps of its first process (by pid) that can be read. */
function readUserNamespaceMaps(procRoot: string, byPid: readonly ProcessInfo[]): IdMapsReading[] {
  const pidsByInode = new Map<number, number[]>()
  for (const p of byPid) {
    const inode = p.namespaces.user
    if (inode === null) continue
    const pids = pidsByInode.get(inode)
    if (pids) pids.push(p.pid)
    else pidsByInode.set(inode, [p.pid])
  }
  return [...pidsByInode].map(([inode, pids]) => {
    let last: Problem | null = null
    for (const pid of pids) {
      const { idMaps, problem } = readIdMaps(procRoot, pid)
      if (idMaps) return { inode, idMaps, problem: null }
      last = problem
      // A process that exited: try the next one; a denial applies to all of them alike.
      if (problem?.reason !== 'exited') break
    }
    return { inode, idMaps: null, problem: last && { ...last, field: `namespaces.user ${inode} idMaps` } }
  })
}
