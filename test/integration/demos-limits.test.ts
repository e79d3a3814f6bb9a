// The cgroup demos on the real daemon, watched by a live session as the app watches them: the OOM
// event, the pids limit hit, the throttled share, CPU held to the cpuset, and what nproc and
// /proc/meminfo say inside against the limits. Nothing is left afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StepResult } from '../../shared/demos/types'
import type { ContainerSample, LiveEvent, LiveMessage, SampleMessage } from '../../shared/live'
import { createDockerClient } from '../../main/engine/docker-client'
import { LiveSession } from '../../main/live/live-session'
import { leftovers, testDemoRunner } from './support/demo-runs'
import { waitFor } from './support/wait-for'

const MiB = 2 ** 20
const runner = testDemoRunner()
const messages: LiveMessage[] = []
const session = new LiveSession({ engine: createDockerClient(), intervalMs: 500, onMessage: (m) => messages.push(m) })
const ran = new Set<string>()

beforeAll(async () => {
  await session.start()
})
afterAll(async () => {
  await session.stop()
  for (const id of ran) await runner.clean(id)
})

async function step(demoId: string, index: number): Promise<StepResult> {
  ran.add(demoId)
  const result = await runner.runStep(demoId, index)
  expect(result.asExpected, JSON.stringify(result.actions)).toBe(true)
  return result
}

async function cleanedUp(demoId: string): Promise<void> {
  await runner.clean(demoId)
  expect(await leftovers(demoId)).toEqual([])
}

const samplesOf = (id: string | undefined): ContainerSample[] =>
  messages.filter((m): m is SampleMessage => m.type === 'sample').flatMap((m) => m.containers.filter((c) => c.id === id))
const eventsOf = (id: string | undefined, kind: LiveEvent['kind']): LiveEvent[] =>
  messages.filter((m): m is LiveEvent => m.type === 'event' && m.kind === kind && m.containerId === id)

describe('cgroup demos', () => {
  it('cpuset-memory: two burners pinned to CPU 0 use one core at most; nproc says 1; the limits are read', async () => {
    const { containers } = await step('cpuset-memory', 0)
    const measured = await waitFor(() => {
      const cores = samplesOf(containers.burner).flatMap((s) => (s.cpu.cores === null ? [] : [s.cpu.cores]))
      return cores.length >= 4 ? cores.slice(1) : undefined
    }, 'four CPU samples of the burner')
    expect(Math.max(...measured)).toBeLessThan(1.15)
    expect(Math.max(...measured)).toBeGreaterThan(0.05)
    expect(samplesOf(containers.burner).at(-1)?.memory.limitBytes).toBe(512 * MiB)
    expect(session.current()?.containers.find((c) => c.id === containers.burner)?.limits?.cpusetCpus).toBe('0')
    const nproc = await step('cpuset-memory', 1)
    expect(nproc.actions[0]?.output).toBe('1\n')
    await cleanedUp('cpuset-memory')
  })

  it('oom-kill: the hog is OOM-killed at 32 MiB; the live stream carries the OOM event, the snapshot the kill', async () => {
    const { containers, actions } = await step('oom-kill', 0)
    expect(actions[1]?.output).toBe('137\n')
    const oom = await waitFor(() => eventsOf(containers.hog, 'container-oom')[0], 'the OOM event of the hog')
    expect(oom.sources).toContain('docker')
    const hog = await waitFor(() => session.current()?.containers.find((c) => c.id === containers.hog && c.exit), 'the hog\'s exit in the snapshot')
    expect(hog.exit).toMatchObject({ exitCode: 137, oomKilled: true })
    expect(hog.oomKills?.[0]).toMatchObject({ comm: 'tail', constraint: 'CONSTRAINT_MEMCG' })
    await cleanedUp('oom-kill')
  })

  it('pids-limit: the fork loop is refused at 20 processes; the refusal is counted and announced', async () => {
    const { containers, actions } = await step('pids-limit', 0)
    expect(actions[1]?.output).toContain("can't fork")
    const full = await waitFor(() => samplesOf(containers.forks).find((s) => (s.pids.limitHits ?? 0) > 0), 'a sample with refused forks')
    expect(full.pids.max).toBe(20)
    expect(full.pids.current).toBeGreaterThanOrEqual(18)
    // "Reached the pids limit" may come first (the count got there before a refusal was sampled): wait for the refusal.
    const event = await waitFor(() => eventsOf(containers.forks, 'pids-limit').find((e) => /refused/.test(e.message)), 'the pids-limit refusal event')
    expect(event.message).toMatch(/refused at the pids limit of 20/)
    await cleanedUp('pids-limit')
  })

  it('cpu-throttle: a busy loop under --cpus 0.5 is held to half a core and throttled', async () => {
    const { containers } = await step('cpu-throttle', 0)
    const event = await waitFor(() => eventsOf(containers.busy, 'cpu-throttled')[0], 'the cpu-throttled event')
    expect(event.message).toMatch(/throttled/)
    const samples = samplesOf(containers.busy).filter((s) => s.cpu.cores !== null)
    expect(samples.at(-1)?.cpu.quotaCores).toBe(0.5)
    expect(Math.max(...samples.map((s) => s.cpu.cores ?? 0))).toBeLessThan(0.65)
    await cleanedUp('cpu-throttle')
  })

  it('program-sees: nproc and /proc/meminfo inside describe the host, the cgroup file the limit', async () => {
    const host = session.current()!.host
    const pinned = await step('program-sees', 0)
    expect(pinned.actions[1]?.output).toBe('1\n')
    expect(pinned.actions[2]?.output).toMatch(new RegExp(`^MemTotal: +${host.memoryBytes / 1024} kB\n$`))
    expect(pinned.actions[3]?.output).toBe(`${512 * MiB}\n`)
    const quota = await step('program-sees', 1)
    expect(quota.actions[1]?.output).toBe(`${host.cpus}\n`)
    await cleanedUp('program-sees')
  })
})
