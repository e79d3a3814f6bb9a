// Declared against enforced limits, on cgroup trees read by the real probe (test/fixtures/cgroup):
// v1 hybrid (captured), v1 systemd without swap accounting, v2 cgroupfs, v2 rootless, v2 systemd.
import { describe, expect, it } from 'vitest'
import { discoverHierarchy } from '../../../main/probe/cgroup-hierarchy'
import { readCgroup } from '../../../main/probe/cgroup-read'
import type { ContainerInfo, DeclaredResources, HostSnapshot } from '../../../shared/model'
import { compareLimits, limitDifferences, type ComparedLimit, type LimitComparison } from '../../../shared/selectors/limit-comparison'
import { cgroupRootOf, membershipsOf } from '../../probe/cgroup-fixture'
import { declared } from '../../model/process-builder'

const MIB = 2 ** 20

function onFixture(fixture: string, resources: Partial<DeclaredResources>, hostCpus = 4, procFile?: string): { snapshot: HostSnapshot; container: ContainerInfo } {
  const info = readCgroup(discoverHierarchy(cgroupRootOf(fixture)), membershipsOf(fixture, procFile))
  const container: ContainerInfo = {
    id: 'c'.repeat(64),
    name: fixture,
    image: 'i',
    state: 'running',
    pid: 100,
    processes: [100],
    cgroupPath: info.path,
    declared: declared({ resources: { memoryBytes: null, memorySwapBytes: null, cpuQuotaCores: null, cpusetCpus: null, pidsMax: null, cpuShares: null, oomKillDisable: false, ...resources } }),
    limits: info.limits,
    usage: info.usage,
    mounts: null,
    labels: {},
    source: 'engine',
    problems: [...info.problems]
  }
  const version = info.controllers.memory === 2 ? 2 : 1
  const snapshot: HostSnapshot = {
    schemaVersion: 1,
    takenAt: '2026-12-07T00:00:00Z',
    host: { hostname: 'h', kernel: 'k', cgroupVersion: version, cgroupLayout: version === 2 ? 'v2' : 'v1', cpus: hostCpus, memoryBytes: 2 ** 33, capLastCap: 40, probeUid: 0 },
    engine: { reachable: true, version: '20.10', apiVersion: '1.41', cgroupDriver: 'cgroupfs', cgroupVersion: String(version), securityOptions: [], endpoint: 'unix:///x' },
    containers: [container],
    processes: [],
    namespaces: [],
    cgroups: [info],
    problems: []
  }
  return { snapshot, container }
}

function verdicts(rows: LimitComparison[]): Record<ComparedLimit, string> {
  return Object.fromEntries(rows.map((r) => [r.key, r.verdict])) as Record<ComparedLimit, string>
}

function rowOf(rows: LimitComparison[], key: ComparedLimit): LimitComparison {
  return rows.find((r) => r.key === key)!
}

describe('compareLimits on cgroup v1', () => {
  // docker run --memory 64m --cpus 0.5 --cpuset-cpus 0 --pids-limit 50 (Docker 20.10 stores MemorySwap 2 × 64m).
  const asked = { memoryBytes: 64 * MIB, memorySwapBytes: 128 * MIB, cpuQuotaCores: 0.5, cpusetCpus: '0', pidsMax: 50 }

  it('hybrid, captured: everything enforced as asked', () => {
    const { snapshot, container } = onFixture('v1-hybrid-cgroupfs', asked, 2, 'proc-cgroup-limited.txt')
    const rows = compareLimits(snapshot, container)
    expect(verdicts(rows)).toEqual({ memoryBytes: 'same', memorySwapBytes: 'same', cpuQuotaCores: 'same', cpusetCpus: 'same', pidsMax: 'same', cpuShares: 'same', oomKillDisable: 'same' })
    expect(rowOf(rows, 'cpuShares')).toMatchObject({ declared: 'default (1024 shares)', enforced: 'cpu.shares 1024', version: 1 })
    expect(rowOf(rows, 'oomKillDisable')).toMatchObject({ enforced: 'oom_kill_disable 0: kills at the limit' })
  })

  it('hybrid: a declared value the cgroup does not hold is a difference, each on its own row', () => {
    const { snapshot, container } = onFixture('v1-hybrid-cgroupfs', { ...asked, memoryBytes: 32 * MIB, pidsMax: 60, cpuShares: 512, oomKillDisable: true }, 2, 'proc-cgroup-limited.txt')
    expect(limitDifferences(snapshot, container).map((r) => [r.key, r.declared, r.enforced])).toEqual([
      ['memoryBytes', '32 MiB', '64 MiB'],
      ['pidsMax', '60', '50'],
      ['cpuShares', '--cpu-shares 512', 'cpu.shares 1024'],
      ['oomKillDisable', '--oom-kill-disable', 'oom_kill_disable 0: kills at the limit']
    ])
  })

  it('systemd without swap accounting: memory+swap is unknown, not "none" and not a difference', () => {
    // --memory 256m --cpu-period 50000 --cpu-quota 75000 --cpuset-cpus 2-3 --pids-limit 100 --cpu-shares 512 --oom-kill-disable
    const resources = { memoryBytes: 256 * MIB, memorySwapBytes: 512 * MIB, cpuQuotaCores: 1.5, cpusetCpus: '2-3', pidsMax: 100, cpuShares: 512, oomKillDisable: true }
    const { snapshot, container } = onFixture('v1-systemd', resources, 8)
    const rows = compareLimits(snapshot, container)
    expect(rowOf(rows, 'memorySwapBytes')).toMatchObject({ declared: '512 MiB', enforced: '? (missing)', verdict: 'unknown' })
    expect(limitDifferences(snapshot, container)).toEqual([])
    expect(rowOf(rows, 'oomKillDisable')).toMatchObject({ enforced: 'oom_kill_disable 1: pauses at the limit', verdict: 'same' })
  })

  it('cpuset: the same CPUs written differently are the same; a declared cpuset the kernel does not narrow is a difference', () => {
    const same = onFixture('v1-systemd', { cpusetCpus: '2,3' }, 8)
    expect(rowOf(compareLimits(same.snapshot, same.container), 'cpusetCpus').verdict).toBe('same')
    const unlimited = onFixture('v1-hybrid-cgroupfs', { cpusetCpus: '0' }, 2, 'proc-cgroup-unlimited.txt')
    expect(rowOf(compareLimits(unlimited.snapshot, unlimited.container), 'cpusetCpus')).toMatchObject({ declared: '0', enforced: 'all', verdict: 'differs' })
    const all = onFixture('v1-hybrid-cgroupfs', { cpusetCpus: '0-1' }, 2, 'proc-cgroup-unlimited.txt')
    expect(rowOf(compareLimits(all.snapshot, all.container), 'cpusetCpus').verdict).toBe('same')
  })
})

