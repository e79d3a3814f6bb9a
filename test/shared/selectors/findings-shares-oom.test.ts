// Findings for the talk's own flags: --cpu-shares (v1 cpu.shares, v2 cpu.weight) and
// --oom-kill-disable (v1 memory.oom_control; v2 has no equivalent).
import { describe, expect, it } from 'vitest'
import { DOCKER_DEFAULT_CAPS } from '../../../shared/capabilities'
import type { CgroupLimits, CgroupVersion, DeclaredResources, HostSnapshot } from '../../../shared/model'
import { cpuWeightsFor, linearCpuWeight, quadraticCpuWeight } from '../../../shared/selectors/cpu-weight'
import { findingsFor, type Finding } from '../../../shared/selectors/findings'
import { declared, proc, HOST_NS } from '../../model/process-builder'

const ID = 'd'.repeat(64)
const CAPS = { effective: [...DOCKER_DEFAULT_CAPS], permitted: [...DOCKER_DEFAULT_CAPS], inheritable: [], bounding: [...DOCKER_DEFAULT_CAPS], ambient: [] }
const NO_LIMITS: CgroupLimits = { memoryBytes: null, memorySwapBytes: null, cpuQuotaCores: null, cpusetCpus: null, pidsMax: 10 }
const NO_RESOURCES: DeclaredResources = { memoryBytes: null, memorySwapBytes: null, cpuQuotaCores: null, cpusetCpus: null, pidsMax: 10 }

function findings(version: CgroupVersion, resources: Partial<DeclaredResources>, limits: Partial<CgroupLimits>): Finding[] {
  const init = proc(700, { containerId: ID, capabilities: CAPS, seccomp: { mode: 'filter', filters: 1 }, namespaces: { ...HOST_NS, pid: 9, net: 10, ipc: 11, uts: 12, mnt: 13 } })
  const controllers = { memory: version, cpu: version }
  const s: HostSnapshot = {
    schemaVersion: 1,
    takenAt: '2026-12-03T00:00:00Z',
    host: { hostname: 'h', kernel: 'k', cgroupVersion: version, cgroupLayout: version === 2 ? 'v2' : 'hybrid', cpus: 2, memoryBytes: 2 ** 33, capLastCap: 40, probeUid: 0 },
    engine: { reachable: true, version: '20.10', apiVersion: '1.41', cgroupDriver: 'cgroupfs', cgroupVersion: String(version), securityOptions: [], endpoint: 'unix:///x' },
    containers: [
      {
        id: ID,
        name: 'flags',
        image: 'i',
        state: 'running',
        pid: 700,
        processes: [700],
        cgroupPath: '/docker/d',
        declared: declared({ resources: { ...NO_RESOURCES, ...resources } }),
        limits: { ...NO_LIMITS, ...limits },
        usage: null,
        mounts: null,
        labels: {},
        source: 'engine',
        problems: []
      }
    ],
    processes: [init],
    namespaces: [],
    cgroups: [{ path: '/docker/d', controllers, limits: { ...NO_LIMITS, ...limits }, usage: { memoryBytes: null, memoryWorkingSetBytes: null, cpuSeconds: null, pids: null, cpusEffective: null }, problems: [] }],
    problems: []
  }
  return findingsFor(s, s.containers[0]!)
}

const of = (list: Finding[], kind: string, detail?: string): Finding | undefined =>
  list.find((f) => f.kind === kind && (detail === undefined || f.id.endsWith(`:${detail}`)))

