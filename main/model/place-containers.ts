// Which processes live in which container: the part of the join that needs only the kernel's process
// list and the engine's (id, init PID) pairs. Pure. Both sides of the kernel seam run it on the same
// processes: the kernel side to know which cgroups and mounts to read, the join to use them, so the
// two always agree on what was needed.
import type { CgroupMembership, ProcessInfo } from '../../shared/model'
import { containerIdFromCgroupPath, isInCgroup } from './container-cgroups'
import { hostNamespaceInodes } from './namespace-index'
import { claimZombies } from './zombies'

/** A container the engine listed: its id and its init's PID in the engine's host PID namespace. */
export interface ListedContainer {
  id: string
  pid: number | null
}

/** Where a container sits in the kernel's view. */
export interface ContainerSeat {
  id: string
  /** The init PID: the engine's, when that process was in the scan; for 'cgroup' seats, the one adopted. */
  pid: number | null
  cgroupPath: string | null
  /** The /proc/<pid>/cgroup lines to read its cgroup with (its init's, or its first process's). */
  memberships: CgroupMembership[] | null
  processes: number[]
  source: 'engine' | 'cgroup'
}

/**
 * Seats every listed container, then every container the engine did not list but whose processes sit
 * in a container-shaped cgroup, and gives each its processes. `processes` are sorted by pid; their
 * containerId is set here (pass copies).
 */
export function placeContainers(listed: readonly ListedContainer[], processes: ProcessInfo[]): ContainerSeat[] {
  const byPid = new Map(processes.map((p) => [p.pid, p]))
  const seats = listed.map((c) => seatListed(c, byPid))
  seats.push(...seatUnlisted(processes, new Set(seats.map((s) => s.id))))

  // Deepest cgroup first, so a container whose cgroup sits inside another's keeps its own processes.
  const deepestFirst = [...seats].sort((a, b) => (b.cgroupPath?.length ?? 0) - (a.cgroupPath?.length ?? 0))
  const byCgroup = groupByCgroup(processes)
  for (const seat of deepestFirst) claimProcesses(seat, byCgroup)
  claimZombies(processes, seats, hostNamespaceInodes(processes).pid)
  for (const seat of seats) if (seat.source === 'cgroup') adoptInit(seat, byPid)
  return seats
}

function seatListed(c: ListedContainer, byPid: Map<number, ProcessInfo>): ContainerSeat {
  const init = c.pid === null ? undefined : byPid.get(c.pid)
  return {
    id: c.id,
    pid: init ? init.pid : null,
    cgroupPath: init?.cgroupPath ?? null,
    memberships: init?.cgroups ?? null,
    processes: [],
    source: 'engine'
  }
}

/**
 * Containers the engine did not list but whose processes the kernel shows in a
 * container-shaped cgroup: the engine is unreachable, or the container started after the list.
 */
function seatUnlisted(processes: readonly ProcessInfo[], listed: Set<string>): ContainerSeat[] {
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
    id,
    pid: null,
    cgroupPath: path,
    memberships: first.cgroups,
    processes: [],
    source: 'cgroup'
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
function claimProcesses(seat: ContainerSeat, byCgroup: Map<string, ProcessInfo[]>): void {
  if (seat.cgroupPath === null) return
  for (const [path, members] of byCgroup) {
    if (!isInCgroup(path, seat.cgroupPath)) continue
    for (const p of members) {
      if (p.containerId !== null) continue
      p.containerId = seat.id
      seat.processes.push(p.pid)
    }
  }
  seat.processes.sort((a, b) => a - b)
}

/**
 * For a container seen only in the cgroups, its init is the process whose parent is outside
 * the container (the shim), the oldest one if several are.
 */
function adoptInit(seat: ContainerSeat, byPid: Map<number, ProcessInfo>): void {
  const members = seat.processes.map((pid) => byPid.get(pid)).filter((p) => p !== undefined)
  const roots = members.filter((p) => p.ppid === null || !seat.processes.includes(p.ppid))
  roots.sort((a, b) => (a.startTicks ?? Infinity) - (b.startTicks ?? Infinity) || a.pid - b.pid)
  seat.pid = roots[0]?.pid ?? null
}
