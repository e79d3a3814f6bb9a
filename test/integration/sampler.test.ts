// The live sampler against real containers on the real daemon: the rates and limit events it derives
// from cgroupfs must match what the kernel did (checked against the raw cgroup files and exit codes).
import { execFile } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { promisify } from 'node:util'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { Sampler, type SamplerTarget, type TickResult } from '../../main/live/sampler'
import { readCgroupCounters } from '../../main/probe/cgroup-counters'
import { discoverHierarchy } from '../../main/probe/cgroup-hierarchy'
import { parseCgroupFile } from '../../main/probe/proc-cgroup'
import { CLI, assertBuilt } from './support/cli'
import { TEST_IMAGE, TEST_LABEL, docker, inspect, removeContainers, runContainer, testRun } from './support/docker'
import { cgroupFile, cgroupOf } from './support/kernel-oracle'

const exec = promisify(execFile)
const prefix = `gh-sampler-${process.pid}`
const started: string[] = []
const hierarchy = discoverHierarchy('/sys/fs/cgroup')

const samplers: Sampler[] = []

afterAll(() => removeContainers(started))
// A sampler keeps its counter files open until stop(): close them after every test.
afterEach(() => {
  for (const sampler of samplers.splice(0)) sampler.stop()
})

function newSampler(): Sampler {
  const sampler = new Sampler({ hierarchy })
  samplers.push(sampler)
  return sampler
}

const openFds = (): number => readdirSync('/proc/self/fd').length

/** Starts a labelled container without a network (sampling needs none) and remembers it for cleanup. */
function start(scenario: string, args: string[], command?: string[]): { id: string; name: string } {
  const name = `${prefix}-${scenario}`
  const id = runContainer(name, ['--network', 'none', ...args], command)
  started.push(id)
  return { id, name }
}

function targetOf(container: { id: string; name: string }): SamplerTarget {
  const pid = inspect(container.id).State.Pid
  const parsed = parseCgroupFile(readFileSync(`/proc/${pid}/cgroup`, 'utf8'))
  if (!parsed.ok) throw new Error(parsed.detail)
  return { id: container.id, name: container.name, memberships: parsed.value }
}

function cpuacctNs(pid: number): bigint {
  return BigInt(cgroupFile('cpuacct', cgroupOf(pid, 'cpuacct'), 'cpuacct.usage'))
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(50)
  }
}

/** `docker exec` that may fail (that is the point); resolves with the exit code. */
async function execIn(id: string, script: string): Promise<number> {
  try {
    await exec('docker', ['exec', id, 'sh', '-c', script])
    return 0
  } catch (error) {
    return (error as { code?: number }).code ?? -1
  }
}