describe('--cpu-shares', () => {
  it('maps shares to v2 weights with both runc conversions, keeping the ends of the ranges', () => {
    expect(linearCpuWeight(1024)).toBe(39)
    expect(quadraticCpuWeight(1024)).toBe(100)
    expect(cpuWeightsFor(512)).toEqual([20, 59])
    expect(cpuWeightsFor(2)).toEqual([1])
    expect(cpuWeightsFor(262144)).toEqual([10000])
    expect(cpuWeightsFor(null)).toEqual([100])
  })

  it('v1: no finding when cpu.shares is what was asked (or 1024 when nothing was)', () => {
    expect(of(findings(1, { cpuShares: 512 }, { cpuShares: 512, cpuWeight: null }), 'limit-differs', 'cpuShares')).toBeUndefined()
    expect(of(findings(1, { cpuShares: null }, { cpuShares: 1024, cpuWeight: null }), 'limit-differs', 'cpuShares')).toBeUndefined()
  })

  it('v1: reports cpu.shares that differ from --cpu-shares, with both sides', () => {
    const f = of(findings(1, { cpuShares: 512 }, { cpuShares: 1024, cpuWeight: null }), 'limit-differs', 'cpuShares')
    expect(f).toMatchObject({ severity: 'medium', declared: '--cpu-shares 512', enforced: 'cpu.shares 1024' })
  })

  it('v2: accepts either conversion and reports a weight that matches neither', () => {
    expect(of(findings(2, { cpuShares: 512 }, { cpuShares: null, cpuWeight: 20 }), 'limit-differs', 'cpuShares')).toBeUndefined()
    expect(of(findings(2, { cpuShares: 512 }, { cpuShares: null, cpuWeight: 59 }), 'limit-differs', 'cpuShares')).toBeUndefined()
    const f = of(findings(2, { cpuShares: 512 }, { cpuShares: null, cpuWeight: 100 }), 'limit-differs', 'cpuShares')
    expect(f).toMatchObject({ declared: '--cpu-shares 512 → cpu.weight 20 or 59', enforced: 'cpu.weight 100' })
  })

  it('says nothing when the kernel value is unknown or the snapshot predates the field', () => {
    expect(of(findings(1, { cpuShares: 512 }, { cpuShares: null, cpuWeight: null }), 'limit-differs', 'cpuShares')).toBeUndefined()
    expect(of(findings(1, {}, { cpuShares: 2 }), 'limit-differs', 'cpuShares')).toBeUndefined()
  })
})

describe('--oom-kill-disable', () => {
  it('without a memory limit: high, the host can be driven out of memory', () => {
    const f = of(findings(1, { oomKillDisable: true }, { memoryBytes: null, oomKillDisable: true }), 'oom-kill-disabled')
    expect(f).toMatchObject({ severity: 'high', title: 'OOM killer disabled without a memory limit' })
    expect(f?.why).toContain("host's own OOM killer")
  })

  it('with a memory limit: low, the container hangs at the limit instead of being killed', () => {
    const list = findings(1, { oomKillDisable: true, memoryBytes: 32 * 2 ** 20 }, { memoryBytes: 32 * 2 ** 20, oomKillDisable: true })
    expect(of(list, 'oom-kill-disabled')).toMatchObject({ severity: 'low', evidence: 'memory.oom_control oom_kill_disable 1' })
    expect(of(list, 'limit-differs', 'oomKillDisable')).toBeUndefined()
  })

  it('v1: declared but not enforced is a difference', () => {
    const f = of(findings(1, { oomKillDisable: true, memoryBytes: 1024 }, { memoryBytes: 1024, oomKillDisable: false }), 'limit-differs', 'oomKillDisable')
    expect(f).toMatchObject({ declared: '--oom-kill-disable', enforced: 'oom_kill_disable 0: kills at the limit' })
  })

  it('v2: declared, and the kernel has no such switch: say so', () => {
    const list = findings(2, { oomKillDisable: true, memoryBytes: 1024 }, { memoryBytes: 1024, oomKillDisable: null, cpuWeight: 100 })
    expect(of(list, 'limit-differs', 'oomKillDisable')).toMatchObject({ enforced: 'none: cgroup v2 has no oom_kill_disable, kills at the limit' })
    expect(of(list, 'oom-kill-disabled')).toBeUndefined()
  })

  it('v2 without a memory limit: the switch is ignored there, so no OOM-killer-off risk, only the difference', () => {
    const list = findings(2, { oomKillDisable: true }, { memoryBytes: null, oomKillDisable: null, cpuWeight: 100 })
    expect(of(list, 'oom-kill-disabled')).toBeUndefined()
    expect(of(list, 'limit-differs', 'oomKillDisable')).toBeDefined()
  })

  it('no finding for the default', () => {
    const list = findings(1, { oomKillDisable: false }, { memoryBytes: 1024, oomKillDisable: false })
    expect(list.filter((f) => f.kind === 'oom-kill-disabled' || f.id.endsWith(':oomKillDisable'))).toEqual([])
  })
})
