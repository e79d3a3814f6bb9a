// What the sampler reads, from a snapshot: each container's init's cgroups, and after a light refresh
// only the containers whose limits may have changed.
import type { SnapshotPatch } from '../../shared/live'
import type { HostSnapshot } from '../../shared/model'
import type { SamplerTarget } from './sampler'

/** Containers whose own entry or cgroup the patch changes (limits are in both). */
export function limitsMayHaveChanged(patch: SnapshotPatch, snapshot: HostSnapshot): Set<string> {
  const ids = new Set(patch.upsert.containers.map((c) => c.id))
  const paths = new Set(patch.upsert.cgroups.map((g) => g.path))
  for (const c of snapshot.containers) if (c.cgroupPath !== null && paths.has(c.cgroupPath)) ids.add(c.id)
  return ids
}

export function samplerTargets(snapshot: HostSnapshot): SamplerTarget[] {
  const byPid = new Map(snapshot.processes.map((p) => [p.pid, p]))
  const targets: SamplerTarget[] = []
  for (const c of snapshot.containers) {
    const init = c.pid === null ? undefined : byPid.get(c.pid)
    if (init) targets.push({ id: c.id, name: c.name, memberships: init.cgroups })
  }
  return targets
}
