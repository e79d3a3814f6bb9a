// Joins the kernel's view (probe) with Docker's view (engine) into one HostSnapshot.
// Pure: every input is passed in, including the cgroup reader and the clock.
import {
  SCHEMA_VERSION,
  type CgroupInfo,
  type CgroupMembership,
  type ContainerInfo,
  type HostSnapshot,
  type KernelMount,
  type NamespaceInfo,
  type ProcessInfo,
  type Problem
} from '../../shared/model'
import { sortSnapshot } from '../../shared/snapshot-patch'
import type { EngineContainer, EngineReport } from '../engine/types'
import type { ProbeReport } from '../probe/types'
import { containerIdFromCgroupPath, isInCgroup } from './container-cgroups'
import { hostNamespaceInodes, indexNamespaces } from './namespace-index'
import { claimZombies } from './zombies'

export interface SnapshotInput {
  takenAt: Date
  probe: ProbeReport
  engine: EngineReport
  readCgroup: (memberships: CgroupMembership[]) => CgroupInfo
  /** The mounts of a container's init (mountinfo); secrets are only visible there. */
  readMounts: (pid: number) => { mounts: KernelMount[] | null; problem: Problem | null }
  /** The uid/gid maps of a process, read once per user namespace. */
  readIdMaps: (pid: number) => { idMaps: NamespaceInfo['idMaps'] | null; problem: Problem | null }
}

interface Placed {
  container: ContainerInfo
  memberships: CgroupMembership[] | null
}

export function buildSnapshot(input: SnapshotInput): HostSnapshot {
  const processes = input.probe.processes
    .map((p) => ({ ...p, containerId: null as string | null }))
    .sort((a, b) => a.pid - b.pid)
  const byPid = new Map(processes.map((p) => [p.pid, p]))
  const problems: Problem[] = [...input.probe.problems, ...input.engine.problems]

  const placed = input.engine.containers.map((c) => placeEngineContainer(c, byPid, problems))
  placed.push(...placeUnlistedContainers(processes, new Set(placed.map((p) => p.container.id))))

  // Deepest cgroup first, so a container whose cgroup sits inside another's keeps its own processes.
  const deepestFirst = [...placed].sort((a, b) => (b.container.cgroupPath?.length ?? 0) - (a.container.cgroupPath?.length ?? 0))
  const byCgroup = groupByCgroup(processes)
  for (const { container } of deepestFirst) claimProcesses(container, byCgroup)
  claimZombies(processes, placed.map((p) => p.container), hostNamespaceInodes(processes).pid)
  for (const { container } of placed) if (container.source === 'cgroup') adoptInit(container, byPid)

  const cgroups: CgroupInfo[] = []
  for (const { container, memberships } of placed) {
    if (memberships && container.cgroupPath !== null) {
      const cgroup = input.readCgroup(memberships)
      cgroups.push(cgroup)
      container.limits = cgroup.limits
      container.usage = cgroup.usage
      container.problems.push(...cgroup.problems)
    }
    if (container.pid !== null) {
      const { mounts, problem } = input.readMounts(container.pid)
      container.mounts = mounts
      if (problem) container.problems.push(problem)
    }
  }

  // One canonical order (by name, pid, type+inode, path), the same a patched snapshot has.
  return sortSnapshot({
    schemaVersion: SCHEMA_VERSION,
    takenAt: input.takenAt.toISOString(),
    host: input.probe.host,
    engine: input.engine.state,
    containers: placed.map((p) => p.container),
    processes,
    namespaces: withIdMaps(indexNamespaces(processes), input.readIdMaps, problems),
    cgroups,
    problems
  })
}

/** Each user namespace gets the uid/gid maps of its first process that can be read. */
function withIdMaps(namespaces: NamespaceInfo[], read: SnapshotInput['readIdMaps'], problems: Problem[]): NamespaceInfo[] {
  for (const ns of namespaces) {
    if (ns.type !== 'user') continue
    let last: Problem | null = null
    for (const pid of ns.pids) {
      const { idMaps, problem } = read(pid)
      if (idMaps) {
        ns.idMaps = idMaps
        break
      }
      last = problem
      // A process that exited: try the next one; a denial applies to all of them alike.
      if (problem?.reason !== 'exited') break
    }
    if (!ns.idMaps && last) problems.push({ ...last, field: `namespaces.user ${ns.inode} idMaps` })
  }
  return namespaces
}

