// The live session survives its helper container being killed: it says so (a warning and a snapshot
// whose kernelReadBy names the loss), starts a new helper, resyncs with a whole snapshot read through
// it, and says it recovered. No helper of this process is left afterwards.
import Docker from 'dockerode'
import { release } from 'node:os'
import { afterAll, describe, expect, it } from 'vitest'
import type { LiveMessage } from '../../shared/live'
import type { HostSnapshot } from '../../shared/model'
import { createDockerClient } from '../../main/engine/docker-client'
import { chooseKernel, type ChosenKernel } from '../../main/kernel/helper-kernel-choice'
import { HelperKernelSource } from '../../main/kernel/helper-source'
import { DEFAULT_ROOTS } from '../../main/probe/probe-host'
import { LiveSession } from '../../main/live/live-session'
import { removeContainers, runContainer } from './support/docker'
import { BUILT_HELPER, assertHelperBuilt, helpersOwnedBy } from './support/helpers-left'
import { waitFor } from './support/wait-for'

const docker = new Docker()
const started: string[] = []
let kernel: ChosenKernel | null = null
let session: LiveSession | null = null

afterAll(async () => {
  await session?.stop()
  await kernel?.source.close()
  removeContainers(started)
  expect(await helpersOwnedBy(process.pid)).toEqual([])
}, 30_000)

describe('a live session whose helper container is killed', () => {
  it('starts a new helper, delivers a fresh snapshot through it, and says so', async () => {
    assertHelperBuilt()
    const id = runContainer(`gh-helper-restart-${process.pid}`, ['--network', 'none'])
    started.push(id)
    const engine = createDockerClient()
    kernel = await chooseKernel({ probe: 'helper', roots: DEFAULT_ROOTS, engine: { docker: engine.docker, host: engine.origin.host }, helperScript: BUILT_HELPER })
    expect(kernel.restart).toBeDefined()
    const messages: LiveMessage[] = []
    const warnings: string[] = []
    session = new LiveSession({
      engine,
      kernel: kernel.source,
      kernelReadBy: kernel.readBy,
      restartKernel: kernel.restart!,
      intervalMs: 250,
      onMessage: (m) => messages.push(m),
      onWarning: (text) => warnings.push(text)
    })
    await session.start()
    const snapshots = (): HostSnapshot[] => messages.flatMap((m) => (m.type === 'snapshot' ? [m.snapshot] : []))
    expect(snapshots()[0]!.kernelReadBy).toEqual({ source: 'helper', reason: '--probe helper', place: `this host, kernel ${release()}` })

    const [first] = await helpersOwnedBy(process.pid)
    expect(first).toBeDefined()
    await docker.getContainer(first!).kill()

    // Said: a snapshot naming the loss, then a whole snapshot read through a new helper.
    const lost = await waitFor(() => snapshots().find((s) => s.kernelReadBy?.lost), 'a snapshot that names the lost helper')
    expect(lost.kernelReadBy!.lost).toMatch(/the helper container [0-9a-f]{12} stopped/)
    const fresh = await waitFor(() => snapshots().slice(2).find((s) => !s.kernelReadBy?.lost), 'a fresh snapshot after the loss')
    expect(fresh.kernelReadBy).toEqual({ source: 'helper', reason: '--probe helper', place: `this host, kernel ${release()}` })
    expect(fresh.containers.find((c) => c.id === id)?.pid).toBeGreaterThan(0)
    expect(Date.parse(fresh.takenAt)).toBeGreaterThan(Date.parse(lost.takenAt))
    const helpers = await helpersOwnedBy(process.pid)
    expect(helpers).toHaveLength(1)
    expect(helpers[0]).not.toBe(first)
    // Samples flow again, from the new helper.
    const after = messages.length
    await waitFor(() => (messages.slice(after).some((m) => m.type === 'sample') ? true : undefined), 'a sample from the new helper')
    expect(warnings.some((w) => /stopped.*starting a new helper container/.test(w))).toBe(true)
    expect(warnings.some((w) => /^recovered/.test(w))).toBe(true)

    await session.stop()
    session = null
    await kernel.source.close()
    kernel = null
    expect(await helpersOwnedBy(process.pid)).toEqual([])
  }, 60_000)

  it('a new helper that fails to start is retried with backoff, said once, until one starts', async () => {
    const engine = createDockerClient()
    const facts = { host: engine.origin.host, info: await docker.info() }
    kernel = await chooseKernel({ probe: 'helper', roots: DEFAULT_ROOTS, engine: { docker: engine.docker, host: engine.origin.host }, helperScript: BUILT_HELPER })
    // The first two restarts run a script that does not exist (a real helper that ends before it is ready).
    let attempts = 0
    const restartKernel = (): Promise<HelperKernelSource> =>
      HelperKernelSource.start(docker, { helperScript: BUILT_HELPER, engine: facts, ...(++attempts <= 2 ? { spec: { script: '/glasshouse/missing.js' } } : {}) })
    const warnings: string[] = []
    const snapshots: HostSnapshot[] = []
    session = new LiveSession({
      engine,
      kernel: kernel.source,
      kernelReadBy: kernel.readBy,
      restartKernel,
      restartBackoff: { initialMs: 50, maxMs: 200 },
      onMessage: (m) => {
        if (m.type === 'snapshot') snapshots.push(m.snapshot)
      },
      onWarning: (text) => warnings.push(text)
    })
    await session.start()
    const [first] = await helpersOwnedBy(process.pid)
    await docker.getContainer(first!).kill()
    await waitFor(() => (warnings.some((w) => w.startsWith('recovered')) ? true : undefined), 'recovery after two failed starts')
    expect(attempts).toBe(3)
    // The same failure twice is said once.
    expect(warnings.filter((w) => /cannot start the helper container.*missing\.js.*; trying again$/s.test(w))).toHaveLength(1)
    expect(snapshots.at(-1)!.kernelReadBy).toEqual({ source: 'helper', reason: '--probe helper', place: `this host, kernel ${release()}` })
    expect(await helpersOwnedBy(process.pid)).toHaveLength(1)

    await session.stop()
    session = null
    await kernel.source.close()
    kernel = null
    expect(await helpersOwnedBy(process.pid)).toEqual([])
  }, 60_000)
})
