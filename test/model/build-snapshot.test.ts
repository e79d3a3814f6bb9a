import { describe, expect, it } from 'vitest'
import { buildSnapshot } from '../../main/model/build-snapshot'
import type { EngineReport } from '../../main/engine/types'
import type { ProbeReport } from '../../main/probe/types'
import type { ProcessInfo } from '../../shared/model'
import { HOST_NS, engineContainer, proc, recordingCgroupReader } from './process-builder'

const A = 'a'.repeat(64)
const B = 'b'.repeat(64)
const C = 'c'.repeat(64)

function probe(processes: ProcessInfo[]): ProbeReport {
  return {
    roots: { procRoot: '/proc', cgroupRoot: '/sys/fs/cgroup' },
    host: { hostname: 'h', kernel: '6.18', cgroupVersion: 1, cgroupLayout: 'hybrid', cpus: 2, memoryBytes: 1, capLastCap: 40, probeUid: 0 },
    hierarchy: { layout: 'hybrid', version: 1, v1: new Map(), unifiedDir: null },
    processes,
    problems: []
  }
}

function engine(containers: EngineReport['containers']): EngineReport {
  return {
    state: { reachable: true, version: '20.10', apiVersion: '1.41', cgroupDriver: 'cgroupfs', cgroupVersion: '1', securityOptions: [], endpoint: 'x' },
    containers,
    problems: []
  }
}

const aNs = { ...HOST_NS, pid: 100, net: 101, mnt: 102, ipc: 103, uts: 104 }

const processes = [
  proc(2, { ppid: 0, comm: 'kthreadd' }),
  proc(1, { ppid: 0, comm: 'init', namespaces: { ...HOST_NS, net: null, mnt: null, pid: null, ipc: null, uts: null, cgroup: null, time: null, user: null } }),
  proc(500, { comm: 'containerd-shim' }),
  proc(501, { ppid: 500, cgroup: `/docker/${A}`, nspid: [501, 1], namespaces: aNs }),
  proc(502, { ppid: 501, cgroup: `/docker/${A}`, nspid: [502, 2], namespaces: aNs }),
  // A cgroup made inside container A still belongs to A.
  proc(503, { ppid: 501, cgroup: `/docker/${A}/inner`, nspid: [503, 3, 1], namespaces: { ...aNs, pid: 105 } }),
  // Container B joins A's network namespace.
  proc(601, { ppid: 500, cgroup: `/docker/${B}`, nspid: [601, 1], namespaces: { ...aNs, pid: 200, mnt: 202, ipc: 203, uts: 204 } }),
  // Container C is not listed by the engine (started after the list call).
  proc(701, { ppid: 500, cgroup: `/docker/${C}`, nspid: [701, 1], namespaces: { ...HOST_NS, pid: 300 } }),
  proc(702, { ppid: 701, cgroup: `/docker/${C}`, nspid: [702, 2], namespaces: { ...HOST_NS, pid: 300 } })
]

describe('buildSnapshot', () => {
  const reader = recordingCgroupReader()
  const mountsAskedFor: number[] = []
  const idMapsAskedFor: number[] = []
  const snapshot = buildSnapshot({
    takenAt: new Date('2026-11-28T12:00:00Z'),
    probe: probe(processes),
    engine: engine([engineContainer(A, 'web', 501), engineContainer(B, 'side', 601), engineContainer('d'.repeat(64), 'old', null)]),
    readCgroup: reader.read,
    readMounts: (pid) => {
      mountsAskedFor.push(pid)
      return { mounts: [{ mountPoint: '/', fsType: 'overlay', source: 'overlay', root: '/', readOnly: false, kind: 'root' }], problem: null }
    },
    readIdMaps: (pid) => {
      idMapsAskedFor.push(pid)
      // The first process of the host user namespace has exited; the next one answers.
      if (pid === 2) return { idMaps: null, problem: { field: 'idMaps', reason: 'exited', message: 'gone' } }
      return { idMaps: { uid: [{ inside: 0, outside: 0, count: 4294967295 }], gid: [{ inside: 0, outside: 0, count: 4294967295 }] }, problem: null }
    }
  })
  const byName = (name: string) => snapshot.containers.find((c) => c.name === name)

  it('carries the schema version and the time', () => {
    expect(snapshot.schemaVersion).toBe(1)
    expect(snapshot.takenAt).toBe('2026-11-28T12:00:00.000Z')
  })

  it('assigns processes by cgroup membership, including cgroups nested inside the container', () => {
    expect(byName('web')?.processes).toEqual([501, 502, 503])
    expect(byName('side')?.processes).toEqual([601])
    expect(snapshot.processes.find((p) => p.pid === 503)?.containerId).toBe(A)
    expect(snapshot.processes.find((p) => p.pid === 500)?.containerId).toBeNull()
  })

  it('reads limits from the cgroup of the init process, once per running container', () => {
    expect(byName('web')?.cgroupPath).toBe(`/docker/${A}`)
    expect(byName('web')?.limits?.pidsMax).toBe(7)
    expect(reader.asked.sort()).toEqual([`/docker/${A}`, `/docker/${B}`, `/docker/${C}`])
    expect(snapshot.cgroups).toHaveLength(3)
  })

  it('keeps stopped containers without pid, processes, limits or mounts', () => {
    expect(byName('old')).toMatchObject({ pid: null, processes: [], limits: null, mounts: null, cgroupPath: null, state: 'exited' })
  })

  it('reads the uid/gid maps once per user namespace, skipping a process that exited', () => {
    const userNs = snapshot.namespaces.filter((n) => n.type === 'user')
    expect(userNs).toHaveLength(1)
    expect(idMapsAskedFor).toEqual([2, 500])
    expect(userNs[0]?.idMaps?.uid).toEqual([{ inside: 0, outside: 0, count: 4294967295 }])
    expect(snapshot.namespaces.find((n) => n.type === 'net')?.idMaps ?? null).toBeNull()
  })

  it('reads the mounts of each running container from its init', () => {
    expect(mountsAskedFor.sort()).toEqual([501, 601, 701])
    expect(byName('web')?.mounts?.[0]?.kind).toBe('root')
  })

  it('finds a container the engine did not list by its cgroup, with its init', () => {
    const c = snapshot.containers.find((x) => x.id === C)
    expect(c).toMatchObject({ source: 'cgroup', name: C.slice(0, 12), pid: 701, processes: [701, 702], declared: null })
  })

  it('marks host namespaces from kthreadd when PID 1 is unreadable', () => {
    const net = snapshot.namespaces.find((n) => n.type === 'net' && n.inode === HOST_NS.net)
    expect(net?.isHost).toBe(true)
    const shared = snapshot.namespaces.find((n) => n.type === 'net' && n.inode === 101)
    expect(shared).toMatchObject({ isHost: false, pids: [501, 502, 503, 601], containerIds: [A, B] })
  })

  it('reports a running container whose init was not in the scan', () => {
    const s = buildSnapshot({
      takenAt: new Date(),
      probe: probe(processes),
      engine: engine([engineContainer('e'.repeat(64), 'gone', 9999)]),
      readCgroup: reader.read,
      readMounts: () => ({ mounts: null, problem: null }),
      readIdMaps: () => ({ idMaps: null, problem: null })
    })
    expect(s.containers.find((c) => c.name === 'gone')?.pid).toBeNull()
    expect(s.problems).toContainEqual(expect.objectContaining({ field: 'container gone', reason: 'exited' }))
  })
})
