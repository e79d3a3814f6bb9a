// The join on plain data: a kernel report and an engine report, as JSON fixtures. Every filesystem
// call throws here, so a join that read anything itself would fail.
import { describe, expect, it, vi } from 'vitest'
import { buildSnapshot } from '../../main/model/build-snapshot'
import type { EngineReport } from '../../main/engine/types'
import type { KernelReport } from '../../main/kernel/kernel-source'
import type { KernelMount, ProcessInfo } from '../../shared/model'
import { HOST_NS, engineContainer, kernelReport, membershipsFor, proc, recordingCgroupReader } from './process-builder'

vi.mock('node:fs', async (original) => unreadable(await original()))
vi.mock('fs', async (original) => unreadable(await original()))
vi.mock('node:fs/promises', async (original) => unreadable(await original()))

/** The module with every function replaced by one that throws. */
function unreadable(actual: object): Record<string, unknown> {
  const fail = (): never => {
    throw new Error('the join must not touch the filesystem')
  }
  return Object.fromEntries(Object.entries(actual).map(([name, value]) => [name, typeof value === 'function' ? fail : value]))
}

const A = 'a'.repeat(64)
const B = 'b'.repeat(64)
const C = 'c'.repeat(64)

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

const ROOT_MOUNT: KernelMount = { mountPoint: '/', fsType: 'overlay', source: 'overlay', root: '/', readOnly: false, kind: 'root' }
const FULL_RANGE = [{ inside: 0, outside: 0, count: 4294967295 }]

/** What a kernel source sends for these processes, serialised and parsed as it would be over a wire. */
function reportOver(list: ProcessInfo[], more: Partial<KernelReport> = {}): KernelReport {
  const cgroups = [A, B, C].map((id) => recordingCgroupReader().read(membershipsFor(`/docker/${id}`)))
  const report = kernelReport(list, {
    cgroups,
    mounts: [501, 601, 701].map((pid) => ({ pid, mounts: [ROOT_MOUNT], problem: null })),
    idMaps: [{ inode: HOST_NS.user, idMaps: { uid: FULL_RANGE, gid: FULL_RANGE }, problem: null }],
    ...more
  })
  return JSON.parse(JSON.stringify(report)) as KernelReport
}

describe('buildSnapshot', () => {
  const snapshot = buildSnapshot({
    takenAt: new Date('2026-11-28T12:00:00Z'),
    engine: engine([engineContainer(A, 'web', 501), engineContainer(B, 'side', 601), engineContainer('d'.repeat(64), 'old', null)]),
    kernel: reportOver(processes)
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

  it("takes limits from the report's cgroup of the init, once per running container", () => {
    expect(byName('web')?.cgroupPath).toBe(`/docker/${A}`)
    expect(byName('web')?.limits?.pidsMax).toBe(7)
    expect(snapshot.cgroups.map((g) => g.path).sort()).toEqual([`/docker/${A}`, `/docker/${B}`, `/docker/${C}`])
  })

  it('keeps stopped containers without pid, processes, limits or mounts', () => {
    expect(byName('old')).toMatchObject({ pid: null, processes: [], limits: null, mounts: null, cgroupPath: null, state: 'exited' })
  })

  it('gives each user namespace the uid/gid maps the report holds for it', () => {
    const userNs = snapshot.namespaces.filter((n) => n.type === 'user')
    expect(userNs).toHaveLength(1)
    expect(userNs[0]?.idMaps?.uid).toEqual(FULL_RANGE)
    expect(snapshot.namespaces.find((n) => n.type === 'net')?.idMaps ?? null).toBeNull()
  })

  it('takes the mounts of each running container from its init', () => {
    expect(snapshot.containers.filter((c) => c.mounts !== null).map((c) => c.pid).sort()).toEqual([501, 601, 701])
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
    const s = buildSnapshot({ takenAt: new Date(), engine: engine([engineContainer('e'.repeat(64), 'gone', 9999)]), kernel: reportOver(processes) })
    expect(s.containers.find((c) => c.name === 'gone')?.pid).toBeNull()
    expect(s.problems).toContainEqual(expect.objectContaining({ field: 'container gone', reason: 'exited' }))
  })

  it("passes on the kernel side's reasons: unreadable id maps, unreadable mounts", () => {
    const denied = { field: 'mounts' as const, reason: 'denied' as const, message: 'no' }
    const s = buildSnapshot({
      takenAt: new Date(),
      engine: engine([engineContainer(A, 'web', 501)]),
      kernel: reportOver(processes, {
        mounts: [{ pid: 501, mounts: null, problem: denied }],
        idMaps: [{ inode: HOST_NS.user, idMaps: null, problem: { field: `namespaces.user ${HOST_NS.user} idMaps`, reason: 'denied', message: 'no' } }]
      })
    })
    expect(s.containers.find((c) => c.id === A)).toMatchObject({ mounts: null, problems: [denied] })
    expect(s.problems).toContainEqual(expect.objectContaining({ field: `namespaces.user ${HOST_NS.user} idMaps`, reason: 'denied' }))
  })

  it('leaves both reports as they were: the same reports give the same snapshot again', () => {
    const kernel = reportOver(processes)
    const engineReport = engine([engineContainer(A, 'web', 501)])
    const before = JSON.stringify([kernel, engineReport])
    const takenAt = new Date('2026-12-07T05:00:00Z')
    const first = buildSnapshot({ takenAt, engine: engineReport, kernel })
    expect(JSON.stringify([kernel, engineReport])).toBe(before)
    expect(buildSnapshot({ takenAt, engine: engineReport, kernel })).toEqual(first)
  })

  it('says so when the report lacks what the join needs, instead of reading it', () => {
    const s = buildSnapshot({ takenAt: new Date(), engine: engine([engineContainer(A, 'web', 501)]), kernel: reportOver(processes, { cgroups: [], mounts: [] }) })
    const web = s.containers.find((c) => c.id === A)
    expect(web).toMatchObject({ limits: null, mounts: null })
    expect(web?.problems.map((p) => [p.field, p.reason])).toEqual([
      ['limits', 'unavailable'],
      ['mounts', 'unavailable']
    ])
  })
})
