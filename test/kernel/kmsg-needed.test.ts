// The kernel log is read in full only when it can name a kill of the containers asked about: a cgroup
// that counts an OOM kill, or the engine telling of a SIGKILL/OOMKilled exit or a restart. Over fixture
// kernels and a stand-in /dev/kmsg holding one recorded OOM kill (the real device cannot be emptied).
import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import type { EngineContainer, EngineReport } from '../../main/engine/types'
import { InProcessKernelSource } from '../../main/kernel/in-process-source'
import { requestFor } from '../../main/kernel/kernel-source'
import { kernelLogCanNameAKill } from '../../main/kernel/kmsg-needed'
import { KmsgReader, type KmsgFs } from '../../main/kernel/kmsg-reader'
import { buildSnapshot } from '../../main/model/build-snapshot'
import { containerIdFromCgroupPath } from '../../main/model/container-cgroups'
import { cgroupRootOf, membershipsOf } from '../probe/cgroup-fixture'
import { engineContainer } from '../model/process-builder'
import { CONTAINER_INIT, procTreeFor } from '../model/proc-tree'

const RECORDED = readFileSync(new URL('../fixtures/kmsg/oom-memcg-v1-6.18.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as string)
/** The container the recorded kill names (its memcg). */
const KILLED = 'd413958a1092b743b51fb9c630fc9951bc6504c86406e71798dc6ff7c09011b7'

const trees: Array<() => void> = []
afterAll(() => {
  for (const remove of trees) remove()
})

/** A stand-in log holding the recording; counts the records read and the opens. */
function recordedLog(openError?: string): KmsgFs & { reads: number; opens: number; queue: string[] } {
  return {
    reads: 0,
    opens: 0,
    queue: [...RECORDED],
    openSync() {
      this.opens++
      if (openError) throw Object.assign(new Error(`${openError}: fake`), { code: openError })
      return 99
    },
    readSync(_fd, buffer) {
      const next = this.queue.shift()
      if (next === undefined) throw Object.assign(new Error('EAGAIN: fake'), { code: 'EAGAIN' })
      this.reads++
      return buffer.write(next)
    },
    closeSync() {}
  }
}

function sourceOn(fixture: string, fs: KmsgFs): InProcessKernelSource {
  const tree = procTreeFor(fixture)
  trees.push(tree.remove)
  return new InProcessKernelSource({ procRoot: tree.root, cgroupRoot: cgroupRootOf(fixture) }, new KmsgReader({ fs, bootMs: 0 }))
}

/** The engine listing the fixture's running container, and the container the recorded kill names, exited. */
function engineWith(fixture: string, killed: Partial<EngineContainer>): EngineReport {
  const path = membershipsOf(fixture).find((m) => m.hierarchyId === 0 || m.controllers.includes('memory'))?.path ?? ''
  const running = engineContainer(containerIdFromCgroupPath(path) ?? 'e'.repeat(64), 'running', CONTAINER_INIT)
  return {
    state: { reachable: true, version: '20.10', apiVersion: '1.41', cgroupDriver: 'cgroupfs', cgroupVersion: '1', securityOptions: [], endpoint: 'x' },
    containers: [running, { ...engineContainer(KILLED, 'killed', null), ...killed }],
    problems: []
  }
}

const exited = (exitCode: number, oomKilled = false): Partial<EngineContainer> => ({
  exit: { exitCode, oomKilled, finishedAt: '2026-12-07T05:00:00Z', error: null }
})

describe('reading the kernel log only when it can name a kill', () => {
  // v1-systemd's container cgroup counts oom_kill 0.
  it('skips the log when no cgroup counts a kill and the engine tells of none, and says no kills', async () => {
    const log = recordedLog()
    const source = sourceOn('v1-systemd', log)
    const engine = engineWith('v1-systemd', exited(0))
    const report = await source.report(requestFor(engine))
    expect(report.cgroups.map((g) => g.usage.oomKills)).toEqual([0])
    expect(log.reads).toBe(0)
    expect(report.kernelLog).toEqual({ kills: [], problem: null, overwritten: false })
    const snapshot = buildSnapshot({ takenAt: new Date(), engine, kernel: report })
    expect(snapshot.containers.map((c) => c.oomKills)).toEqual([[], []])
  })

  it.each([
    ['exited 137', exited(137)],
    ['exited with OOMKilled', exited(1, true)],
    ['restarted by its policy', { restartCount: 2 }]
  ])('reads it when the engine tells of a container that %s', async (_, killed) => {
    const log = recordedLog()
    const source = sourceOn('v1-systemd', log)
    const engine = engineWith('v1-systemd', killed)
    const report = await source.report(requestFor(engine))
    expect(log.reads).toBe(RECORDED.length)
    const snapshot = buildSnapshot({ takenAt: new Date(), engine, kernel: report })
    expect(snapshot.containers.find((c) => c.id === KILLED)?.oomKills?.map((k) => k.comm)).toEqual(['tail'])
  })

  // v2-cgroupfs's container cgroup counts oom_kill 2.
  it('reads it when a cgroup counts a kill, and keeps reading what is new in later reports', async () => {
    const log = recordedLog()
    const source = sourceOn('v2-cgroupfs', log)
    const request = requestFor(engineWith('v2-cgroupfs', exited(0)))
    expect(request.engineSawKill).toBe(false)
    const first = await source.report(request)
    expect(first.cgroups.map((g) => g.usage.oomKills)).toEqual([2])
    expect(log.reads).toBe(RECORDED.length)
    expect(first.kernelLog?.kills.map((k) => k.containerId)).toEqual([KILLED])
    // Once read, a later report costs only the records that are new: it continues, whatever the counters.
    log.queue.push(...RECORDED.slice(-3))
    await source.report(request)
    expect(log.reads).toBe(RECORDED.length + 3)
  })

  it('does not even open the log when it can name no kill, so a closed log is no problem then', async () => {
    const log = recordedLog('EPERM')
    const source = sourceOn('v1-systemd', log)
    const report = await source.report(requestFor(engineWith('v1-systemd', exited(0))))
    expect(log.opens).toBe(0)
    expect(report.kernelLog).toEqual({ kills: [], problem: null, overwritten: false })
  })

  it('says the log is closed when a kill makes it worth reading', async () => {
    const log = recordedLog('EPERM')
    const source = sourceOn('v1-systemd', log)
    const engine = engineWith('v1-systemd', exited(137))
    const report = await source.report(requestFor(engine))
    expect(report.kernelLog?.problem).toMatchObject({ field: 'oomKills', reason: 'denied' })
    const snapshot = buildSnapshot({ takenAt: new Date(), engine, kernel: report })
    expect(snapshot.containers.map((c) => c.oomKills)).toEqual([null, null])
  })

  it('reads it when a counter is unknown (a kernel before 4.13, an unreadable file)', () => {
    const cgroup = { usage: { oomKills: null } } as Parameters<typeof kernelLogCanNameAKill>[1][number]
    expect(kernelLogCanNameAKill({ containers: [] }, [cgroup])).toBe(true)
    expect(kernelLogCanNameAKill({ containers: [] }, [])).toBe(false)
  })
})
