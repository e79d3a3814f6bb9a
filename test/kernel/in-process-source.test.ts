// The in-process kernel source: what its report holds, that the report survives JSON (a helper will
// send it as NDJSON) with the same snapshot built from it, its own light rescans, and its sampler.
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { InProcessKernelSource } from '../../main/kernel/in-process-source'
import { requestFor, type KernelReport, type KernelRequest } from '../../main/kernel/kernel-source'
import type { TickResult } from '../../main/live/sampler'
import { History } from '../../main/live/history'
import { buildSnapshot } from '../../main/model/build-snapshot'
import { containerIdFromCgroupPath } from '../../main/model/container-cgroups'
import { engineNotAsked } from '../../main/model/kernel-snapshot'
import type { EngineReport } from '../../main/engine/types'
import { cgroupRootOf, membershipsOf } from '../probe/cgroup-fixture'
import { engineContainer } from '../model/process-builder'
import { CONTAINER_INIT, procTreeFor } from '../model/proc-tree'

const trees: Array<() => void> = []
afterAll(() => {
  for (const remove of trees) remove()
})

function sourceOn(fixture: string): { source: InProcessKernelSource; procRoot: string } {
  const tree = procTreeFor(fixture)
  trees.push(tree.remove)
  return { source: new InProcessKernelSource({ procRoot: tree.root, cgroupRoot: cgroupRootOf(fixture) }), procRoot: tree.root }
}

const FULL = { inside: 0, outside: 0, count: 4294967295 }
const viaJson = (report: KernelReport): KernelReport => JSON.parse(JSON.stringify(report)) as KernelReport

/** The engine listing the fixture's container (under its own id), and a stopped one. */
function engineListing(id: string, pid: number): EngineReport {
  return {
    state: { reachable: true, version: '20.10', apiVersion: '1.41', cgroupDriver: 'systemd', cgroupVersion: '2', securityOptions: [], endpoint: 'x' },
    containers: [engineContainer(id, 'listed', pid), engineContainer('f'.repeat(64), 'stopped', null)],
    problems: []
  }
}

describe.each(['v1-systemd', 'v2-cgroupfs', 'v2-systemd', 'v2-rootless'])('in-process report on %s', (fixture) => {
  const { source } = sourceOn(fixture)
  const cgroupPath = (membershipsOf(fixture).find((m) => m.hierarchyId === 0) ?? membershipsOf(fixture)[0])?.path ?? ''
  // Listed under the id its cgroup path shows, as Docker names it.
  const id = containerIdFromCgroupPath(cgroupPath) ?? 'e'.repeat(64)

  it.each([
    ['without the engine', engineNotAsked('fixture')],
    ['with the engine listing the container', engineListing(id, CONTAINER_INIT)]
  ])('builds the same snapshot from its JSON round trip, %s', async (_, engine) => {
    const report = await source.report(requestFor(engine))
    expect(viaJson(report)).toEqual(report)
    const takenAt = new Date('2026-12-07T05:00:00Z')
    const direct = buildSnapshot({ takenAt, engine, kernel: report })
    const parsed = buildSnapshot({ takenAt, engine, kernel: viaJson(report) })
    expect(parsed).toEqual(direct)
    expect(JSON.stringify(parsed)).toBe(JSON.stringify(direct))
    // Something to compare: the container, its cgroup, its mounts, the id maps.
    expect(direct.containers.find((c) => c.pid === CONTAINER_INIT)?.mounts?.map((m) => m.kind)).toEqual(['root', 'system', 'docker-managed'])
    expect(direct.cgroups).toHaveLength(1)
    expect(direct.namespaces.filter((n) => n.type === 'user').every((n) => n.idMaps?.uid.length === 1)).toBe(true)
  })

  it('reads the cgroup and the mounts of the containers the join will place, and nothing for a stopped one', async () => {
    const report = await source.report(requestFor(engineListing(id, CONTAINER_INIT)))
    expect(report.cgroups.map((g) => g.path)).toEqual([cgroupPath])
    expect(report.mounts.map((m) => m.pid)).toEqual([CONTAINER_INIT])
    expect(report.mounts[0]?.problem).toBeNull()
    expect(report.idMaps.length).toBeGreaterThan(0)
    expect(report.idMaps.every((r) => r.idMaps !== null && r.problem === null)).toBe(true)
  })

  it('finds an unlisted container by its cgroup without any hint', async () => {
    const report = await source.report({ containers: [] })
    expect(report.cgroups.map((g) => g.path)).toEqual(containerIdFromCgroupPath(cgroupPath) ? [cgroupPath] : [])
  })
})

