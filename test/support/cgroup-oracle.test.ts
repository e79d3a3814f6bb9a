// The integration tests' cgroup oracle reads v1 or v2 as the host's layout says: checked here on
// the fixture trees (this test host is v1 hybrid, so the v2 branch runs nowhere else), against
// the values the fixtures' READMEs state and against the probe's own reading.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { discoverHierarchy } from '../../main/probe/cgroup-hierarchy'
import { readCgroup } from '../../main/probe/cgroup-read'
import { cgroupMounts, cgroupOracle } from '../integration/support/cgroup-oracle'
import { FIXTURES, cgroupRootOf, membershipsOf } from '../probe/cgroup-fixture'

const MIB = 2 ** 20

// mountinfo lines as the kernel writes them (kernel-facts §1), one layout each.
const V2_MOUNTINFO = '30 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot\n'
const HYBRID_MOUNTINFO = [
  '31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755',
  '32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu',
  '33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct',
  '34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset',
  '35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory',
  '39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids',
  '40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd',
  '41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw'
].join('\n')
const V1_SYSTEMD_MOUNTINFO = [
  '25 23 0:22 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755',
  '29 25 0:26 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:12 - cgroup cgroup rw,cpu,cpuacct',
  '30 25 0:27 / /sys/fs/cgroup/cpuset rw,nosuid,nodev,noexec,relatime shared:13 - cgroup cgroup rw,cpuset',
  '31 25 0:28 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:14 - cgroup cgroup rw,memory',
  '32 25 0:29 / /sys/fs/cgroup/pids rw,nosuid,nodev,noexec,relatime shared:15 - cgroup cgroup rw,pids'
].join('\n')

function oracleOn(fixture: string, mountinfo: string, procFile = 'proc-cgroup.txt') {
  return cgroupOracle(readFileSync(join(FIXTURES, fixture, procFile), 'utf8'), mountinfo, join(FIXTURES, fixture))
}

function probeOn(fixture: string, procFile = 'proc-cgroup.txt') {
  return readCgroup(discoverHierarchy(cgroupRootOf(fixture)), membershipsOf(fixture, procFile))
}

describe('cgroupMounts', () => {
  it('finds the v1 controllers (comounted ones too) and the cgroup2 mount', () => {
    const hybrid = cgroupMounts(HYBRID_MOUNTINFO)
    expect(hybrid.v1.get('memory')).toBe('/sys/fs/cgroup/memory')
    expect(hybrid.v2).toBe('/sys/fs/cgroup/unified')
    expect(cgroupMounts(V1_SYSTEMD_MOUNTINFO).v1.get('cpuacct')).toBe('/sys/fs/cgroup/cpu,cpuacct')
    const v2 = cgroupMounts(V2_MOUNTINFO)
    expect([v2.v1.size, v2.v2]).toEqual([0, '/sys/fs/cgroup'])
  })
})

describe('cgroupOracle on cgroup v2 fixtures', () => {
  it('v2-cgroupfs: memory.max + memory.swap.max, cpu.max, a narrower cpuset, cpu.weight, no OOM switch', () => {
    const oracle = oracleOn('v2-cgroupfs', V2_MOUNTINFO)
    expect(oracle.version).toBe(2)
    expect(oracle.path).toBe('/docker/9a8b7c6d5e4f30211203f4e5d6c7b8a99a8b7c6d5e4f30211203f4e5d6c7b8a9')
    expect(oracle.limits()).toEqual({ memoryBytes: 64 * MIB, memorySwapBytes: 128 * MIB, cpuQuotaCores: 0.5, cpusetCpus: '0', pidsMax: 50, cpuShares: null, cpuWeight: 100, oomKillDisable: null })
    expect([oracle.pids(), oracle.oomKills()]).toEqual([1, 2])
  })

  it('v2-rootless: --memory-swap -1 is unlimited; cpu and cpuset files not delegated read as null', () => {
    const limits = oracleOn('v2-rootless', V2_MOUNTINFO).limits()
    expect(limits).toMatchObject({ memoryBytes: 512 * MIB, memorySwapBytes: null, cpuQuotaCores: null, cpusetCpus: null, pidsMax: 200 })
  })

  it('v2-systemd: every "max" is null and a cpuset equal to the root is no limit', () => {
    expect(oracleOn('v2-systemd', V2_MOUNTINFO).limits()).toMatchObject({ memoryBytes: null, memorySwapBytes: null, cpuQuotaCores: null, cpusetCpus: null, pidsMax: null })
  })

  it.each(['v2-cgroupfs', 'v2-rootless', 'v2-systemd'])('%s: agrees with the probe', (fixture) => {
    expect(oracleOn(fixture, V2_MOUNTINFO).limits()).toEqual(probeOn(fixture).limits)
  })
})

describe('cgroupOracle on cgroup v1 fixtures', () => {
  it('hybrid (captured): v1, although a cgroup2 mount exists, because the memory controller is on v1', () => {
    const oracle = oracleOn('v1-hybrid-cgroupfs', HYBRID_MOUNTINFO, 'proc-cgroup-limited.txt')
    expect(oracle.version).toBe(1)
    expect(oracle.limits()).toEqual(probeOn('v1-hybrid-cgroupfs', 'proc-cgroup-limited.txt').limits)
    expect(oracle.limits()).toMatchObject({ memoryBytes: 64 * MIB, cpuQuotaCores: 0.5, cpusetCpus: '0', pidsMax: 50, cpuShares: 1024, oomKillDisable: false })
  })

  it('systemd with comounted cpu,cpuacct and no swap accounting', () => {
    const oracle = oracleOn('v1-systemd', V1_SYSTEMD_MOUNTINFO)
    expect(oracle.limits()).toEqual({ ...probeOn('v1-systemd').limits, memorySwapBytes: null })
    expect(oracle.limits()).toMatchObject({ cpuQuotaCores: 1.5, cpusetCpus: '2-3', cpuShares: 512, oomKillDisable: true })
  })
})
