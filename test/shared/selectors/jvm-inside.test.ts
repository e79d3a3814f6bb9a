// The JVM inside: processors the JVM counts, and the "heap sized from the host" finding, on snapshots
// whose jvm records come from the real files in test/fixtures/hsperfdata (via the real parser).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DOCKER_DEFAULT_CAPS } from '../../../shared/capabilities'
import type { CgroupLimits, HostSnapshot, JvmInfo, ProcessInfo } from '../../../shared/model'
import { findingsFor } from '../../../shared/selectors/findings'
import { jvmSummaryText, jvmsInside } from '../../../shared/selectors/jvm-inside'
import { jvmFromCounters } from '../../../main/probe/hsperfdata-jvm'
import { parseHsperfdata } from '../../../main/probe/hsperfdata-parse'
import { declared, proc, HOST_NS } from '../../model/process-builder'

const ID = 'e'.repeat(64)
const CAPS = { effective: [...DOCKER_DEFAULT_CAPS], permitted: [...DOCKER_DEFAULT_CAPS], inheritable: [], bounding: [...DOCKER_DEFAULT_CAPS], ambient: [] }
const MIB = 1024 * 1024

function realJvm(file: string, extra: Partial<JvmInfo> = {}): JvmInfo {
  const counters = parseHsperfdata(readFileSync(join(__dirname, '../../fixtures/hsperfdata', file))).counters
  return { path: '/tmp/hsperfdata_root/1', ...jvmFromCounters(counters), affinityCpus: 2, ...extra }
}

function snapshot(jvm: JvmInfo | null, limits: Partial<CgroupLimits>): HostSnapshot {
  const java: ProcessInfo = {
    ...proc(800, { containerId: ID, comm: 'java', nspid: [800, 1], capabilities: CAPS, seccomp: { mode: 'filter', filters: 1 }, namespaces: { ...HOST_NS, pid: 9, net: 10, ipc: 11, uts: 12, mnt: 13 } }),
    jvm,
    ...(jvm ? {} : { problems: [{ field: 'jvm' as const, reason: 'missing' as const, message: 'no /tmp/hsperfdata_*/1' }] })
  }
  const all: CgroupLimits = { memoryBytes: 256 * MIB, memorySwapBytes: null, cpuQuotaCores: null, cpusetCpus: null, pidsMax: 100, ...limits }
  return {
    schemaVersion: 1,
    takenAt: '2026-12-07T00:00:00Z',
    host: { hostname: 'h', kernel: 'k', cgroupVersion: 1, cgroupLayout: 'hybrid', cpus: 2, memoryBytes: 25 * 1024 * MIB, capLastCap: 40, probeUid: 0 },
    engine: { reachable: true, version: '20.10', apiVersion: '1.41', cgroupDriver: 'cgroupfs', cgroupVersion: '1', securityOptions: [], endpoint: 'unix:///x' },
    containers: [
      { id: ID, name: 'jvm', image: 'i', state: 'running', pid: 800, processes: [800], cgroupPath: '/docker/e', declared: declared({}), limits: all, usage: null, mounts: null, labels: {}, source: 'engine', problems: [] }
    ],
    processes: [java],
    namespaces: [],
    cgroups: [],
    problems: []
  }
}

const heapFinding = (s: HostSnapshot) => findingsFor(s, s.containers[0]!).find((f) => f.kind === 'jvm-heap-from-host')

describe('jvmsInside', () => {
  it('container support on, no quota: the CPUs it may run on; heap within the limit, no finding', () => {
    const s = snapshot(realJvm('serial-support-on-256m'), {})
    expect(jvmsInside(s, s.containers[0]!)).toMatchObject([{ hostPid: 800, pidInside: 1, memoryLimitBytes: 256 * MIB, processors: { count: 2 }, heapSizedFromHost: false }])
    expect(heapFinding(s)).toBeUndefined()
  })

  it('the quota caps the count, rounded up, only with container support; the flag overrides all', () => {
    const on = snapshot(realJvm('serial-support-on-256m'), { cpuQuotaCores: 1 })
    expect(jvmsInside(on, on.containers[0]!)[0]?.processors).toEqual({ count: 1, basis: 'CPU quota, rounded up' })
    const fraction = snapshot(realJvm('serial-support-on-256m'), { cpuQuotaCores: 0.2 })
    expect(jvmsInside(fraction, fraction.containers[0]!)[0]?.processors?.count).toBe(1)
    const off = snapshot(realJvm('g1-support-off-256m'), { cpuQuotaCores: 1 })
    expect(jvmsInside(off, off.containers[0]!)[0]?.processors?.count).toBe(2)
    const flag = snapshot(realJvm('g1-support-off-256m', { activeProcessorCountFlag: 6 }), { cpuQuotaCores: 1 })
    expect(jvmsInside(flag, flag.containers[0]!)[0]?.processors).toEqual({ count: 6, basis: '-XX:ActiveProcessorCount' })
    const shares = snapshot(realJvm('serial-support-on-256m', { useContainerCpuShares: true }), { cpuShares: 512 })
    expect(jvmsInside(shares, shares.containers[0]!)[0]?.processors?.count).toBe(1)
    const sharesIgnored = snapshot(realJvm('serial-support-on-256m'), { cpuShares: 512 })
    expect(jvmsInside(sharesIgnored, sharesIgnored.containers[0]!)[0]?.processors?.count).toBe(2)
  })

  it('an unreadable file shows its problem, no finding', () => {
    const s = snapshot(null, {})
    expect(jvmsInside(s, s.containers[0]!)).toMatchObject([{ jvm: null, problem: { reason: 'missing' }, processors: null }])
    expect(heapFinding(s)).toBeUndefined()
  })
})

describe('finding: heap sized from the host', () => {
  it('high when the max heap exceeds the memory limit (the real -XX:-UseContainerSupport file)', () => {
    const f = heapFinding(snapshot(realJvm('g1-support-off-256m'), {}))
    expect(f).toMatchObject({ severity: 'high', title: 'heap sized from the host', declared: 'memory limit 256 MiB', enforced: 'max heap 5.9 GiB, -XX:-UseContainerSupport' })
    expect(f?.evidence).toContain('java pid 800 (1 inside)')
  })

  it('medium when support is off but the heap fits (an explicit -Xmx); none without a memory limit', () => {
    expect(heapFinding(snapshot(realJvm('g1-support-off-256m', { maxHeapBytes: 64 * MIB }), {}))?.severity).toBe('medium')
    expect(heapFinding(snapshot(realJvm('g1-support-off-256m'), { memoryBytes: null }))).toBeUndefined()
  })
})

describe('jvmSummaryText (the snapshot text line)', () => {
  it('says what the JVM decided next to the limit, and why a JVM is missing', () => {
    const off = snapshot(realJvm('g1-support-off-256m'), { cpuQuotaCores: 1 })
    expect(jvmSummaryText(jvmsInside(off, off.containers[0]!)[0]!)).toBe('pid 1: G1, max heap 5.9 GiB > memory limit 256 MiB (sized from the host), 2 processors, container support off')
    const on = snapshot(realJvm('serial-support-on-256m'), { cpuQuotaCores: 1 })
    expect(jvmSummaryText(jvmsInside(on, on.containers[0]!)[0]!)).toBe('pid 1: Serial, max heap 126 MiB of memory limit 256 MiB, 1 processor, container support on')
    const none = snapshot(null, {})
    expect(jvmSummaryText(jvmsInside(none, none.containers[0]!)[0]!)).toBe('pid 1: no /tmp/hsperfdata_*/1')
  })
})
