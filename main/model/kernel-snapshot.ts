// Reads the kernel and joins it with an engine report that was already fetched.
// Kept free of dockerode so the standalone probe process can use it without dependencies.
import type { HostSnapshot } from '../../shared/model'
import type { EngineReport } from '../engine/types'
import { readCgroup } from '../probe/cgroup-read'
import { DEFAULT_ROOTS, probeHost } from '../probe/probe-host'
import type { ProbeRoots } from '../probe/types'
import { buildSnapshot } from './build-snapshot'

export function engineNotAsked(reason: string): EngineReport {
  return { state: { reachable: false, error: reason, endpoint: '' }, containers: [], problems: [] }
}

export function snapshotFromKernel(engine: EngineReport, roots: ProbeRoots = DEFAULT_ROOTS, takenAt = new Date()): HostSnapshot {
  const probe = probeHost(roots)
  return buildSnapshot({
    takenAt,
    probe,
    engine,
    readCgroup: (memberships) => readCgroup(probe.hierarchy, memberships)
  })
}
