// The helper container on the real daemon: its kernel report, joined with the engine's, gives the
// same snapshot as the in-process root probe for this test's containers, field for field, apart from
// usage counters read at a different moment (memory, working set, CPU seconds: they move between
// two reads; everything else of these idle containers does not). No helper is left behind.
import Docker from 'dockerode'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HostSnapshot } from '../../shared/model'
import { createDockerClient } from '../../main/engine/docker-client'
import { readEngine } from '../../main/engine/read-engine'
import type { EngineReport } from '../../main/engine/types'
import { HelperKernelSource } from '../../main/kernel/helper-source'
import { InProcessKernelSource } from '../../main/kernel/in-process-source'
import { requestFor } from '../../main/kernel/kernel-source'
import { History } from '../../main/live/history'
import type { TickResult } from '../../main/live/sampler'
import { buildSnapshot } from '../../main/model/build-snapshot'
import { jsonDiff } from '../kernel/support/report-diff'
import { inspect, removeContainers, runContainer } from './support/docker'
import { partOf, unexplained } from './support/helper-compare'
import { BUILT_HELPER, assertHelperBuilt, helpersOwnedBy } from './support/helpers-left'

const prefix = `gh-helper-${process.pid}`
const started: string[] = []
const docker = new Docker()
let engine: EngineReport
let helper: HelperKernelSource | null = null
let viaHelper: HostSnapshot
let inProcess: HostSnapshot

beforeAll(async () => {
  assertHelperBuilt()
  started.push(runContainer(`${prefix}-plain`, []))
  started.push(runContainer(`${prefix}-user`, ['--user', '1000:1000']))
  started.push(runContainer(`${prefix}-limits`, ['--memory', '64m', '--pids-limit', '50', '--cpus', '0.5', '--cpu-shares', '512']))
  started.push(runContainer(`${prefix}-locked`, ['--read-only', '--cap-drop', 'ALL', '--network', 'none', '--cgroupns', 'private']))
  started.push(runContainer(`${prefix}-tree`, ['--ipc', 'shareable'], ['sh', '-c', 'sleep 3600 & sleep 3600']))
  // Both reads must see the tree whole: wait until its init has forked.
  const treeInit = inspect(started.at(-1)!).State.Pid
  while (readFileSync(`/proc/${treeInit}/task/${treeInit}/children`, 'utf8').trim() === '') await new Promise((r) => setTimeout(r, 20))
  const { docker: client, endpoint, origin } = createDockerClient()
  engine = await readEngine(client, endpoint)
  helper = await HelperKernelSource.start(docker, { helperScript: BUILT_HELPER, engine: { host: origin.host, info: await docker.info() } })
  // Both read the kernel log, whether or not some cgroup on the host counted a kill (kmsg-needed.ts): the
  // containers' oomKills are compared read, not merely left unread on both sides.
  const request = { ...requestFor(engine), engineSawKill: true }
  const takenAt = new Date()
  viaHelper = buildSnapshot({ takenAt, engine, kernel: await helper.report(request) })
  inProcess = buildSnapshot({ takenAt, engine, kernel: await new InProcessKernelSource().report(request) })
}, 120_000)

afterAll(async () => {
  await helper?.close()
  removeContainers(started)
})

/** What of a snapshot concerns this test's containers. */
const ours = (snapshot: HostSnapshot): ReturnType<typeof partOf> => partOf(snapshot, started)

describe('the helper container', () => {
  it('runs as root in the host PID namespace, on this kernel, with SYS_PTRACE and SYSLOG, the kernel log read-only', async () => {
    expect(helper?.helper.ready.uid).toBe(0)
    const inspected = await docker.getContainer(helper!.helper.id).inspect()
    expect(inspected.HostConfig).toMatchObject({ PidMode: 'host', NetworkMode: 'none', ReadonlyRootfs: true, CapDrop: ['ALL'], CapAdd: ['SYS_PTRACE', 'SYSLOG'] })
    expect(inspected.HostConfig.Devices).toEqual([{ PathOnHost: '/dev/kmsg', PathInContainer: '/dev/kmsg', CgroupPermissions: 'r' }])
    expect(inspected.Config.Labels['glasshouse.helper']).toBe('1')
  })

  it('gives the same snapshot of these containers as the in-process probe, but for usage counters', () => {
    const mine = ours(inProcess)
    expect(mine.containers).toHaveLength(started.length)
    // The tree container has two processes: six containers' worth.
    expect(mine.processes.length).toBe(started.length + 1)
    // The kernel log was read on both sides: these never-killed containers have no kill, not an unknown one.
    expect(viaHelper.problems.filter((p) => p.field === 'oomKills')).toEqual([])
    expect(mine.containers.map((c) => (c as { oomKills: unknown }).oomKills)).toEqual(started.map(() => []))
    const differences = unexplained(jsonDiff(mine, ours(viaHelper)))
    expect(differences).toEqual([])
  })

  it('reads every namespace of these containers, the one running as uid 1000 too', () => {
    const user = viaHelper.containers.find((c) => c.id === started[1])
    const init = viaHelper.processes.find((p) => p.pid === user?.processes[0])
    expect(init?.uid).toBe(1000)
    expect(Object.values(init?.namespaces ?? {}).every((inode) => typeof inode === 'number')).toBe(true)
  })

  it('streams sampler ticks for the targets sent, recorded on this side', async () => {
    const history = new History()
    const sampler = helper!.sampler({ history })
    const limits = viaHelper.containers.find((c) => c.id === started[2])!
    const init = viaHelper.processes.find((p) => p.pid === limits.processes[0])!
    sampler.setTargets([{ id: limits.id, name: limits.name, memberships: init.cgroups }])
    const ticks: TickResult[] = []
    await new Promise<void>((resolve) => {
      sampler.start(250, (tick) => {
        ticks.push(tick)
        if (ticks.length === 2) resolve()
      })
    })
    sampler.stop()
    expect(ticks[1]?.sample.containers.map((c) => c.id)).toEqual([limits.id])
    expect(ticks[1]?.sample.containers[0]?.pids).toEqual(expect.objectContaining({ current: 1, max: 50 }))
    expect(history.dump().containers[limits.id]?.length).toBeGreaterThanOrEqual(2)
  })

  it('is removed on close, and a report after close is refused', async () => {
    const id = helper!.helper.id
    await helper!.close()
    await expect(docker.getContainer(id).inspect()).rejects.toMatchObject({ statusCode: 404 })
    expect(await helpersOwnedBy(process.pid)).toEqual([])
    await expect(helper!.report(requestFor(engine))).rejects.toThrow(/closed/)
    helper = null
  })
})
