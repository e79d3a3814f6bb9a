import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readCgroupCounters } from '../../main/probe/cgroup-counters'
import { counterFiles } from '../../main/probe/cgroup-counters-files'
import { emptyCounters } from '../../main/probe/cgroup-counters-types'
import { discoverHierarchy } from '../../main/probe/cgroup-hierarchy'
import type { CgroupMembership } from '../../shared/model'
import { counterMembershipsOf, counterRootOf } from './cgroup-counters-fixture'

const roots: string[] = []
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

/** A throw-away cgroup root holding `files` (path → content). */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'glasshouse-counters-'))
  roots.push(root)
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  return root
}

const V1_LINES: CgroupMembership[] = [
  { hierarchyId: 2, controllers: ['cpuacct'], path: '/docker/x' },
  { hierarchyId: 1, controllers: ['cpu'], path: '/docker/x' },
  { hierarchyId: 4, controllers: ['memory'], path: '/docker/x' }
]

describe('readCgroupCounters when things are missing or odd', () => {
  it('gives all nulls for a cgroup that vanished (the container stopped)', () => {
    const hierarchy = discoverHierarchy(counterRootOf('v1-hybrid-cgroupfs'))
    const gone = counterMembershipsOf('v1-hybrid-cgroupfs', 'cpu').map((m) => ({ ...m, path: '/docker/gone' }))
    expect(readCgroupCounters(hierarchy, gone)).toEqual(emptyCounters())
  })

  it('gives all nulls without any /proc/<pid>/cgroup line', () => {
    const hierarchy = discoverHierarchy(counterRootOf('v2-cgroupfs'))
    expect(readCgroupCounters(hierarchy, [])).toEqual(emptyCounters())
  })

  it('keeps ns counters beyond 2^53 exact in µs, and null beyond safe µs', () => {
    const exact = tree({ 'cpuacct/docker/x/cpuacct.usage': '9007199254740991999\n', 'cpu/docker/x/cpu.stat': 'throttled_time 18446744073709551615\n' })
    const counters = readCgroupCounters(discoverHierarchy(exact), V1_LINES)
    expect(counters.cpu.usageUsec).toBe(Number.MAX_SAFE_INTEGER)
    // 2^64 − 1 ns is 1.8e16 µs: not a safe integer, so no value rather than a rounded one.
    expect(counters.cpu.throttledUsec).toBeNull()
  })

  it('turns a malformed file into null and reads the rest', () => {
    const root = tree({
      'cpuacct/docker/x/cpuacct.usage': 'garbage\n',
      'cpu/docker/x/cpu.stat': 'nr_periods 10\nnr_throttled 4\nthrottled_time 5000\n',
      'cpu/docker/x/cpu.cfs_quota_us': '-1\n',
      'memory/docker/x/memory.usage_in_bytes': '1000\n',
      'memory/docker/x/memory.stat': 'not a keyed file at all\n',
      'memory/docker/x/memory.oom_control': 'oom_kill_disable 0\nunder_oom 0\n'
    })
    const c = readCgroupCounters(discoverHierarchy(root), V1_LINES)
    expect(c.cpu).toEqual({ usageUsec: null, periods: 10, throttledPeriods: 4, throttledUsec: 5, quotaCores: null })
    expect(c.memory.usageBytes).toBe(1000)
    expect(c.memory.workingSetBytes).toBeNull()
    // A kernel older than 4.13 has no oom_kill line: unknown, not zero.
    expect(c.memory.oomKills).toBeNull()
    // No memsw files (no swap accounting): swap unknown.
    expect(c.memory.swapBytes).toBeNull()
  })

  it('has no pressure on a v1 host without a cgroup2 mount', () => {
    const root = tree({ 'cpuacct/docker/x/cpuacct.usage': '5000\n' })
    const c = readCgroupCounters(discoverHierarchy(root), V1_LINES)
    expect(c.cpu.usageUsec).toBe(5)
    expect(c.pressure).toEqual({ cpu: null, memory: null, io: null })
    expect(c.io).toEqual({ readBytes: null, writeBytes: null, meaningful: false })
  })

  it('does not follow a cgroup path outside the cgroup namespace', () => {
    // /../docker/x would resolve to <root>/docker/x, beside the blkio hierarchy: someone else's files.
    const root = tree({
      'blkio/docker/x/blkio.throttle.io_service_bytes_recursive': 'Total 0\n',
      'blkio/docker/x/blkio.throttle.read_bps_device': '254:0 1048576\n',
      'docker/x/blkio.throttle.io_service_bytes_recursive': '254:0 Read 5\n',
      'docker/x/blkio.throttle.read_bps_device': '254:0 1048576\n'
    })
    const lines: CgroupMembership[] = [{ hierarchyId: 7, controllers: ['blkio'], path: '/../docker/x' }]
    expect(readCgroupCounters(discoverHierarchy(root), lines).io.readBytes).toBeNull()
    const inside: CgroupMembership[] = [{ hierarchyId: 7, controllers: ['blkio'], path: '/docker/x' }]
    expect(readCgroupCounters(discoverHierarchy(root), inside).io.readBytes).toBe(0)
  })
})

describe('counterFiles', () => {
  it('reads each file once per reading (v2 cpu.stat serves usage and throttling)', () => {
    const root = tree({ 'cpu.stat': 'usage_usec 1\n' })
    const files = counterFiles()
    expect(files.keyed(root, 'cpu.stat')?.get('usage_usec')).toBe(1n)
    writeFileSync(join(root, 'cpu.stat'), 'usage_usec 2\n')
    expect(files.keyed(root, 'cpu.stat')?.get('usage_usec')).toBe(1n)
    expect(files.text(root, 'cpu.stat')).toBe('usage_usec 1\n')
    // A new reading sees the new value.
    expect(counterFiles().keyed(root, 'cpu.stat')?.get('usage_usec')).toBe(2n)
  })
})
