// The root cgroup cannot be limited and lacks most limit files (CFTYPE_NOT_ON_ROOT): seen on this host, where
// /sys/fs/cgroup/pids has no pids.max or pids.current. An absent limit there is "no limit", not a problem.
import { describe, expect, it } from 'vitest'
import { discoverHierarchy } from '../../main/probe/cgroup-hierarchy'
import { readCgroup } from '../../main/probe/cgroup-read'
import { cgroupRootOf, parseProcCgroup } from './cgroup-fixture'

describe('a process in the root cgroup', () => {
  it('v2: absent memory.max, cpu.max, pids.max at the root are unlimited; absent counters are still problems', () => {
    const info = readCgroup(discoverHierarchy(cgroupRootOf('v2-systemd')), parseProcCgroup('0::/\n'))
    expect(info.path).toBe('/')
    expect(info.limits).toEqual({
      memoryBytes: null,
      memorySwapBytes: null,
      cpuQuotaCores: null,
      cpusetCpus: null,
      pidsMax: null,
      // cpu.weight is not on the root either: nothing to weigh the root against.
      cpuShares: null,
      cpuWeight: null,
      oomKillDisable: null
    })
    expect(info.usage.cpusEffective).toBe('0-3')
    expect(info.problems.map((p) => p.field)).toEqual([
      'usage.memoryBytes',
      'usage.memoryWorkingSetBytes',
      'usage.memoryBreakdown',
      'usage.cpuSeconds',
      'usage.pids'
    ])
  })

  it('the same absent files below the root stay problems', () => {
    const info = readCgroup(discoverHierarchy(cgroupRootOf('v2-systemd')), parseProcCgroup('0::/system.slice\n'))
    expect(info.problems.map((p) => p.field)).toContain('limits.memoryBytes')
    expect(info.problems.map((p) => p.field)).toContain('limits.pidsMax')
  })
})
