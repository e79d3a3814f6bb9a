// The live session on the real daemon and /sys/fs/cgroup: its slow, kernel-only refresh reads
// every container's limits into the snapshot, and the sampler reads again the limits of those
// whose limits changed there, so a limit written straight into the cgroup (as in a classroom
// demo, bypassing Docker, which then sends no event) reaches the samples.
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { LiveEvent, LiveMessage, SampleMessage } from '../../shared/live'
import { InProcessKernelSource } from '../../main/kernel/in-process-source'
import type { KernelSource } from '../../main/kernel/kernel-source'
import { LiveSession } from '../../main/live/live-session'
import { createDockerClient } from '../../main/engine/docker-client'
import { inspect, removeContainers, runContainer } from './support/docker'
import { jsonWire } from './support/json-wire-source'
import { cgroupOf } from './support/kernel-oracle'
import { waitFor } from './support/wait-for'

const started: string[] = []
const sessions: LiveSession[] = []
afterEach(async () => {
  for (const session of sessions.splice(0)) await session.stop()
})
afterAll(() => removeContainers(started))

const MiB = 2 ** 20

/** Every wire made, to check each carried the session's kernel reads (the session did not read around it). */
const wires: Array<{ messages: number }> = []
function wired<T extends { messages: number }>(wire: T): T {
  wires.push(wire)
  return wire
}

// The same session over the in-process source and over that source behind a JSON wire (as a helper
// container will be): what crosses the kernel seam is enough for every behaviour below.
describe.each([
  ['in this process', 'local', (): KernelSource | undefined => undefined],
  ['through a JSON wire', 'wire', (): KernelSource => wired(jsonWire(new InProcessKernelSource()))]
])('the live session, kernel read %s', (_, variant, kernelSource) => {
  it('carries a memory limit written straight into the cgroup into the samples after a slow refresh', async () => {
    const id = runContainer(`gh-live-limit-${variant}-${process.pid}`, ['--network', 'none', '--memory', '48m'])
    started.push(id)
    const messages: LiveMessage[] = []
    const session = new LiveSession({ kernel: kernelSource(), engine: createDockerClient(), intervalMs: 250, structureEveryMs: 500, onMessage: (m) => messages.push(m) })
    sessions.push(session)
    await session.start()
    expect(wires.every((wire) => wire.messages > 0)).toBe(true)
    const limitInSamples = (): number | null | undefined =>
      messages.filter((m): m is SampleMessage => m.type === 'sample').at(-1)?.containers.find((c) => c.id === id)?.memory.limitBytes
    await waitFor(() => (limitInSamples() === 48 * MiB ? true : undefined), 'the 48 MiB limit in a sample')

    // Past the refresh that follows the event stream's connection (it asks the daemon and reads
    // every limit): from here, refreshes are light until the tenth, a full one, about 5 s away.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    const memoryCgroup = cgroupOf(inspect(id).State.Pid, 'memory')
    writeFileSync(`/sys/fs/cgroup/memory${memoryCgroup}/memory.limit_in_bytes`, String(64 * MiB))
    // Within two light refreshes, well before the full one.
    await waitFor(() => (limitInSamples() === 64 * MiB ? true : undefined), 'the 64 MiB limit in a sample', 2500)
    const patch = messages.find((m) => m.type === 'patch' && m.patch.upsert.cgroups.some((g) => g.limits.memoryBytes === 64 * MiB))
    expect(patch).toBeDefined()
  })

  it('keeps in its history the one merged OOM event it sent, not the kernel half of it', async () => {
    const id = runContainer(`gh-live-oom-${variant}-${process.pid}`, ['--network', 'none', '-m', '16m', '--memory-swap', '16m'])
    started.push(id)
    const messages: LiveMessage[] = []
    const session = new LiveSession({ kernel: kernelSource(), engine: createDockerClient(), intervalMs: 500, onMessage: (m) => messages.push(m) })
    sessions.push(session)
    await session.start()
    await waitFor(() => messages.find((m) => m.type === 'sample' && m.containers.some((c) => c.id === id)), 'a sample of the container')
    // Docker's half of the report needs the event stream: an exec heard back as an event proves it is listening.
    await waitFor(() => {
      execFileSync('docker', ['exec', id, 'true'], { stdio: 'ignore' })
      return messages.find((m) => m.type === 'event' && m.containerId === id && m.kind === 'container-exec')
    }, 'the event stream')
    // dd fills a 64 MiB buffer in a 16 MiB cgroup without swap: the kernel kills it (kernel-facts §5.5).
    expect(() => execFileSync('docker', ['exec', id, 'dd', 'if=/dev/zero', 'of=/dev/null', 'bs=64M', 'count=1'], { stdio: 'ignore' })).toThrow()
    const isOom = (m: LiveMessage): m is LiveEvent => m.type === 'event' && m.containerId === id && (m.kind === 'oom-kill' || m.kind === 'container-oom')
    const sent = await waitFor(() => messages.find(isOom), 'the OOM event', 15_000)
    // The kernel log names the process the OOM killer chose (issue 11 item 2).
    expect(sent).toMatchObject({ kind: 'oom-kill', sources: ['kernel', 'docker', 'kernel-log'], detail: { killedComm: 'dd' } })
    expect(sent.detail.killedHostPid).toEqual(expect.any(Number))
    expect(sent.detail.killedAnonRssBytes).toBeGreaterThan(0)
    // Past the matching window: the history holds exactly what the stream sent.
    await new Promise((resolve) => setTimeout(resolve, 3_000))
    expect(session.history().events.filter(isOom)).toEqual(messages.filter(isOom))
    expect(messages.filter(isOom)).toHaveLength(1)
    expect(session.history().containers[id]?.length).toBeGreaterThan(0)
  })
})
