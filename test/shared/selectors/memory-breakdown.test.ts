import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { discoverHierarchy } from '../../../main/probe/cgroup-hierarchy'
import { readCgroup } from '../../../main/probe/cgroup-read'
import type { CgroupUsage, MemoryBreakdown } from '../../../shared/model'
import { dockerStatsBytes, memoryBreakdownOf, memorySummaryText } from '../../../shared/selectors/memory-breakdown'
import { cgroupRootOf, membershipsOf } from '../../probe/cgroup-fixture'

const MiB = 1024 * 1024

/** docker/cli's formula written out on the raw memory.stat text: usage − <key> when the key is there and smaller. */
function dockerCliFormula(usage: number, memoryStatText: string, key: string): number {
  const line = memoryStatText.split('\n').find((l) => l.startsWith(`${key} `))
  const inactive = line === undefined ? undefined : Number(line.split(' ')[1])
  return inactive !== undefined && inactive < usage ? usage - inactive : usage
}

function breakdown(over: Partial<MemoryBreakdown>): MemoryBreakdown {
  return {
    cgroupVersion: 2,
    anonBytes: 12 * MiB,
    activeFileBytes: 15 * MiB,
    inactiveFileBytes: 10 * MiB,
    shmemBytes: 5 * MiB,
    kernelBytes: 1 * MiB,
    sockBytes: 0,
    cacheBytes: 30 * MiB,
    mappedFileBytes: 0,
    reclaimableBytes: 25 * MiB,
    ...over
  }
}

function usage(memoryBytes: number | null, b: MemoryBreakdown | null): CgroupUsage {
  return { memoryBytes, memoryWorkingSetBytes: null, cpuSeconds: null, pids: null, cpusEffective: null, memoryBreakdown: b }
}

describe('the docker stats figure', () => {
  it.each([
    ['v1 captured, 8 MiB of inactive cache', 'v1-hybrid-cgroupfs', 'proc-cgroup-unlimited.txt', 'memory', 'total_inactive_file'],
    ['v1 captured, nothing inactive', 'v1-hybrid-cgroupfs', 'proc-cgroup-limited.txt', 'memory', 'total_inactive_file'],
    ['v2 cgroupfs', 'v2-cgroupfs', 'proc-cgroup.txt', '', 'inactive_file'],
    ['v2 systemd', 'v2-systemd', 'proc-cgroup.txt', '', 'inactive_file']
  ])('%s: equals usage − %s as docker/cli computes it from the same files', (_name, fixture, procFile, controllerDir, key) => {
    const memberships = membershipsOf(fixture, procFile)
    const info = readCgroup(discoverHierarchy(cgroupRootOf(fixture)), memberships)
    const path = memberships.find((m) => m.controllers.includes('memory') || m.hierarchyId === 0)?.path ?? ''
    const dir = join(cgroupRootOf(fixture), controllerDir, path)
    const usageFile = controllerDir === '' ? 'memory.current' : 'memory.usage_in_bytes'
    const raw = Number(readFileSync(join(dir, usageFile), 'utf8'))
    const expected = dockerCliFormula(raw, readFileSync(join(dir, 'memory.stat'), 'utf8'), key)
    const view = memoryBreakdownOf(info.usage, info.limits.memoryBytes)
    expect(view?.dockerStatsBytes).toBe(expected)
    expect(view?.dockerStatsNote).toContain(key)
  })

  it('is the usage when the inactive list is unknown, empty or not smaller than the usage', () => {
    expect(dockerStatsBytes(100, null)).toBe(100)
    expect(dockerStatsBytes(100, 0)).toBe(100)
    expect(dockerStatsBytes(100, 100)).toBe(100)
    expect(dockerStatsBytes(100, 40)).toBe(60)
    expect(dockerStatsBytes(null, 40)).toBeNull()
  })

  it('says in one line what it subtracts and what it keeps', () => {
    const view = memoryBreakdownOf(usage(28 * MiB, breakdown({ cgroupVersion: 1 })), 64 * MiB)
    expect(view?.dockerStatsNote).toBe(
      'docker stats shows 18 MiB = usage 28 MiB − total_inactive_file 10 MiB: active cache, tmpfs and kernel memory still count in it.'
    )
    expect(view?.dockerStatsNote).not.toContain('\n')
  })
})

describe('memoryBreakdownOf', () => {
  it('stacks what only swap frees first and the reclaimable cache last, inactive at the very end', () => {
    const view = memoryBreakdownOf(usage(28 * MiB, breakdown({})), 64 * MiB)
    expect(view?.parts.map((p) => [p.key, p.bytes / MiB, p.reclaimable])).toEqual([
      ['anon', 12, false],
      ['shmem', 5, false],
      ['kernel', 1, false],
      ['sock', 0, false],
      ['activeFile', 15, true],
      ['inactiveFile', 10, true]
    ])
    expect(view?.reclaimableBytes).toBe(25 * MiB)
    expect(view?.scaleBytes).toBe(64 * MiB)
  })

  it('shows what the kernel charged beyond memory.stat as its own part before the cache, never hiding it', () => {
    const view = memoryBreakdownOf(usage(45 * MiB, breakdown({})), null)
    expect(view?.parts.map((p) => p.key)).toEqual(['anon', 'shmem', 'kernel', 'sock', 'unitemised', 'activeFile', 'inactiveFile'])
    expect(view?.parts.find((p) => p.key === 'unitemised')?.bytes).toBe(2 * MiB)
    expect(view?.parts.reduce((a, p) => a + p.bytes, 0)).toBe(45 * MiB)
    // No limit: the bar spans the usage.
    expect(view?.scaleBytes).toBe(45 * MiB)
  })

  it('leaves out parts the version lacks and names them, v1 socket memory with why', () => {
    const view = memoryBreakdownOf(usage(43 * MiB, breakdown({ cgroupVersion: 1, sockBytes: null })), 64 * MiB)
    expect(view?.parts.map((p) => p.key)).not.toContain('sock')
    expect(view?.notReported).toEqual(['socket buffers (v1 counts TCP memory apart, outside this usage)'])
  })

  it('is null without a breakdown (older snapshot, memory.stat unreadable)', () => {
    expect(memoryBreakdownOf(usage(1, null), null)).toBeNull()
    expect(memoryBreakdownOf(null, null)).toBeNull()
  })

  it("gives the CLI's one line", () => {
    const view = memoryBreakdownOf(usage(43 * MiB, breakdown({ shmemBytes: 0, cacheBytes: 25 * MiB })), 64 * MiB)
    expect(view && memorySummaryText(view)).toBe('12 MiB anon · 25 MiB cache (25 MiB reclaimable) · 0 shmem · 1 MiB kernel · docker stats 33 MiB')
  })
})