function placeEngineContainer(c: EngineContainer, byPid: Map<number, ProcessInfo>, problems: Problem[]): Placed {
  const init = c.pid === null ? undefined : byPid.get(c.pid)
  if (c.pid !== null && !init) {
    problems.push({
      field: `container ${c.name}`,
      reason: 'exited',
      message: `init PID ${c.pid} was not in the process scan (it stopped while the snapshot was taken, or /proc is not the host's)`
    })
  }
  const container: ContainerInfo = {
    id: c.id,
    name: c.name,
    image: c.image,
    state: c.state,
    pid: init ? c.pid : null,
    processes: [],
    cgroupPath: init?.cgroupPath ?? null,
    declared: c.declared,
    limits: null,
    usage: null,
    mounts: null,
    labels: c.labels,
    restartCount: c.restartCount,
    exit: c.exit,
    source: 'engine',
    problems: []
  }
  return { container, memberships: init?.cgroups ?? null }
}

/**
 * Containers the engine did not list but whose processes the kernel shows in a
 * container-shaped cgroup: the engine is unreachable, or the container started after the list.
 */
function placeUnlistedContainers(processes: readonly ProcessInfo[], listed: Set<string>): Placed[] {
  const found = new Map<string, { path: string; first: ProcessInfo }>()
  for (const p of processes) {
    if (p.cgroupPath === null) continue
    const id = containerIdFromCgroupPath(p.cgroupPath)
    if (id === null || listed.has(id)) continue
    const known = found.get(id)
    // The shortest path holding the id is the container's own cgroup; deeper ones are created inside it.
    if (!known || p.cgroupPath.length < known.path.length || (p.cgroupPath === known.path && p.pid < known.first.pid)) {
      found.set(id, { path: p.cgroupPath, first: p })
    }
  }
  return [...found].map(([id, { path, first }]) => ({
    container: {
      id,
      name: id.slice(0, 12),
      image: '',
      // Its processes are alive in the kernel, whatever the engine would call it.
      state: 'running',
      pid: null,
      processes: [],
      cgroupPath: path,
      declared: null,
      limits: null,
      usage: null,
      mounts: null,
      labels: {},
      restartCount: null,
      exit: null,
      source: 'cgroup',
      problems: []
    },
    memberships: first.cgroups
  }))
}

function groupByCgroup(processes: readonly ProcessInfo[]): Map<string, ProcessInfo[]> {
  const groups = new Map<string, ProcessInfo[]>()
  for (const p of processes) {
    if (p.cgroupPath === null) continue
    const group = groups.get(p.cgroupPath)
    if (group) group.push(p)
    else groups.set(p.cgroupPath, [p])
  }
  return groups
}

/** Gives the container every unclaimed process in its cgroup or below it (a few distinct paths, many processes). */
function claimProcesses(container: ContainerInfo, byCgroup: Map<string, ProcessInfo[]>): void {
  if (container.cgroupPath === null) return
  for (const [path, members] of byCgroup) {
    if (!isInCgroup(path, container.cgroupPath)) continue
    for (const p of members) {
      if (p.containerId !== null) continue
      p.containerId = container.id
      container.processes.push(p.pid)
    }
  }
  container.processes.sort((a, b) => a - b)
}

/**
 * For a container seen only in the cgroups, its init is the process whose parent is outside
 * the container (the shim), the oldest one if several are.
 */
function adoptInit(container: ContainerInfo, byPid: Map<number, ProcessInfo>): void {
  const members = container.processes.map((pid) => byPid.get(pid)).filter((p) => p !== undefined)
  const roots = members.filter((p) => p.ppid === null || !container.processes.includes(p.ppid))
  roots.sort((a, b) => (a.startTicks ?? Infinity) - (b.startTicks ?? Infinity) || a.pid - b.pid)
  container.pid = roots[0]?.pid ?? null
}