describe('Sampler on the real host', () => {
  it('samples a --cpus 0.5 busy loop at about half a core, throttled, and says so once', async () => {
    const container = start('cpu', ['--cpus', '0.5'], ['sh', '-c', 'while :; do :; done'])
    const pid = inspect(container.id).State.Pid
    const sampler = newSampler()
    sampler.setTargets([targetOf(container)])

    const oracleBefore = { ns: cpuacctNs(pid), at: performance.now() }
    const first = sampler.tick()
    expect(first.sample.containers[0]?.cpu.cores).toBeNull()
    await sleep(2500)
    const { sample, events } = sampler.tick()
    const oracleCores = Number(cpuacctNs(pid) - oracleBefore.ns) / ((performance.now() - oracleBefore.at) * 1e6)

    const cpu = sample.containers[0]?.cpu
    expect(sample.intervalMs).toBeGreaterThan(2400)
    expect(cpu?.quotaCores).toBe(0.5)
    expect(cpu?.cores).toBeGreaterThan(0.35)
    expect(cpu?.cores).toBeLessThan(0.65)
    // The same cgroup file read independently over (almost) the same window.
    expect(Math.abs((cpu?.cores ?? 0) - oracleCores)).toBeLessThan(0.05)
    // 2.5 s of 100 ms CFS periods, nearly all of them running out of quota.
    expect(cpu?.periods).toBeGreaterThanOrEqual(20)
    expect(cpu?.throttledPeriods).toBeGreaterThan(0)
    expect(cpu?.throttledSeconds).toBeGreaterThan(0)
    expect(events.filter((e) => e.kind === 'cpu-throttled')).toEqual([
      expect.objectContaining({ containerId: container.id, containerName: container.name, message: expect.stringContaining('0.5 cores') })
    ])
    // Still throttled on the next tick: the burst continues, no second event.
    await sleep(600)
    expect(sampler.tick().events.filter((e) => e.kind === 'cpu-throttled')).toEqual([])
  })

  it('reports the OOM kill of a process allocating past --memory 16m within two ticks', async () => {
    const container = start('oom', ['--memory', '16m', '--memory-swap', '16m'])
    const sampler = newSampler()
    sampler.setTargets([targetOf(container)])
    const ticks: TickResult[] = []
    sampler.start(500, (t) => ticks.push(t))
    try {
      const before = ticks.length
      // dd's 64 MiB buffer cannot fit: the memcg OOM killer ends dd (SIGKILL → 137); the container's sleep lives on.
      expect(await execIn(container.id, 'dd if=/dev/zero bs=64M count=1 of=/dev/null')).toBe(137)
      const killedBy = ticks.length
      await waitFor(() => ticks.length >= killedBy + 2, 'two ticks after the kill')
      const firing = ticks.findIndex((t) => t.events.some((e) => e.kind === 'oom-kill'))
      // Not before dd started, and no later than the second tick after the kill was certain.
      expect(firing).toBeGreaterThanOrEqual(before)
      expect(firing).toBeLessThanOrEqual(killedBy + 1)
      const event = ticks[firing]?.events.find((e) => e.kind === 'oom-kill')
      expect(event).toMatchObject({
        containerId: container.id,
        message: 'The kernel OOM-killed 1 process at its 16 MiB memory limit (1 in total).',
        detail: { kills: 1, oomKills: 1, limitBytes: 16 * 1024 * 1024 }
      })
      expect(ticks.flatMap((t) => t.events).filter((e) => e.kind === 'oom-kill')).toHaveLength(1)
      // The kernel's own counter agrees, and failcnt is not what we counted (kernel-facts §5.5.3).
      const path = cgroupOf(inspect(container.id).State.Pid, 'memory')
      expect(cgroupFile('memory', path, 'memory.oom_control')).toMatch(/^oom_kill 1$/m)
      expect(ticks.at(-1)?.sample.containers[0]?.memory).toMatchObject({ oomKills: 1, limitBytes: 16 * 1024 * 1024 })
    } finally {
      sampler.stop()
    }
  })

  it('reports forks refused at --pids-limit 5', async () => {
    const container = start('pids', ['--pids-limit', '5'])
    const sampler = newSampler()
    sampler.setTargets([targetOf(container)])
    expect(sampler.tick().sample.containers[0]?.pids).toMatchObject({ max: 5, limitHits: 0 })
    // sleep + the exec'd sh + 3 background sleeps fill the 5; the next fork fails and ends the shell.
    expect(await execIn(container.id, 'for i in 1 2 3 4 5 6; do sleep 3600 & done; wait')).not.toBe(0)
    const { sample, events } = sampler.tick()
    const hits = Number(cgroupFile('pids', cgroupOf(inspect(container.id).State.Pid, 'pids'), 'pids.events').split(' ')[1])
    expect(hits).toBeGreaterThan(0)
    expect(sample.containers[0]?.pids).toMatchObject({ max: 5, limitHits: hits })
    expect(events.filter((e) => e.kind === 'pids-limit')).toEqual([
      expect.objectContaining({ containerId: container.id, detail: expect.objectContaining({ refused: hits, max: 5 }) })
    ])
  })

  it('yields nulls, not a crash, once a container is gone, and measures its own cost', async () => {
    const container = start('gone', [])
    const sampler = newSampler()
    sampler.setTargets([targetOf(container)])
    const alive = sampler.tick().sample
    expect(alive.containers[0]?.memory.usageBytes).toBeGreaterThan(0)
    expect(alive.containers[0]?.pids.current).toBe(1)
    docker('rm', '-f', container.id)
    started.splice(started.indexOf(container.id), 1)
    await sleep(300)
    const { sample } = sampler.tick()
    expect(sample.containers).toHaveLength(1)
    expect(sample.containers[0]).toMatchObject({
      id: container.id,
      cpu: { cores: null, periods: null },
      memory: { usageBytes: null, oomKills: null },
      pids: { current: null, max: null },
      io: { readBytes: null }
    })
    expect(sample.self.readMs).toBeGreaterThan(0)
    expect(sample.self.readMs).toBeLessThan(100)
    expect(sample.self.rssBytes).toBeGreaterThan(10 * 1024 * 1024)
    expect(sample.self.cpuCores).toBeGreaterThanOrEqual(0)
    expect(sample.self.cpuCores).toBeLessThanOrEqual(cpus().length)
  })

  it('keeps counter files open between ticks and leaks none: stop, a dropped target, a restart, a removal', async () => {
    const a = start('fds-a', ['--pids-limit', '20'])
    const b = start('fds-b', [])
    const sampler = newSampler()
    const before = openFds()
    sampler.setTargets([targetOf(a), targetOf(b)])
    // Limits are read once here, with nothing kept open.
    expect(openFds()).toBe(before)

    for (let cycle = 0; cycle < 3; cycle++) {
      sampler.start(1000, () => undefined)
      // cpuacct, cpu, memory (4-5), pids (2), PSI (3), blkio where a throttle rule makes it count: about a dozen per container.
      expect(openFds() - before).toBeGreaterThanOrEqual(2 * 8)
      expect(openFds() - before).toBeLessThanOrEqual(2 * 14)
      sampler.stop()
      expect(openFds()).toBe(before)
    }

    sampler.tick()
    const both = openFds() - before
    sampler.setTargets([targetOf(a)])
    const perContainer = openFds() - before
    expect(perContainer * 2).toBe(both)

    // A restart removes and recreates the cgroup: the open files answer ENODEV, the tick is blank, all closed.
    docker('restart', '-t', '0', a.id)
    const blank = sampler.tick().sample.containers[0]
    expect(blank).toMatchObject({ memory: { usageBytes: null, limitBytes: null }, pids: { current: null, max: null } })
    expect(openFds()).toBe(before)
    // The next tick finds the directory again and reopens, limits included.
    const back = sampler.tick().sample.containers[0]
    expect(back?.pids).toMatchObject({ current: 1, max: 20 })
    expect(back?.memory.usageBytes).toBeGreaterThan(0)
    expect(openFds() - before).toBe(perContainer)

    docker('rm', '-f', a.id)
    started.splice(started.indexOf(a.id), 1)
    expect(sampler.tick().sample.containers[0]?.memory.usageBytes).toBeNull()
    expect(openFds()).toBe(before)
    // Gone for good: still blank, nothing reopened.
    expect(sampler.tick().sample.containers[0]?.pids.current).toBeNull()
    expect(openFds()).toBe(before)
    sampler.setTargets([])
    expect(openFds()).toBe(before)
  })

  it('reads limits when targets are set, and agrees with a one-shot reading', () => {
    const container = start('limits', ['--cpus', '0.5', '--memory', '64m', '--pids-limit', '50'])
    const target = targetOf(container)
    const sampler = newSampler()
    sampler.setTargets([target])
    const first = sampler.tick().sample.containers[0]
    expect(first?.cpu.quotaCores).toBe(0.5)
    expect(first?.memory.limitBytes).toBe(64 * 1024 * 1024)
    expect(first?.pids.max).toBe(50)
    const once = readCgroupCounters(hierarchy, target.memberships)
    expect(once.cpu.quotaCores).toBe(0.5)
    expect(once.pids).toEqual({ current: first?.pids.current, max: 50, limitHits: first?.pids.limitHits })
    expect(once.io.meaningful).toBe(first?.io.meaningful)

    // `docker update` changes the files; the live session sets the targets again on Docker's update event.
    docker('update', '--cpus', '0.25', '--memory', '32m', '--memory-swap', '64m', '--pids-limit', '7', container.id)
    sampler.setTargets([target])
    const updated = sampler.tick().sample.containers[0]
    expect(updated?.cpu.quotaCores).toBe(0.25)
    expect(updated?.memory.limitBytes).toBe(32 * 1024 * 1024)
    expect(updated?.pids.max).toBe(7)
  })
})

