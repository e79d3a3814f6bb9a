// The live session with its kernel read by a helper container: structure, patches and samples all
// come over the helper's NDJSON stream. A memory limit written straight into the cgroup (no Docker
// event) reaches the samples and a patch, as with the in-process source (live-session.test.ts).
import Docker from 'dockerode'
import { writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LiveEvent, LiveMessage, SampleMessage } from '../../shared/live'
import type { OomKillRecord } from '../../shared/model'
import { createDockerClient } from '../../main/engine/docker-client'
import { HelperKernelSource } from '../../main/kernel/helper-source'
import { LiveSession } from '../../main/live/live-session'
import { docker as dockerCli, inspect, removeContainers, runContainer } from './support/docker'
import { BUILT_HELPER, assertHelperBuilt, helpersOwnedBy } from './support/helpers-left'
import { cgroupOf } from './support/kernel-oracle'
import { waitFor } from './support/wait-for'

const MiB = 2 ** 20
const started: string[] = []
const docker = new Docker()
let helper: HelperKernelSource
let session: LiveSession | null = null

beforeAll(async () => {
  assertHelperBuilt()
  helper = await HelperKernelSource.start(docker, { helperScript: BUILT_HELPER, engine: { host: 'unix:///var/run/docker.sock', info: await docker.info() } })
}, 60_000)

afterAll(async () => {
  await session?.stop()
  await helper.close()
  removeContainers(started)
  expect(await helpersOwnedBy(process.pid)).toEqual([])
})

describe('the live session, kernel read by a helper container', () => {
  it('samples a container and carries a limit written straight into its cgroup into samples and a patch', async () => {
    const id = runContainer(`gh-helper-live-${process.pid}`, ['--network', 'none', '--memory', '48m'])
    started.push(id)
    const messages: LiveMessage[] = []
    // What arrived over the helper's stream: the session read nothing around it.
    const streamed = { report: 0, tick: 0 }
    helper.helper.onMessage((m) => {
      if (m.type === 'report' || m.type === 'tick') streamed[m.type]++
    })
    session = new LiveSession({ kernel: helper, engine: createDockerClient(), intervalMs: 250, structureEveryMs: 500, onMessage: (m) => messages.push(m) })
    await session.start()
    const limitInSamples = (): number | null | undefined =>
      messages.filter((m): m is SampleMessage => m.type === 'sample').at(-1)?.containers.find((c) => c.id === id)?.memory.limitBytes
    await waitFor(() => (limitInSamples() === 48 * MiB ? true : undefined), 'the 48 MiB limit in a sample')
    const samples = messages.filter((m) => m.type === 'sample').length
    expect(streamed.tick).toBeGreaterThanOrEqual(samples)
    expect(streamed.report).toBeGreaterThan(0)

    const memoryCgroup = cgroupOf(inspect(id).State.Pid, 'memory')
    writeFileSync(`/sys/fs/cgroup/memory${memoryCgroup}/memory.limit_in_bytes`, String(64 * MiB))
    await waitFor(() => (limitInSamples() === 64 * MiB ? true : undefined), 'the 64 MiB limit in a sample')
    await waitFor(() => messages.find((m) => m.type === 'patch' && m.patch.upsert.cgroups.some((g) => g.limits.memoryBytes === 64 * MiB)), 'a patch with 64 MiB')
  })

  it('names the process an OOM kill chose in the snapshot and in the OOM event, read from the kernel log by the helper', async () => {
    await session?.stop()
    session = null
    const id = runContainer(`gh-helper-live-oom-${process.pid}`, ['--network', 'none', '-m', '16m', '--memory-swap', '16m'])
    started.push(id)
    const messages: LiveMessage[] = []
    const live = new LiveSession({ kernel: helper, engine: createDockerClient(), intervalMs: 250, structureEveryMs: 300, onMessage: (m) => messages.push(m) })
    try {
      await live.start()
      // A shell whose string doubles every 0.3 s: scanned by several refreshes before it reaches 16 MiB.
      dockerCli('exec', '-d', id, 'sh', '-c', 'a=aaaaaaaaaaaaaaaa; while :; do a="$a$a"; sleep 0.3; done')
      const kill = await waitFor((): OomKillRecord | undefined => live.current()?.containers.find((c) => c.id === id)?.oomKills?.[0], 'an OOM kill in the live snapshot', 30_000)
      expect(kill).toMatchObject({ comm: 'sh', constraint: 'CONSTRAINT_MEMCG' })
      expect(kill.pidInside).toBeGreaterThan(1)
      const isOom = (m: LiveMessage): m is LiveEvent => m.type === 'event' && m.containerId === id && m.kind === 'oom-kill'
      const event = await waitFor(() => messages.find(isOom), 'the OOM event', 30_000)
      // Named from the kernel log the helper reads, as the in-process source does (oom-attribution.test.ts).
      expect(event.detail.killedHostPid).toBe(kill.hostPid)
    } finally {
      await live.stop()
    }
  }, 60_000)
})
