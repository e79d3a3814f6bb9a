// `snapshot --changes`: each running container's changes against its image, asked after the
// snapshot (the daemon walks every writable layer, so this is never part of an ordinary read).
import type { EngineReads } from '../engine/engine-reads'
import { readChanges } from '../engine/changes-read'
import type { HostSnapshot } from '../../shared/model'

const CHANGES_TIMEOUT_MS = 30_000
/** One walk at a time per core would still load the daemon: two at once. */
const CONCURRENCY = 2

export async function attachChanges(snapshot: HostSnapshot, docker: EngineReads): Promise<void> {
  const signal = AbortSignal.timeout(CHANGES_TIMEOUT_MS)
  const targets = snapshot.containers.filter((c) => c.source === 'engine' && c.state === 'running')
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < targets.length) {
      const c = targets[next++]
      if (c) c.changes = await readChanges(docker, c.id, signal)
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, targets.length) }, worker))
}
