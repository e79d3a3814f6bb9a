// Owner and mode of each secret and config file as the kernel shows them inside the task's container:
// a stat through /proc/<pid>/root, which resolves the path in the container's own mount tree. Root on
// the daemon's machine only; anything else (a helper, another user) leaves a target null.
import { statSync } from 'node:fs'
import type { SwarmActive } from '../../shared/model'
import type { EngineContainer } from './types'

export function attachSwarmFileStats(swarm: SwarmActive, containers: readonly EngineContainer[], procRoot = '/proc'): void {
  const pidById = new Map(containers.filter((c) => c.pid !== null).map((c) => [c.id, c.pid as number]))
  const services = new Map(swarm.services.map((s) => [s.id, s]))
  for (const task of swarm.tasks) {
    const pid = task.containerId ? pidById.get(task.containerId) : undefined
    const service = services.get(task.serviceId)
    if (pid === undefined || !service) continue
    const stats: NonNullable<typeof task.fileStats> = {}
    for (const file of [...service.secrets, ...service.configs]) {
      try {
        const s = statSync(`${procRoot}/${pid}/root${file.target}`)
        stats[file.target] = { uid: s.uid, gid: s.gid, mode: s.mode & 0o7777, sizeBytes: s.size }
      } catch {
        stats[file.target] = null
      }
    }
    task.fileStats = stats
  }
}
