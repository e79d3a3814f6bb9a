// A full snapshot: ask the engine, then the kernel source, and join.
import type { EngineReads } from '../engine/engine-reads'
import type { EngineEndpoint, HostSnapshot } from '../../shared/model'
import type { InfoAnswer } from '../engine/engine-info'
import { readEngine } from '../engine/read-engine'
import { InProcessKernelSource } from '../kernel/in-process-source'
import { requestFor, type KernelSource } from '../kernel/kernel-source'
import { buildSnapshot } from './build-snapshot'
import { engineNotAsked } from './kernel-snapshot'

export interface SnapshotSources {
  /** Where the kernel is read; default: this process, from /proc and /sys/fs/cgroup. */
  kernel?: KernelSource
  /** null: do not ask Docker (kernel view only). */
  engine: { docker: EngineReads; endpoint: string; origin?: EngineEndpoint; info?: Promise<InfoAnswer> } | null
}

export async function takeSnapshot(sources: SnapshotSources): Promise<HostSnapshot> {
  const takenAt = new Date()
  // Engine first, then the kernel: a container that starts in between is still found by its
  // cgroup, and one that stops in between is reported, not silently dropped. (Running the two
  // side by side, in slices or in a worker thread, measured no faster: the daemon needs the
  // second core to answer.)
  const engine = sources.engine
    ? await readEngine(sources.engine.docker, sources.engine.endpoint, { origin: sources.engine.origin, info: sources.engine.info })
    : engineNotAsked('--no-engine given: kernel view only')
  const source = sources.kernel ?? new InProcessKernelSource()
  // A source made here is this call's: close it (it holds the kernel log open).
  const kernel = await source.report(requestFor(engine)).finally(() => (sources.kernel ? undefined : source.close()))
  return buildSnapshot({ takenAt, engine, kernel })
}
