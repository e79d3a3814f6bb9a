// Joins the kernel's report with the engine's into one HostSnapshot. Pure: it reads nothing, every
// input is passed in as plain data (both reports may have come over a wire), including the clock.
import { SCHEMA_MINOR, SCHEMA_VERSION, type CgroupInfo, type ContainerInfo, type HostSnapshot, type Problem, type ProblemField } from '../../shared/model'
import { sortSnapshot } from '../../shared/snapshot-patch'
import type { EngineContainer, EngineReport } from '../engine/types'
import type { KernelReport } from '../kernel/kernel-source'
import { indexNamespaces } from './namespace-index'
import { attachOomKills } from './oom-kills'
import { placeContainers, type ContainerSeat } from './place-containers'

export interface SnapshotInput {
  takenAt: Date
  engine: EngineReport
  kernel: KernelReport
  /** The live session's last snapshot: a killed process's PID inside may be known from its scan (or its kills). */
  earlier?: Pick<HostSnapshot, 'processes' | 'containers'>
}

export function buildSnapshot(input: SnapshotInput): HostSnapshot {
  const { engine, kernel } = input
  const processes = kernel.processes.map((p) => ({ ...p, containerId: null as string | null })).sort((a, b) => a.pid - b.pid)
  const problems: Problem[] = [...kernel.problems, ...engine.problems]
  const seats = placeContainers(engine.containers, processes)
  const cgroupByPath = new Map(kernel.cgroups.map((g) => [g.path, g]))
  const mountsByPid = new Map(kernel.mounts.map((m) => [m.pid, m]))

  const cgroups: CgroupInfo[] = []
  const containers = seats.map((seat, index) => {
    const listed = engine.containers[index]
    const container = listed ? engineContainerInfo(listed, seat, problems) : cgroupContainerInfo(seat)
    if (seat.memberships && seat.cgroupPath !== null) {
      const cgroup = cgroupByPath.get(seat.cgroupPath)
      if (cgroup) {
        cgroups.push(cgroup)
        container.limits = cgroup.limits
        container.usage = cgroup.usage
        container.problems.push(...cgroup.problems)
      } else {
        container.problems.push(notInReport('limits', `the cgroup ${seat.cgroupPath}`))
      }
    }
    if (seat.pid !== null) {
      const reading = mountsByPid.get(seat.pid)
      container.mounts = reading?.mounts ?? null
      if (!reading) container.problems.push(notInReport('mounts', `the mounts of PID ${seat.pid}`))
      else if (reading.problem) container.problems.push(reading.problem)
    }
    return container
  })

  if (kernel.kernelLog) problems.push(...attachOomKills(containers, kernel.kernelLog, processes, input.earlier))

  const namespaces = indexNamespaces(processes)
  const idMapsByInode = new Map(kernel.idMaps.map((r) => [r.inode, r]))
  for (const ns of namespaces) {
    if (ns.type !== 'user') continue
    const reading = idMapsByInode.get(ns.inode)
    if (reading?.idMaps) ns.idMaps = reading.idMaps
    else if (reading?.problem) problems.push(reading.problem)
  }

  // One canonical order (by name, pid, type+inode, path), the same a patched snapshot has.
  return sortSnapshot({
    schemaVersion: SCHEMA_VERSION,
    schemaMinor: SCHEMA_MINOR,
    takenAt: input.takenAt.toISOString(),
    host: kernel.host,
    engine: engine.state,
    containers,
    processes,
    namespaces,
    cgroups,
    problems,
    ...(engine.swarm ? { swarm: engine.swarm } : {})
  })
}

/** The kernel source read less than the join needs: it was asked for other containers than these. */
function notInReport(field: ProblemField, what: string): Problem {
  return { field, reason: 'unavailable', message: `${what} was not in the kernel report` }
}

function engineContainerInfo(c: EngineContainer, seat: ContainerSeat, problems: Problem[]): ContainerInfo {
  if (c.pid !== null && seat.pid === null) {
    problems.push({
      field: `container ${c.name}`,
      reason: 'exited',
      message: `init PID ${c.pid} was not in the process scan (it stopped while the snapshot was taken, or /proc is not the host's)`
    })
  }
  return {
    id: c.id,
    name: c.name,
    image: c.image,
    state: c.state,
    pid: seat.pid,
    processes: seat.processes,
    cgroupPath: seat.cgroupPath,
    declared: c.declared,
    limits: null,
    usage: null,
    mounts: null,
    labels: c.labels,
    restartCount: c.restartCount,
    exit: c.exit,
    source: 'engine',
    problems: c.imageProblem ? [c.imageProblem] : [],
    ...(c.declaredExtra ? { declaredExtra: c.declaredExtra } : {}),
    ...(c.imageDetails !== undefined ? { imageDetails: c.imageDetails } : {})
  }
}

/** A container the engine did not list, found by its container-shaped cgroup. */
function cgroupContainerInfo(seat: ContainerSeat): ContainerInfo {
  return {
    id: seat.id,
    name: seat.id.slice(0, 12),
    image: '',
    // Its processes are alive in the kernel, whatever the engine would call it.
    state: 'running',
    pid: seat.pid,
    processes: seat.processes,
    cgroupPath: seat.cgroupPath,
    declared: null,
    limits: null,
    usage: null,
    mounts: null,
    labels: {},
    restartCount: null,
    exit: null,
    source: 'cgroup',
    problems: []
  }
}
