// A helper container that dies while the live session starts is replaced like one lost later: start
// does not fail, the first snapshot comes through a new helper, and no helper is left afterwards.
import Docker from 'dockerode'
import { release } from 'node:os'
import { afterAll, describe, expect, it } from 'vitest'
import type { LiveMessage } from '../../shared/live'
import type { HostSnapshot } from '../../shared/model'
import { createDockerClient } from '../../main/engine/docker-client'
import { chooseKernel, type ChosenKernel } from '../../main/kernel/helper-kernel-choice'
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

describe('a helper container that dies before the session has its first snapshot', () => {
  it('is replaced: start resolves and the first snapshot is read through a new helper', async () => {
    assertHelperBuilt()
    const id = runContainer(`gh-helper-start-loss-${process.pid}`, ['--network', 'none'])
    started.push(id)
    const engine = createDockerClient()
    kernel = await chooseKernel({ probe: 'helper', roots: DEFAULT_ROOTS, engine: { docker: engine.docker, host: engine.origin.host }, helperScript: BUILT_HELPER })
    const [first] = await helpersOwnedBy(process.pid)
    let lost: string | null = null
    kernel.source.onLost?.((reason) => (lost = reason))
    await docker.getContainer(first!).kill()
    await waitFor(() => lost ?? undefined, 'the helper to be seen stopped')

    const messages: LiveMessage[] = []
    const warnings: string[] = []
    session = new LiveSession({
      engine,
      kernel: kernel.source,
      kernelReadBy: kernel.readBy,
      restartKernel: kernel.restart!,
      restartBackoff: { initialMs: 50, maxMs: 200 },
      intervalMs: 250,
      onMessage: (m) => messages.push(m),
      onWarning: (text) => warnings.push(text)
    })
    await session.start()

    const snapshots = messages.flatMap((m): HostSnapshot[] => (m.type === 'snapshot' ? [m.snapshot] : []))
    expect(snapshots).toHaveLength(1)
    expect(snapshots[0]!.kernelReadBy).toEqual({ source: 'helper', reason: '--probe helper', place: `this host, kernel ${release()}` })
    expect(snapshots[0]!.containers.find((c) => c.id === id)?.pid).toBeGreaterThan(0)
    expect(session.current()).toBe(snapshots[0])
    const helpers = await helpersOwnedBy(process.pid)
    expect(helpers).toHaveLength(1)
    expect(helpers[0]).not.toBe(first)
    expect(warnings.some((w) => /first report failed.*starting a new helper container/s.test(w))).toBe(true)
    expect(warnings.some((w) => /^recovered/.test(w))).toBe(true)
    await waitFor(() => (messages.some((m) => m.type === 'sample') ? true : undefined), 'a sample from the new helper')

    await session.stop()
    session = null
    await kernel.source.close()
    kernel = null
    expect(await helpersOwnedBy(process.pid)).toEqual([])
  }, 60_000)
})
