import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { discoverHierarchy } from '../../main/probe/cgroup-hierarchy'
import { readCgroup } from '../../main/probe/cgroup-read'
import { cgroupRootOf, membershipsOf } from './cgroup-fixture'

const ALL_V1 = { memory: 1, cpu: 1, cpuacct: 1, cpuset: 1, pids: 1 }

describe('readCgroup on the captured v1 hybrid host (cgroupfs driver)', () => {
  const hierarchy = discoverHierarchy(cgroupRootOf('v1-hybrid-cgroupfs'))

  it('reads --memory 64m --cpus 0.5 --cpuset-cpus 0 --pids-limit 50 as Docker set it', () => {
    const info = readCgroup(hierarchy, membershipsOf('v1-hybrid-cgroupfs', 'proc-cgroup-limited.txt'))
    expect(info.path).toBe('/docker/ea0e1262fc1f2e917d81f8adcdf288de9c2578b82e251c416cf37ddf6f52342b')
    expect(info.controllers).toEqual(ALL_V1)
    expect(info.limits).toEqual({
      memoryBytes: 64 * 1024 * 1024,
      // No --memory-swap: Docker doubles the memory limit for memory+swap.
      memorySwapBytes: 128 * 1024 * 1024,
      cpuQuotaCores: 0.5,
      cpusetCpus: '0',
      pidsMax: 50,
      cpuShares: 1024,
      cpuWeight: null,
      oomKillDisable: false
    })
    expect(info.usage).toEqual({
      memoryBytes: 524288,
      memoryWorkingSetBytes: 524288,
      cpuSeconds: 0.025935957,
      pids: 1,
      cpusEffective: '0',
      oomKills: 0,
      // memory.stat total_* and memory.kmem.usage_in_bytes (captured).
      memoryBreakdown: {
        cgroupVersion: 1,
        anonBytes: 49152,
        activeFileBytes: 8192,
        inactiveFileBytes: 0,
        shmemBytes: 0,
        kernelBytes: 270336,
        sockBytes: null,
        cacheBytes: 8192,
        mappedFileBytes: 0,
        reclaimableBytes: 8192
      }
    })
    expect(info.problems).toEqual([])
  })

  it('reports an unlimited container as null limits, not as 9223372036854771712 rounded', () => {
    const info = readCgroup(hierarchy, membershipsOf('v1-hybrid-cgroupfs', 'proc-cgroup-unlimited.txt'))
    expect(info.limits).toEqual({
      memoryBytes: null,
      memorySwapBytes: null,
      cpuQuotaCores: null,
      // 0-1 is every CPU of the root cgroup: no cpuset limit.
      cpusetCpus: null,
      pidsMax: null,
      // The defaults: shares 1024, the kernel kills at the limit.
      cpuShares: 1024,
      cpuWeight: null,
      oomKillDisable: false
    })
    expect(info.usage.cpusEffective).toBe('0-1')
    expect(info.usage.memoryBytes).toBe(9293824)
    // docker stats: usage − total_inactive_file (the 8 MiB written before sleeping).
    expect(info.usage.memoryWorkingSetBytes).toBe(9293824 - 8388608)
    expect(info.usage.cpuSeconds).toBe(0.032866421)
    // The 8 MiB file is reclaimable page cache; kernel memory comes from memory.kmem.usage_in_bytes.
    expect(info.usage.memoryBreakdown).toMatchObject({ anonBytes: 49152, inactiveFileBytes: 8388608, kernelBytes: 503808, reclaimableBytes: 8388608 })
    expect(info.problems).toEqual([])
  })
})

describe('readCgroup on v1 with the systemd driver (hand-written)', () => {
  const root = cgroupRootOf('v1-systemd')
  const info = readCgroup(discoverHierarchy(root), membershipsOf('v1-systemd'))

  it('reads the comounted cpu,cpuacct hierarchy through its symlinks', () => {
    expect(info.path).toBe('/system.slice/docker-3f1c0a8e9b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7.scope')
    expect(info.controllers).toEqual(ALL_V1)
    expect(info.limits.cpuQuotaCores).toBe(1.5)
    expect(info.usage.cpuSeconds).toBe(73.512345678)
    expect(info.limits.cpusetCpus).toBe('2-3')
    expect(info.usage.cpusEffective).toBe('2-3')
    expect(info.limits.pidsMax).toBe(100)
    expect(info.usage.pids).toBe(3)
  })

  it('reads --cpu-shares 512 from cpu.shares and --oom-kill-disable from memory.oom_control', () => {
    expect(info.limits.cpuShares).toBe(512)
    expect(info.limits.oomKillDisable).toBe(true)
    // cpu.weight is v2's file: on v1 it is not read, and not a problem.
    expect(info.limits.cpuWeight).toBeNull()
  })

  it('uses the subtree total_inactive_file, not the local inactive_file', () => {
    expect(info.usage.memoryBytes).toBe(104857600)
    expect(info.usage.memoryWorkingSetBytes).toBe(104857600 - 20971520)
    expect(info.limits.memoryBytes).toBe(268435456)
  })

  it('reports the memsw limit as missing when the kernel has no swap accounting', () => {
    expect(info.limits.memorySwapBytes).toBeNull()
    expect(info.problems).toEqual([
      {
        field: 'limits.memorySwapBytes',
        reason: 'missing',
        message: expect.stringContaining(join(root, 'memory', info.path, 'memory.memsw.limit_in_bytes'))
      }
    ])
  })
})
