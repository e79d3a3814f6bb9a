// Zombies belong to a container too: they hold a slot of its pids.max until their parent reaps
// them, but the kernel hides most of where they were. Their v1 cgroup lines read "/" and all
// namespace links but pid and user are gone (docs/kernel-notes.md). So a zombie the cgroup join
// left unclaimed is attributed by its parent (a zombie's parent is alive: orphans are re-parented
// before their parent dies), else by its PID namespace when exactly one container lives in it.
import type { ContainerInfo, ProcessInfo } from '../../shared/model'

export function claimZombies(
  processes: readonly ProcessInfo[],
  containers: readonly Pick<ContainerInfo, 'id' | 'processes'>[],
  hostPidNs: number | null
): void {
  const byId = new Map(containers.map((c) => [c.id, c]))
  const byPid = new Map(processes.map((p) => [p.pid, p]))
  const containersByPidNs = new Map<number, Set<string>>()
  for (const p of processes) {
    if (p.containerId === null || p.namespaces.pid === null || p.namespaces.pid === hostPidNs) continue
    const set = containersByPidNs.get(p.namespaces.pid) ?? new Set<string>()
    set.add(p.containerId)
    containersByPidNs.set(p.namespaces.pid, set)
  }
  for (const zombie of processes) {
    if (zombie.state !== 'Z' || zombie.containerId !== null) continue
    const parent = zombie.ppid === null ? undefined : byPid.get(zombie.ppid)
    const viaPidNs = zombie.namespaces.pid === null ? undefined : containersByPidNs.get(zombie.namespaces.pid)
    const id = parent?.containerId ?? (viaPidNs?.size === 1 ? [...viaPidNs][0] : undefined)
    const container = id === undefined ? undefined : byId.get(id)
    if (!container) continue
    zombie.containerId = container.id
    container.processes.push(zombie.pid)
    container.processes.sort((a, b) => a - b)
  }
}
