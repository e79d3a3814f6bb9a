// Zombies the cgroup join cannot place (pure v1 hosts show "/" for an exited task's v1 cgroups, and
// there is no unified line) are attributed by their parent, else by a PID namespace only one container has.
import { describe, expect, it } from 'vitest'
import { buildSnapshot } from '../../main/model/build-snapshot'
import type { EngineReport } from '../../main/engine/types'
import type { CgroupMembership, ProcessInfo } from '../../shared/model'
import { HOST_NS, engineContainer, kernelReport, proc } from './process-builder'

const A = 'a'.repeat(64)
const B = 'b'.repeat(64)
/** What a pure v1 host shows for a zombie: "/" on every hierarchy, no 0:: line. */
const V1_ZOMBIE_CGROUPS: CgroupMembership[] = [
  { hierarchyId: 4, controllers: ['memory'], path: '/' },
  { hierarchyId: 8, controllers: ['pids'], path: '/' }
]
const aNs = { ...HOST_NS, pid: 100, net: 101, mnt: 102, ipc: 103, uts: 104 }
const zombieNs = (pid: number | null) => ({ ...HOST_NS, pid, user: HOST_NS.user, net: null, mnt: null, ipc: null, uts: null, cgroup: null, time: null })

function zombie(pid: number, ppid: number, pidNs: number | null): ProcessInfo {
  return proc(pid, { ppid, state: 'Z', cgroups: V1_ZOMBIE_CGROUPS, cgroupPath: null, namespaces: zombieNs(pidNs) })
}

function snapshotOf(processes: ProcessInfo[]) {
  const engine: EngineReport = {
    state: { reachable: true, version: '20.10', apiVersion: '1.41', cgroupDriver: 'cgroupfs', cgroupVersion: '1', securityOptions: [], endpoint: 'x' },
    containers: [engineContainer(A, 'reaper-less', 501), engineContainer(B, 'other', 601)],
    problems: []
  }
  return buildSnapshot({ takenAt: new Date('2026-12-03T12:00:00Z'), engine, kernel: kernelReport(processes) })
}

const base = [
  proc(2, { ppid: 0, comm: 'kthreadd' }),
  proc(500, { comm: 'containerd-shim' }),
  proc(501, { ppid: 500, cgroup: `/docker/${A}`, nspid: [501, 1], namespaces: aNs }),
  proc(601, { ppid: 500, cgroup: `/docker/${B}`, nspid: [601, 1], namespaces: { ...aNs, pid: 200 } })
]

describe('zombie attribution', () => {
  it('gives a zombie to the container of its parent, and counts it among its processes', () => {
    const s = snapshotOf([...base, zombie(510, 501, 100), zombie(511, 501, 100)])
    const a = s.containers.find((c) => c.id === A)
    expect(a?.processes).toEqual([501, 510, 511])
    expect(s.processes.filter((p) => p.state === 'Z').map((p) => p.containerId)).toEqual([A, A])
  })

  it('falls back to the PID namespace when the parent is outside (an exec whose shim has not reaped it yet)', () => {
    const s = snapshotOf([...base, zombie(512, 500, 100)])
    expect(s.processes.find((p) => p.pid === 512)?.containerId).toBe(A)
  })

  it("leaves a host zombie alone: the host's PID namespace names no container", () => {
    const s = snapshotOf([...base, zombie(513, 500, HOST_NS.pid), zombie(514, 500, null)])
    expect(s.processes.filter((p) => p.pid === 513 || p.pid === 514).map((p) => p.containerId)).toEqual([null, null])
  })
})