describe('compareLimits on cgroup v2', () => {
  it('cgroupfs: memory+swap is memory.max + memory.swap.max; not setting it (2 × memory) is no difference', () => {
    const asked = { memoryBytes: 64 * MIB, cpuQuotaCores: 0.5, cpusetCpus: '0', pidsMax: 50 }
    const { snapshot, container } = onFixture('v2-cgroupfs', { ...asked, memorySwapBytes: null })
    const rows = compareLimits(snapshot, container)
    expect(verdicts(rows)).toEqual({ memoryBytes: 'same', memorySwapBytes: 'same', cpuQuotaCores: 'same', cpusetCpus: 'same', pidsMax: 'same', cpuShares: 'same', oomKillDisable: 'same' })
    expect(rowOf(rows, 'memorySwapBytes')).toMatchObject({ enforced: '128 MiB' })
    const other = onFixture('v2-cgroupfs', { ...asked, memorySwapBytes: 96 * MIB })
    expect(limitDifferences(other.snapshot, other.container).map((r) => [r.key, r.declared, r.enforced])).toEqual([['memorySwapBytes', '96 MiB', '128 MiB']])
  })

  it('cgroupfs: --cpu-shares through cpu.weight (either runc conversion), and --oom-kill-disable, which v2 ignores', () => {
    const { snapshot, container } = onFixture('v2-cgroupfs', { memoryBytes: 64 * MIB, cpuQuotaCores: 0.5, cpusetCpus: '0', pidsMax: 50, cpuShares: 512, oomKillDisable: true })
    expect(limitDifferences(snapshot, container).map((r) => [r.key, r.declared, r.enforced, r.version])).toEqual([
      ['cpuShares', '--cpu-shares 512 → cpu.weight 20 or 59', 'cpu.weight 100', 2],
      ['oomKillDisable', '--oom-kill-disable', 'none: cgroup v2 has no oom_kill_disable, kills at the limit', 2]
    ])
  })

  it('rootless: --memory-swap -1 is unlimited on both sides; cpu and cpuset not delegated are unknown', () => {
    const { snapshot, container } = onFixture('v2-rootless', { memoryBytes: 512 * MIB, memorySwapBytes: null, pidsMax: 200, cpuQuotaCores: 0.5 })
    const rows = compareLimits(snapshot, container)
    expect(verdicts(rows)).toMatchObject({ memoryBytes: 'same', memorySwapBytes: 'same', pidsMax: 'same', cpuQuotaCores: 'unknown', cpusetCpus: 'unknown' })
    expect(rowOf(rows, 'cpuQuotaCores')).toMatchObject({ declared: '0.5 cores', enforced: '? (missing)' })
  })

  it('systemd, unlimited: none on both sides', () => {
    const { snapshot, container } = onFixture('v2-systemd', {})
    expect(limitDifferences(snapshot, container)).toEqual([])
    expect(rowOf(compareLimits(snapshot, container), 'memoryBytes')).toMatchObject({ declared: 'none', enforced: 'none', verdict: 'same' })
  })
})

describe('compareLimits without one side', () => {
  it('no engine, not running, or a snapshot from before a field: unknown, never a difference', () => {
    const { snapshot, container } = onFixture('v2-cgroupfs', {})
    expect(compareLimits(snapshot, { ...container, declared: null }).every((r) => r.verdict === 'unknown' && r.declared === 'unknown')).toBe(true)
    expect(compareLimits(snapshot, { ...container, limits: null }).every((r) => r.verdict === 'unknown' && r.enforced === 'no cgroup')).toBe(true)
    const unread = { ...container, limits: null, problems: [{ field: 'limits' as const, reason: 'unavailable' as const, message: 'the cgroup /docker/x was not in the kernel report' }] }
    expect(compareLimits(snapshot, unread).every((r) => r.verdict === 'unknown' && r.enforced === '? (unavailable)')).toBe(true)
    const old = { ...container, declared: declared() }
    expect(rowOf(compareLimits(snapshot, old), 'cpuShares')).toMatchObject({ declared: '?', verdict: 'unknown' })
  })
})
