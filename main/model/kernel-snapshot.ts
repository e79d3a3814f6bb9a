// Joins a kernel reading with an engine report into a snapshot, reading each container's cgroup.
// Kept free of dockerode so the standalone probe process can use it without dependencies.
import type { HostSnapshot } from '../../shared/model'
import type { EngineReport } from '../engine/types'
import { readCgroup } from '../probe/cgroup-read'
import { readIdMaps } from '../probe/proc-idmap'
import { readMounts } from '../probe/proc-mountinfo'
import { DEFAULT_ROOTS, probeHost } from '../probe/probe-host'
import type { ProbeReport, ProbeRoots } from '../probe/types'
import { buildSnapshot } from './build-snapshot'

export function engineNotAsked(reason: string): EngineReport {
  return { state: { reachable: false, error: reason, endpoint: '' }, containers: [], problems: [] }
}

export function joinWithKernel(engine: EngineReport, probe: ProbeReport, takenAt: Date): HostSnapshot {
  return buildSnapshot({
    takenAt,
    probe,
    engine,
    readCgroup: (memberships) => readCgroup(probe.hierarchy, memberships),
    readMounts: (pid) => readMounts(probe.roots.procRoot, pid),
    readIdMaps: (pid) => readIdMaps(probe.roots.procRoot, pid)
  })
}

export function snapshotFromKernel(engine: EngineReport, roots: ProbeRoots = DEFAULT_ROOTS, takenAt = new Date()): HostSnapshot {
  return joinWithKernel(engine, probeHost(roots), takenAt)
}
