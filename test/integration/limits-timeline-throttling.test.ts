// Issue 11's check for the limits timeline: a busy loop under `--cpus 0.2`, sampled by the real sampler
// for 10 s and passed through the renderer's store, gives the timeline a throttled share within 10 % of
// what the kernel's cpu.stat says over the same ticks (delta nr_throttled / delta nr_periods).
import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { Sampler, type TickResult } from '../../main/live/sampler'
import { discoverHierarchy } from '../../main/probe/cgroup-hierarchy'
import { parseCgroupFile } from '../../main/probe/proc-cgroup'
import { throttlingOver } from '../../renderer/selectors/limits-timeline'
import { applyLiveMessage, emptyLiveData } from '../../renderer/store/live-data'
import { inspect, removeContainers, runContainer } from './support/docker'
import { cgroupFile, cgroupOf } from './support/kernel-oracle'

const started: string[] = []
afterAll(() => removeContainers(started))

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

function cpuStat(pid: number): { periods: number; throttled: number } {
  const text = cgroupFile('cpu', cgroupOf(pid, 'cpu'), 'cpu.stat')
  const field = (key: string): number => Number(/^(\S+) (\d+)$/m.exec(text.split('\n').find((l) => l.startsWith(`${key} `)) ?? '')?.[2] ?? NaN)
  return { periods: field('nr_periods'), throttled: field('nr_throttled') }
}

describe('limits timeline on the real host', () => {
  it('gives the throttled share of a --cpus 0.2 busy loop over 10 s within 10 % of cpu.stat', async () => {
    const name = `gh-timeline-throttle-${process.pid}`
    const id = runContainer(name, ['--network', 'none', '--cpus', '0.2'], ['sh', '-c', 'while :; do :; done'])
    started.push(id)
    const pid = inspect(id).State.Pid
    const memberships = parseCgroupFile(readFileSync(`/proc/${pid}/cgroup`, 'utf8'))
    if (!memberships.ok) throw new Error(memberships.detail)
    const sampler = new Sampler({ hierarchy: discoverHierarchy('/sys/fs/cgroup') })
    try {
      sampler.setTargets([{ id, name, memberships: memberships.value }])
      const ticks: TickResult[] = [sampler.tick()]
      const before = cpuStat(pid)
      for (let i = 0; i < 10; i++) {
        await sleep(1000)
        ticks.push(sampler.tick())
      }
      const after = cpuStat(pid)
      const data = ticks.reduce((d, t) => applyLiveMessage(d, t.sample), emptyLiveData())
      const series = data.series[id]!
      // (t0, t1]: the ten intervals after the first tick, the same stretch cpu.stat was read over.
      const window = throttlingOver(series, { t0: series[0]!.t, t1: series.at(-1)!.t })
      const kernel = (after.throttled - before.throttled) / (after.periods - before.periods)
      expect(kernel).toBeGreaterThan(0.5)
      expect(window.periods).toBeGreaterThan(50)
      expect(Math.abs(window.fraction! - kernel)).toBeLessThanOrEqual(0.1 * kernel)
    } finally {
      sampler.stop()
    }
  })
})