describe('in-process user namespace maps', () => {
  it('reads them once per user namespace, from the next process when the first one exited', async () => {
    const { source, procRoot } = sourceOn('v2-cgroupfs')
    // kthreadd (pid 2) comes first in the host user namespace; its maps vanish as an exited process's do.
    for (const kind of ['uid_map', 'gid_map']) rmSync(join(procRoot, '2', kind))
    const report = await source.report({ containers: [] })
    expect(report.idMaps).toEqual([{ inode: 4026531837, idMaps: { uid: [FULL], gid: [FULL] }, problem: null }])
  })

  it('names the namespace in the problem when no process of it answers', async () => {
    const { source, procRoot } = sourceOn('v2-cgroupfs')
    for (const pid of [2, CONTAINER_INIT]) for (const kind of ['uid_map', 'gid_map']) rmSync(join(procRoot, String(pid), kind))
    const report = await source.report({ containers: [] })
    expect(report.idMaps).toEqual([
      { inode: 4026531837, idMaps: null, problem: expect.objectContaining({ field: 'namespaces.user 4026531837 idMaps', reason: 'exited' }) }
    ])
  })
})

describe('in-process light refresh', () => {
  it("takes unchanged processes from its own last report, and reads them all again when asked for a full scan", async () => {
    const { source, procRoot } = sourceOn('v2-cgroupfs')
    const request: KernelRequest = { containers: [] }
    const first = await source.report(request)
    const cgroupOf = (r: KernelReport) => r.processes.find((p) => p.pid === CONTAINER_INIT)?.cgroupPath
    expect(cgroupOf(first)).toMatch(/^\/docker\//)
    // Same start time and command in stat: a light refresh does not read the cgroup file again.
    writeFileSync(join(procRoot, String(CONTAINER_INIT), 'cgroup'), '0::/moved\n')
    expect(cgroupOf(await source.report({ ...request, reuseUnchanged: true }))).toBe(cgroupOf(first))
    expect(cgroupOf(await source.report(request))).toBe('/moved')
  })
})

describe('in-process sampler', () => {
  it('samples the targets from their cgroup files and records the samples in the history it was given', async () => {
    const fixture = 'v2-cgroupfs'
    const { source } = sourceOn(fixture)
    const history = new History()
    const sampler = source.sampler({ history })
    const id = 'a'.repeat(64)
    sampler.setTargets([{ id, name: 'limits', memberships: membershipsOf(fixture) }])
    const tick = await new Promise<TickResult>((resolve) => sampler.start(250, resolve))
    sampler.stop()
    const sample = tick.sample.containers.find((c) => c.id === id)
    expect(sample?.memory.limitBytes).toBe(67108864)
    expect(history.dump().containers[id]).toHaveLength(1)
  })
})

describe('in-process report of this machine', () => {
  it('builds the same snapshot from its JSON round trip', async () => {
    const source = new InProcessKernelSource()
    const engine = engineNotAsked('unit test')
    const report = await source.report(requestFor(engine))
    expect(report.processes.length).toBeGreaterThan(1)
    const takenAt = new Date()
    expect(buildSnapshot({ takenAt, engine, kernel: viaJson(report) })).toEqual(buildSnapshot({ takenAt, engine, kernel: report }))
  })
})
