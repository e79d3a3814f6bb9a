// Degrade, don't crash: bad content, absent hierarchies and unreachable paths become null + Problem.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { discoverHierarchy } from '../../main/probe/cgroup-hierarchy'
import { readCgroup } from '../../main/probe/cgroup-read'
import type { CgroupHierarchy } from '../../main/probe/types'
import { FIXTURES, membershipsOf } from './cgroup-fixture'

const V2_ID = '9a8b7c6d5e4f30211203f4e5d6c7b8a99a8b7c6d5e4f30211203f4e5d6c7b8a9'
const V1_ID = 'ea0e1262fc1f2e917d81f8adcdf288de9c2578b82e251c416cf37ddf6f52342b'

describe('malformed cgroup files', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'glasshouse-cgroup-'))
  })
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  /** A writable copy of a fixture's cgroup tree. */
  function copyOf(fixture: string): string {
    const root = join(dir, fixture)
    cpSync(join(FIXTURES, fixture, 'sys', 'fs', 'cgroup'), root, { recursive: true, verbatimSymlinks: true })
    return root
  }

  it('v2 memory.max "lots": memory limits null + malformed naming the file, everything else still read', () => {
    const root = copyOf('v2-cgroupfs')
    const file = join(root, 'docker', V2_ID, 'memory.max')
    writeFileSync(file, 'lots\n')
    const info = readCgroup(discoverHierarchy(root), membershipsOf('v2-cgroupfs'))
    expect(info.limits).toEqual({
      memoryBytes: null,
      memorySwapBytes: null,
      cpuQuotaCores: 0.5,
      cpusetCpus: '0',
      pidsMax: 50,
      cpuShares: null,
      cpuWeight: 100,
      oomKillDisable: null
    })
    expect(info.usage).toEqual({
      memoryBytes: 5242880,
      memoryWorkingSetBytes: 2097152,
      cpuSeconds: 2.5,
      pids: 1,
      cpusEffective: '0',
      oomKills: 2,
      memoryBreakdown: expect.objectContaining({ cgroupVersion: 2, anonBytes: 589824 })
    })
    expect(info.problems).toHaveLength(2)
    expect(info.problems.map((p) => p.field)).toEqual(['limits.memoryBytes', 'limits.memorySwapBytes'])
    for (const problem of info.problems) {
      expect(problem.reason).toBe('malformed')
      expect(problem.message).toContain(file)
      expect(problem.message).toContain('"lots"')
    }
  })

  it('v2: bad cpu.max, cpu list and memory.stat each null only what they feed', () => {
    const root = copyOf('v2-cgroupfs')
    const cg = join(root, 'docker', V2_ID)
    writeFileSync(join(cg, 'cpu.max'), 'fifty 100000\n')
    writeFileSync(join(cg, 'cpuset.cpus.effective'), '0-a\n')
    writeFileSync(join(cg, 'memory.stat'), 'anon 1\ninactive_file many\n')
    const info = readCgroup(discoverHierarchy(root), membershipsOf('v2-cgroupfs'))
    expect(info.limits).toEqual({
      memoryBytes: 67108864,
      memorySwapBytes: 134217728,
      cpuQuotaCores: null,
      cpusetCpus: null,
      pidsMax: 50,
      cpuShares: null,
      cpuWeight: 100,
      oomKillDisable: null
    })
    expect(info.usage).toEqual({ memoryBytes: 5242880, memoryWorkingSetBytes: null, cpuSeconds: 2.5, pids: 1, cpusEffective: null, oomKills: 2, memoryBreakdown: null })
    expect(info.problems.map((p) => [p.field, p.reason])).toEqual([
      ['usage.memoryWorkingSetBytes', 'malformed'],
      ['usage.memoryBreakdown', 'malformed'],
      ['limits.cpuQuotaCores', 'malformed'],
      ['limits.cpusetCpus', 'malformed'],
      ['usage.cpusEffective', 'malformed']
    ])
    expect(info.problems[0]?.message).toContain('memory.stat')
    expect(info.problems[1]?.message).toContain('memory.stat')
    expect(info.problems[2]?.message).toContain('cpu.max')
    expect(info.problems[3]?.message).toContain('cpuset.cpus.effective')
  })

  it('v1: a zero CFS period and a bad usage counter are malformed, not a division by zero or NaN', () => {
    const root = copyOf('v1-hybrid-cgroupfs')
    writeFileSync(join(root, 'cpu', 'docker', V1_ID, 'cpu.cfs_period_us'), '0\n')
    writeFileSync(join(root, 'memory', 'docker', V1_ID, 'memory.usage_in_bytes'), '\n')
    const info = readCgroup(discoverHierarchy(root), membershipsOf('v1-hybrid-cgroupfs', 'proc-cgroup-limited.txt'))
    expect(info.limits.cpuQuotaCores).toBeNull()
    expect(info.usage.memoryBytes).toBeNull()
    expect(info.usage.memoryWorkingSetBytes).toBeNull()
    expect(info.limits.memoryBytes).toBe(67108864)
    expect(info.problems.map((p) => [p.field, p.reason])).toEqual([
      ['usage.memoryBytes', 'malformed'],
      ['usage.memoryWorkingSetBytes', 'malformed'],
      ['limits.cpuQuotaCores', 'malformed']
    ])
  })

  it('a root cpuset list that cannot be read leaves the cpuset limit unknown but the effective list known', () => {
    const root = copyOf('v2-cgroupfs')
    rmSync(join(root, 'cpuset.cpus.effective'))
    const info = readCgroup(discoverHierarchy(root), membershipsOf('v2-cgroupfs'))
    expect(info.usage.cpusEffective).toBe('0')
    expect(info.limits.cpusetCpus).toBeNull()
    expect(info.problems).toEqual([
      { field: 'limits.cpusetCpus', reason: 'missing', message: `ENOENT reading ${join(root, 'cpuset.cpus.effective')}` }
    ])
  })
})

