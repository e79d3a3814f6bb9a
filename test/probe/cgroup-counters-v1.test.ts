import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readCgroupCounters } from '../../main/probe/cgroup-counters'
import { discoverHierarchy } from '../../main/probe/cgroup-hierarchy'
import { COUNTER_FIXTURES, counterMembershipsOf, counterRootOf } from './cgroup-counters-fixture'

const FIXTURE = 'v1-hybrid-cgroupfs'
const hierarchy = discoverHierarchy(counterRootOf(FIXTURE))
const read = (name: string): ReturnType<typeof readCgroupCounters> =>
  readCgroupCounters(hierarchy, counterMembershipsOf(FIXTURE, name))

describe('readCgroupCounters on the captured v1 hybrid host', () => {
  it('reads a --cpus 0.5 busy loop: cpuacct.usage ns as µs, throttling from the v1 cpu hierarchy', () => {
    const c = read('cpu')
    expect(c.cpu).toEqual({
      usageUsec: 2983810, // cpuacct.usage 2983810193 ns, truncated to whole µs
      periods: 60,
      throttledPeriods: 59,
      throttledUsec: 2860318, // throttled_time 2860318741 ns
      quotaCores: 0.5
    })
    // Unlimited memory: v1 writes 9223372036854771712, which must come out as "no limit".
    expect(c.memory).toEqual({
      usageBytes: 471040,
      workingSetBytes: 471040,
      limitBytes: null,
      highBytes: null,
      peakBytes: 3555328,
      swapBytes: 0,
      oomKills: 0,
      // v1 has no memory.high; memory.failcnt counts the limit hits
      highEvents: null,
      maxEvents: 0
    })
    expect(c.pids).toEqual({ current: 1, max: null, limitHits: 0 })
    // PSI from the container's directory in the unified hierarchy.
    expect(c.pressure).toEqual({ cpu: 19.24, memory: 0, io: 0 })
  })

  it('counts the OOM kill from memory.oom_control although memory.failcnt stayed 0', () => {
    const dir = join(counterRootOf(FIXTURE), 'memory', counterMembershipsOf(FIXTURE, 'oom')[0]?.path ?? '')
    expect(readFileSync(join(dir, 'memory.failcnt'), 'utf8').trim()).toBe('0')
    const c = read('oom')
    expect(c.memory.oomKills).toBe(1)
    expect(c.memory.limitBytes).toBe(16 * 1024 * 1024)
    expect(c.memory.peakBytes).toBe(16 * 1024 * 1024)
    // --memory-swap equal to --memory: memsw usage equals usage, no swap.
    expect(c.memory.swapBytes).toBe(0)
    // No quota: the period file is not needed and quota is null.
    expect(c.cpu.quotaCores).toBeNull()
  })

  it('counts refused forks from pids.events', () => {
    expect(read('pids').pids).toEqual({ current: 4, max: 5, limitHits: 1 })
  })

  it('marks v1 block I/O meaningful only where a throttle rule is set', () => {
    expect(read('io').io).toEqual({ readBytes: 8192, writeBytes: 4206592, meaningful: true })
    // No rule: the counters stay 0 whatever the container does (kernel-facts §5.5.2), so they are not read.
    expect(read('cpu').io).toEqual({ readBytes: null, writeBytes: null, meaningful: false })
  })

  it('applies the docker stats working-set rule (usage − total_inactive_file)', () => {
    // io wrote 4 MiB through the page cache: 4194304 bytes of it sit on the inactive file list.
    expect(read('io').memory).toMatchObject({ usageBytes: 4751360, workingSetBytes: 4751360 - 4194304 })
  })

  it('gives a cpu rate of about half a core between the two captured moments', () => {
    const later = readCgroupCounters(discoverHierarchy(counterRootOf(FIXTURE, 'later')), counterMembershipsOf(FIXTURE, 'cpu'))
    const elapsedNs = Number(readFileSync(join(COUNTER_FIXTURES, FIXTURE, 'later', 'elapsed-ns.txt'), 'utf8'))
    const cores = ((later.cpu.usageUsec ?? 0) - (read('cpu').cpu.usageUsec ?? 0)) / (elapsedNs / 1000)
    expect(cores).toBeGreaterThan(0.45)
    expect(cores).toBeLessThan(0.52)
  })
})