/** `docker run -d` of `count` labelled containers, `parallel` at a time; their ids in order. */
async function startMany(scenario: string, count: number, parallel: number): Promise<string[]> {
  const ids: string[] = []
  for (let first = 0; first < count; first += parallel) {
    const batch = Array.from({ length: Math.min(parallel, count - first) }, async (_, i) => {
      const name = `${prefix}-${scenario}-${first + i}`
      const args = ['run', '-d', '--name', name, '--label', `${TEST_LABEL}=${testRun()}`, '--network', 'none', TEST_IMAGE, 'sleep', '3600']
      const id = (await exec('docker', args)).stdout.trim()
      started.push(id)
      return id
    })
    ids.push(...(await Promise.all(batch)))
  }
  return ids
}

describe('glasshouse watch under a low fd limit', () => {
  it('samples 60 containers under ulimit -n 256: no EMFILE, and every container has samples', async () => {
    assertBuilt()
    const ids = await startMany('fd-budget', 60, 10)
    // Kept open, their ~10 counter files each would need ~600 fds: over the budget, files are read and closed.
    const script = `ulimit -n 256; exec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} watch --json --interval 500ms --count 3`
    const { stdout, stderr } = await exec('bash', ['-c', script], { maxBuffer: 256 * 1024 * 1024 })
    expect(stderr).not.toMatch(/EMFILE|ENFILE|too many open files/i)
    const messages = stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { type: string })
    const samples = messages.filter((m): m is TickResult['sample'] => m.type === 'sample')
    expect(samples).toHaveLength(3)
    for (const sample of samples.slice(1)) {
      const mine = new Map(sample.containers.map((c) => [c.id, c]))
      for (const id of ids) {
        const c = mine.get(id)
        expect(c, id).toBeDefined()
        expect(c?.cpu.cores, id).not.toBeNull()
        expect(c?.memory.usageBytes, id).toBeGreaterThan(0)
        expect(c?.memory.workingSetBytes, id).toBeGreaterThan(0)
        expect(c?.memory.oomKills, id).toBe(0)
        expect(c?.pids.current, id).toBe(1)
        expect(c?.pids.limitHits, id).toBe(0)
      }
    }
  }, 240_000)
})
