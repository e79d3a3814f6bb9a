import { describe, expect, it } from 'vitest'
import { discoverHierarchy } from '../../main/probe/cgroup-hierarchy'
import { readCgroup } from '../../main/probe/cgroup-read'
import { cgroupRootOf, membershipsOf } from './cgroup-fixture'

const ALL_V2 = { memory: 2, cpu: 2, cpuacct: 2, cpuset: 2, pids: 2 }

function read(fixture: string): ReturnType<typeof readCgroup> {
  return readCgroup(discoverHierarchy(cgroupRootOf(fixture)), membershipsOf(fixture))
}

describe('readCgroup on cgroup v2 (hand-written fixtures)', () => {
  it('cgroupfs driver: limits from memory.max/swap.max, cpu.max, cpuset.cpus.effective, pids.max', () => {
    const info = read('v2-cgroupfs')
    expect(info.path).toBe('/docker/9a8b7c6d5e4f30211203f4e5d6c7b8a99a8b7c6d5e4f30211203f4e5d6c7b8a9')
    expect(info.controllers).toEqual(ALL_V2)
    expect(info.limits).toEqual({
      memoryBytes: 67108864,
      memorySwapBytes: 67108864 * 2,
      cpuQuotaCores: 0.5,
      cpusetCpus: '0',
      pidsMax: 50,
      // v2 has cpu.weight (the default 100 here) and no cpu.shares, and no oom_kill_disable at all.
      cpuShares: null,
      cpuWeight: 100,
      oomKillDisable: null
    })
    expect(info.usage).toEqual({
      memoryBytes: 5242880,
      // memory.current − inactive_file
      memoryWorkingSetBytes: 5242880 - 3145728,
      cpuSeconds: 2.5,
      pids: 1,
      cpusEffective: '0',
      // memory.events oom_kill
      oomKills: 2,
      // memory.stat: the parts add up to memory.current (the fixture's README).
      memoryBreakdown: {
        cgroupVersion: 2,
        anonBytes: 589824,
        activeFileBytes: 786432,
        inactiveFileBytes: 3145728,
        shmemBytes: 262144,
        kernelBytes: 393216,
        sockBytes: 65536,
        cacheBytes: 4194304,
        mappedFileBytes: 1048576,
        reclaimableBytes: 786432 + 3145728
      }
    })
    expect(info.problems).toEqual([])
  })

  it('systemd driver, unlimited: every max is null and a cpuset equal to the root is no limit', () => {
    const info = read('v2-systemd')
    expect(info.path).toBe('/system.slice/docker-c0ffee00deadbeef0123456789abcdefc0ffee00deadbeef0123456789abcdef.scope')
    expect(info.controllers).toEqual(ALL_V2)
    expect(info.limits).toEqual({
      memoryBytes: null,
      memorySwapBytes: null,
      cpuQuotaCores: null,
      cpusetCpus: null,
      pidsMax: null,
      cpuShares: null,
      cpuWeight: 100,
      oomKillDisable: null
    })
    expect(info.usage).toEqual({
      memoryBytes: 12582912,
      memoryWorkingSetBytes: 12582912 - 4194304,
      cpuSeconds: 123.456789,
      pids: 7,
      cpusEffective: '0-3',
      oomKills: 0,
      memoryBreakdown: {
        cgroupVersion: 2,
        anonBytes: 6291456,
        activeFileBytes: 2097152,
        inactiveFileBytes: 4194304,
        shmemBytes: 0,
        kernelBytes: 1097728,
        sockBytes: 0,
        cacheBytes: 6291456,
        mappedFileBytes: 1048576,
        reclaimableBytes: 2097152 + 4194304
      }
    })
    expect(info.problems).toEqual([])
  })

  it('rootless: controllers not delegated give null + missing, the rest is still read', () => {
    const info = read('v2-rootless')
    expect(info.path).toMatch(/^\/user\.slice\/user-1000\.slice\/user@1000\.service\/user\.slice\/docker-[0-9a-f]{64}\.scope$/)
    expect(info.limits).toEqual({
      memoryBytes: 536870912,
      // memory.swap.max is max: swap unlimited, so memory+swap is too.
      memorySwapBytes: null,
      cpuQuotaCores: null,
      cpusetCpus: null,
      pidsMax: 200,
      cpuShares: null,
      cpuWeight: null,
      oomKillDisable: null
    })
    expect(info.usage).toEqual({
      memoryBytes: 31457280,
      memoryWorkingSetBytes: 31457280 - 2097152,
      // cpu.stat usage_usec exists without the cpu controller.
      cpuSeconds: 9.876543,
      pids: 2,
      cpusEffective: null,
      oomKills: 0,
      memoryBreakdown: expect.objectContaining({
        anonBytes: 20971520,
        // No `kernel` line (kernels before 5.18): kernel_stack + pagetables + percpu + slab.
        kernelBytes: 81920 + 155648 + 480 + 593920,
        reclaimableBytes: 8388608 + 2097152
      })
    })
    expect(info.problems.map((p) => [p.field, p.reason])).toEqual([
      ['limits.cpuQuotaCores', 'missing'],
      ['limits.cpuWeight', 'missing'],
      ['limits.cpusetCpus', 'missing'],
      ['usage.cpusEffective', 'missing']
    ])
    expect(info.problems[0]?.message).toContain('cpu.max')
    expect(info.problems[1]?.message).toContain('cpu.weight')
    expect(info.problems[2]?.message).toContain('cpuset.cpus.effective')
  })
})
