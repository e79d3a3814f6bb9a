// A full snapshot: ask the engine, then read the kernel and join.
import type Docker from 'dockerode'
import type { HostSnapshot } from '../../shared/model'
import { readEngine } from '../engine/read-engine'
import type { ProbeRoots } from '../probe/types'
import { engineNotAsked, snapshotFromKernel } from './kernel-snapshot'

export interface SnapshotSources {
  roots?: ProbeRoots
  /** null: do not ask Docker (kernel view only). */
  engine: { docker: Docker; endpoint: string } | null
}

export async function takeSnapshot(sources: SnapshotSources): Promise<HostSnapshot> {
  const takenAt = new Date()
  // Engine first, then the kernel: a container that starts in between is still found by its
  // cgroup, and one that stops in between is reported, not silently dropped.
  const engine = sources.engine
    ? await readEngine(sources.engine.docker, sources.engine.endpoint)
    : engineNotAsked('--no-engine given: kernel view only')
  return snapshotFromKernel(engine, sources.roots, takenAt)
}