describe('processes the readers cannot place', () => {
  const hybrid = discoverHierarchy(join(FIXTURES, 'v1-hybrid-cgroupfs', 'sys', 'fs', 'cgroup'))
  const ALL_FIELDS = [
    'limits.memoryBytes',
    'limits.memorySwapBytes',
    'limits.oomKillDisable',
    'usage.memoryBytes',
    'usage.memoryWorkingSetBytes',
    'usage.oomKills',
    'usage.memoryBreakdown',
    'limits.cpuQuotaCores',
    'limits.cpuShares',
    'usage.cpuSeconds',
    'limits.cpusetCpus',
    'usage.cpusEffective',
    'limits.pidsMax',
    'usage.pids'
  ]

  it('no /proc/<pid>/cgroup lines: every value null with a missing problem, path empty', () => {
    const info = readCgroup(hybrid, [])
    expect(info.path).toBe('')
    expect(info.controllers).toEqual({})
    expect(Object.values(info.limits).every((v) => v === null)).toBe(true)
    expect(Object.values(info.usage).every((v) => v === null)).toBe(true)
    expect(info.problems.map((p) => p.field)).toEqual(ALL_FIELDS)
    expect(info.problems.every((p) => p.reason === 'missing')).toBe(true)
  })

  it('a path outside the reader’s cgroup namespace is not followed out of the mount', () => {
    const info = readCgroup(hybrid, [
      { hierarchyId: 4, controllers: ['memory'], path: '/../../../etc' },
      { hierarchyId: 8, controllers: ['pids'], path: `/docker/${V1_ID}` }
    ])
    expect(info.path).toBe('/../../../etc')
    expect(info.controllers).toEqual({ pids: 1 })
    expect(info.limits.pidsMax).toBe(50)
    const memory = info.problems.filter((p) => p.field.endsWith('memoryBytes'))
    expect(memory).toHaveLength(2)
    expect(memory[0]?.message).toContain('outside this cgroup namespace')
  })

  it('falls back to the unified hierarchy only for controllers no v1 hierarchy carries', () => {
    // Same tree seen as if only memory were a v1 controller: the rest must come from unified/.
    const onlyMemory: CgroupHierarchy = {
      ...hybrid,
      v1: new Map([['memory', hybrid.v1.get('memory') ?? '']])
    }
    const info = readCgroup(onlyMemory, membershipsOf('v1-hybrid-cgroupfs', 'proc-cgroup-limited.txt'))
    expect(info.controllers).toEqual({ memory: 1, cpu: 2, cpuacct: 2, cpuset: 2, pids: 2 })
    expect(info.limits.memoryBytes).toBe(67108864)
    // The captured unified dir has cpu.stat (usage_usec 25935) but, as on the real host, no cpu.max or pids files.
    expect(info.usage.cpuSeconds).toBe(0.025935)
    expect(info.limits.cpuQuotaCores).toBeNull()
    expect(info.problems.find((p) => p.field === 'limits.cpuQuotaCores')?.message).toMatch(/ENOENT reading .*unified\/docker\/.*\/cpu\.max$/)
  })
})
