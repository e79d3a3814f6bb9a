// Snapshots of the kernel read in this process. Kept free of dockerode so the standalone probe
// process can use it without dependencies.
import type { HostSnapshot } from '../../shared/model'
import type { EngineReport } from '../engine/types'
import { requestFor } from '../kernel/kernel-source'
import { readKernelReport } from '../kernel/read-kernel-report'
import { DEFAULT_ROOTS, probeHost } from '../probe/probe-host'
import type { ProbeRoots } from '../probe/types'
import { buildSnapshot } from './build-snapshot'

export function engineNotAsked(reason: string): EngineReport {
  return { state: { reachable: false, error: reason, endpoint: '' }, containers: [], problems: [] }
}

export function snapshotFromKernel(engine: EngineReport, roots: ProbeRoots = DEFAULT_ROOTS, takenAt = new Date()): HostSnapshot {
  const kernel = readKernelReport(probeHost(roots), requestFor(engine))
  return buildSnapshot({ takenAt, engine, kernel })
}
