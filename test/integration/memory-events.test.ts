// Memory limit hits on the real cgroup v1 kernel: a -m 32m container writes 64 MiB through the page
// cache, so its charges hit the limit and the kernel reclaims; memory.failcnt counts those hits. The
// live sampler must carry that count as memory.maxEvents (v1 has no memory.high: highEvents null).
import { readFileSync } from 'node:fs'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { Sampler } from '../../main/live/sampler'
import { discoverHierarchy } from '../../main/probe/cgroup-hierarchy'
import { parseCgroupFile } from '../../main/probe/proc-cgroup'
import { docker, inspect, removeContainers, runContainer } from './support/docker'
import { cgroupFile, cgroupOf } from './support/kernel-oracle'

const name = `gh-memevents-${process.pid}`
const started: string[] = []
const samplers: Sampler[] = []
const hierarchy = discoverHierarchy('/sys/fs/cgroup')

afterAll(() => removeContainers(started))
afterEach(() => {
  for (const sampler of samplers.splice(0)) sampler.stop()
})

describe('memory limit hits (v1 memory.failcnt)', () => {
  it.runIf(hierarchy.layout !== 'v2')('counts the hits of a 32 MiB limit as the kernel does, and no memory.high events', () => {
    const id = runContainer(name, ['--network', 'none', '-m', '32m'])
    started.push(id)
    const pid = inspect(id).State.Pid
    const parsed = parseCgroupFile(readFileSync(`/proc/${pid}/cgroup`, 'utf8'))
    if (!parsed.ok) throw new Error(parsed.detail)
    const failcnt = (): number => Number(cgroupFile('memory', cgroupOf(pid, 'memory'), 'memory.failcnt'))

    const sampler = new Sampler({ hierarchy })
    samplers.push(sampler)
    sampler.setTargets([{ id, name, memberships: parsed.value }])
    const before = sampler.tick().sample.containers[0]!.memory
    expect(before.maxEvents).toBe(failcnt())
    expect(before.highEvents).toBeNull()

    // Twice the limit through the page cache: reclaim, not an OOM kill (clean cache can be dropped).
    docker('exec', id, 'dd', 'if=/dev/zero', 'of=/tmp/fill', 'bs=1M', 'count=64')
    const after = sampler.tick().sample.containers[0]!.memory
    // The container now sleeps: nothing charges, the count stands still between the two reads.
    expect(after.maxEvents).toBe(failcnt())
    expect(after.maxEvents!).toBeGreaterThan(before.maxEvents!)
    expect(after.oomKills).toBe(0)
    expect(after.highEvents).toBeNull()
  })
})
