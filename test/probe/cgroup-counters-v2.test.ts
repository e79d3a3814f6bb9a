import { describe, expect, it } from 'vitest'
import { readCgroupCounters } from '../../main/probe/cgroup-counters'
import { discoverHierarchy } from '../../main/probe/cgroup-hierarchy'
import { counterMembershipsOf, counterRootOf } from './cgroup-counters-fixture'

const FIXTURE = 'v2-cgroupfs'
const hierarchy = discoverHierarchy(counterRootOf(FIXTURE))
const read = (name: string): ReturnType<typeof readCgroupCounters> =>
  readCgroupCounters(hierarchy, counterMembershipsOf(FIXTURE, name))

describe('readCgroupCounters on cgroup v2 (hand-written)', () => {
  it('reads usage and throttling from the one cpu.stat, the quota from cpu.max', () => {
    expect(hierarchy.layout).toBe('v2')
    expect(read('busy').cpu).toEqual({
      usageUsec: 2983810,
      periods: 60,
      throttledPeriods: 59,
      throttledUsec: 2860318,
      quotaCores: 0.5
    })
  })

  it('reads memory.high, memory.peak, swap, and oom_kill, high and max from memory.events', () => {
    expect(read('busy').memory).toEqual({
      usageBytes: 65011712,
      // usage − inactive_file (4 MiB)
      workingSetBytes: 65011712 - 4194304,
      limitBytes: 64 * 1024 * 1024,
      highBytes: 60 * 1024 * 1024,
      peakBytes: 64 * 1024 * 1024,
      swapBytes: 1048576,
      // oom_kill, not the `oom` line (3) nor `max` (40)
      oomKills: 2,
      // over memory.high 12 times, at memory.max (reclaim) 40 times
      highEvents: 12,
      maxEvents: 40
    })
  })

  it('reads pids.events, io.stat summed over devices and the three PSI files', () => {
    const c = read('busy')
    expect(c.pids).toEqual({ current: 5, max: 5, limitHits: 3 })
    expect(c.io).toEqual({ readBytes: 1048576 + 8192, writeBytes: 4206592, meaningful: true })
    expect(c.pressure).toEqual({ cpu: 19.24, memory: 7.5, io: 1.48 })
  })

  it('gives null, not an error, for what a partly enabled cgroup lacks', () => {
    const c = read('plain')
    expect(c.cpu).toEqual({ usageUsec: 18446744, periods: null, throttledPeriods: null, throttledUsec: null, quotaCores: null })
    expect(c.memory).toEqual({
      usageBytes: 1331200,
      // inactive_file larger than usage: docker stats keeps usage.
      workingSetBytes: 1331200,
      limitBytes: null,
      highBytes: null,
      peakBytes: null,
      swapBytes: null,
      oomKills: 0,
      highEvents: 0,
      maxEvents: 0
    })
    expect(c.pids).toEqual({ current: 1, max: null, limitHits: 0 })
    expect(c.io).toMatchObject({ readBytes: null, writeBytes: null })
    expect(c.pressure).toEqual({ cpu: 0, memory: null, io: null })
  })
})
