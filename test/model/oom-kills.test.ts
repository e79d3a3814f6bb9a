// The join attaches the kernel log's OOM kills to their containers, from the kernel report alone.
import { describe, expect, it } from 'vitest'
import type { EngineReport } from '../../main/engine/types'
import type { KmsgOomKill } from '../../main/kernel/kmsg-parse'
import { buildSnapshot } from '../../main/model/build-snapshot'
import { engineContainer, kernelReport, proc } from './process-builder'

const A = 'a'.repeat(64)
const B = 'b'.repeat(64)

function engine(containers: EngineReport['containers']): EngineReport {
  return {
    state: { reachable: true, version: '20.10', apiVersion: '1.41', cgroupDriver: 'cgroupfs', cgroupVersion: '1', securityOptions: [], endpoint: 'x' },
    containers,
    problems: []
  }
}

const KILL: KmsgOomKill = {
  seq: 4310,
  atMs: Date.parse('2026-12-07T05:03:05.575Z'),
  containerId: A,
  hostPid: 1551,
  comm: 'tail',
  anonRssBytes: 16_384_000,
  fileRssBytes: 1_294_336,
  shmemRssBytes: 0,
  totalVmBytes: 18_620_416,
  constraint: 'CONSTRAINT_MEMCG',
  memcg: `/docker/${A}`
}

const running = [proc(500, { cgroup: `/docker/${A}`, nspid: [500, 1] }), proc(600, { cgroup: `/docker/${B}`, nspid: [600, 1] })]
const containers = engine([engineContainer(A, 'hog', 500), engineContainer(B, 'calm', 600)])

describe('OOM kills in the snapshot', () => {
  it('each container gets its own kills; the pid inside is known from an earlier scan that saw the process', () => {
    const earlier = [proc(1551, { comm: 'tail', cgroup: `/docker/${A}`, nspid: [1551, 7] })]
    const report = kernelReport(running, { kernelLog: { kills: [KILL], problem: null, overwritten: false } })
    const snapshot = buildSnapshot({ takenAt: new Date(), engine: containers, kernel: JSON.parse(JSON.stringify(report)), earlier: { processes: earlier, containers: [] } })
    const hog = snapshot.containers.find((c) => c.name === 'hog')
    expect(hog?.oomKills).toEqual([
      {
        at: '2026-12-07T05:03:05.575Z',
        seq: 4310,
        hostPid: 1551,
        pidInside: 7,
        comm: 'tail',
        anonRssBytes: 16_384_000,
        fileRssBytes: 1_294_336,
        shmemRssBytes: 0,
        totalVmBytes: 18_620_416,
        constraint: 'CONSTRAINT_MEMCG',
        memcg: `/docker/${A}`
      }
    ])
    expect(snapshot.containers.find((c) => c.name === 'calm')?.oomKills).toEqual([])
  })

  it('the pid inside is null when no scan saw the process (or the pid now names another program)', () => {
    const reused = [proc(1551, { comm: 'sh', nspid: [1551, 3] })]
    const report = kernelReport(running, { kernelLog: { kills: [KILL], problem: null, overwritten: false } })
    const snapshot = buildSnapshot({ takenAt: new Date(), engine: containers, kernel: report, earlier: { processes: reused, containers: [] } })
    expect(snapshot.containers.find((c) => c.name === 'hog')?.oomKills?.[0]?.pidInside).toBeNull()
  })

  it('the pid inside stays known after the scan that saw the process is gone: the earlier snapshot’s kill keeps it', () => {
    const report = kernelReport(running, { kernelLog: { kills: [KILL], problem: null, overwritten: false } })
    const first = buildSnapshot({ takenAt: new Date(), engine: containers, kernel: report, earlier: { processes: [proc(1551, { comm: 'tail', nspid: [1551, 7] })], containers: [] } })
    const second = buildSnapshot({ takenAt: new Date(), engine: containers, kernel: report, earlier: first })
    expect(second.containers.find((c) => c.name === 'hog')?.oomKills?.[0]?.pidInside).toBe(7)
  })

  it('an unreadable log: oomKills null everywhere and the reason among the problems', () => {
    const problem = { field: 'oomKills' as const, reason: 'denied' as const, message: '/dev/kmsg … EPERM' }
    const report = kernelReport(running, { kernelLog: { kills: [], problem, overwritten: false } })
    const snapshot = buildSnapshot({ takenAt: new Date(), engine: containers, kernel: report })
    expect(snapshot.containers.map((c) => c.oomKills)).toEqual([null, null])
    expect(snapshot.problems).toContainEqual(problem)
  })

  it('a source that does not read the log leaves the field out', () => {
    const snapshot = buildSnapshot({ takenAt: new Date(), engine: containers, kernel: kernelReport(running) })
    expect(snapshot.containers.every((c) => !('oomKills' in c))).toBe(true)
  })
})
