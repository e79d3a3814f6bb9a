// The data the renderer benchmark feeds the page: the synthetic 200-container host, its recent
// history, and a series of live ticks. Each tick is what a real host sends when a tenth of its
// containers change at once: a `patch` (made with the real diffSnapshots from the host before
// and after) and a `sample` with new counters for every container. Made here in Node, so the
// page pays for parsing messages as a carrier would, not for making them.
import type { HistoryDump } from '../../shared/contract'
import type { LiveMessage } from '../../shared/live'
import { NAMESPACE_TYPES, type ContainerInfo, type HostSnapshot, type NamespaceInfo, type ProcessInfo } from '../../shared/model'
import { diffSnapshots } from '../../shared/snapshot-patch'
import { bigSnapshot } from '../../test/renderer/support/big-snapshot'
import { syntheticHistory, syntheticSamples } from '../../test/renderer/support/synthetic-live'

const MiB = 2 ** 20

export interface RendererBenchData {
  snapshot: HostSnapshot
  history: HistoryDump
  /** Per tick, the patch and the sample as the JSON text a carrier delivers. */
  ticks: Array<[patch: string, sample: string]>
  /** What one tick changes, for the report. */
  perTick: { containers: number; processes: number; namespaces: number; cgroups: number; removed: number; samples: number; bytes: number }
}

export interface RendererBenchShape {
  containers: number
  processesPer: number
  hostProcesses: number
  /** Seconds of 1 Hz history per container the page is seeded with. */
  historySeconds: number
  ticks: number
  /** Share of the containers each tick changes. */
  changeShare: number
}

export function rendererBenchData(shape: RendererBenchShape, now = Date.now()): RendererBenchData {
  const first = { ...bigSnapshot(shape.containers, shape.processesPer, shape.hostProcesses), takenAt: new Date(now).toISOString() }
  const history = syntheticHistory(first, now, shape.historySeconds)
  const changed = Math.max(1, Math.round(shape.containers * shape.changeShare))
  const extra = new Map<string, ProcessInfo>()
  let nextPid = 900_000
  let host = first
  const ticks: RendererBenchData['ticks'] = []
  const counts = { containers: 0, processes: 0, namespaces: 0, cgroups: 0, removed: 0, samples: 0, bytes: 0 }
  for (let k = 0; k < shape.ticks; k++) {
    const at = now + (k + 1) * 1000
    const ids = new Set(Array.from({ length: changed }, (_, j) => host.containers[(k * changed + j) % host.containers.length]?.id ?? ''))
    const next = changeContainers(host, ids, extra, () => nextPid++, at)
    const patch = diffSnapshots(host, next)
    // Counters come from the host after the change (its limits, its pids), at second k of a wave.
    const sample = syntheticSamples(next, { seconds: k + 1, start: now + 1000 }).samples[k]
    if (!sample) throw new Error('no sample for a tick')
    const pair: [string, string] = [JSON.stringify({ type: 'patch', patch } satisfies LiveMessage), JSON.stringify(sample satisfies LiveMessage)]
    ticks.push(pair)
    counts.containers += patch.upsert.containers.length
    counts.processes += patch.upsert.processes.length
    counts.namespaces += patch.upsert.namespaces.length
    counts.cgroups += patch.upsert.cgroups.length
    counts.removed += patch.remove.processes.length
    counts.samples += sample.containers.length
    counts.bytes += pair[0].length + pair[1].length
    host = next
  }
  const perTick = Object.fromEntries(Object.entries(counts).map(([key, n]) => [key, Math.round(n / Math.max(1, shape.ticks))])) as RendererBenchData['perTick']
  return { snapshot: first, history, ticks, perTick }
}

/**
 * The host a second later, with the given containers changed: new limits (memory and pids), every
 * process of theirs in another state, and one process started (or the one started last time gone).
 */
function changeContainers(host: HostSnapshot, ids: ReadonlySet<string>, extra: Map<string, ProcessInfo>, newPid: () => number, at: number): HostSnapshot {
  const containers = host.containers.map((c) => (ids.has(c.id) ? changeLimits(c) : c))
  const gone = new Set<number>()
  const born: ProcessInfo[] = []
  for (const c of containers) {
    if (!ids.has(c.id) || c.pid === null) continue
    const previous = extra.get(c.id)
    if (previous) {
      gone.add(previous.pid)
      extra.delete(c.id)
      continue
    }
    const init = host.processes.find((p) => p.pid === c.pid)
    if (!init) continue
    const pid = newPid()
    const child: ProcessInfo = { ...init, pid, ppid: init.pid, nspid: [pid, 100 + (pid % 100)], comm: 'job', startTicks: Math.round(at / 10), state: 'R' }
    extra.set(c.id, child)
    born.push(child)
  }
  const processes = [...host.processes.filter((p) => !gone.has(p.pid)), ...born].map((p) =>
    p.containerId !== null && ids.has(p.containerId) ? { ...p, state: p.state === 'S' ? 'R' : 'S' } : p
  )
  const byContainer = new Map<string, number[]>()
  for (const p of processes) if (p.containerId) byContainer.set(p.containerId, [...(byContainer.get(p.containerId) ?? []), p.pid])
  const withProcesses = containers.map((c) => {
    if (!ids.has(c.id)) return c
    const pids = byContainer.get(c.id) ?? []
    return { ...c, processes: pids, usage: c.usage ? { ...c.usage, pids: pids.length } : null }
  })
  const limitsOf = new Map(withProcesses.map((c) => [c.cgroupPath, c.limits]))
  return {
    ...host,
    takenAt: new Date(at).toISOString(),
    containers: withProcesses,
    processes,
    namespaces: namespacesOf(processes, host.namespaces),
    cgroups: host.cgroups.map((g) => (ids.has(g.path.slice(g.path.lastIndexOf('/') + 1)) ? { ...g, limits: limitsOf.get(g.path) ?? g.limits } : g))
  }
}

function changeLimits(c: ContainerInfo): ContainerInfo {
  if (!c.limits) return c
  const memoryBytes = c.limits.memoryBytes === 384 * MiB ? 256 * MiB : 384 * MiB
  const pidsMax = c.limits.pidsMax === 200 ? 100 : 200
  return { ...c, limits: { ...c.limits, memoryBytes, pidsMax } }
}

/** Every namespace with its member pids and containers, as the probe reports them (order kept). */
function namespacesOf(processes: readonly ProcessInfo[], before: readonly NamespaceInfo[]): NamespaceInfo[] {
  const byKey = new Map<string, NamespaceInfo>(before.map((n) => [`${n.type}:${n.inode}`, { ...n, pids: [], containerIds: [] }]))
  for (const p of processes) {
    for (const type of NAMESPACE_TYPES) {
      const inode = p.namespaces[type]
      if (inode === null) continue
      const ns = byKey.get(`${type}:${inode}`)
      if (!ns) continue
      ns.pids.push(p.pid)
      if (p.containerId && !ns.containerIds.includes(p.containerId)) ns.containerIds.push(p.containerId)
    }
  }
  return [...byKey.values()]
}
