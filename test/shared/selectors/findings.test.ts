import { describe, expect, it } from 'vitest'
import { DOCKER_DEFAULT_CAPS } from '../../../shared/capabilities'
import type { HostSnapshot } from '../../../shared/model'
import { allFindings, countBySeverity, expectedCapabilities, findingsFor } from '../../../shared/selectors/findings'
import { declared, proc, HOST_NS } from '../../model/process-builder'
import { byName, loadVaried } from './fixture'

const varied = loadVaried()
const kinds = (name: string): string[] => findingsFor(varied, byName(varied, name)).map((f) => f.kind + (f.title.startsWith('CAP_') ? `:${f.title.split(' ')[0]}` : ''))

describe('findings on the real varied host', () => {
  it('flags --pid host, seccomp unconfined and the added CAP_SYS_PTRACE of debug-tools as high', () => {
    const f = findingsFor(varied, byName(varied, 'debug-tools'))
    const high = f.filter((x) => x.severity === 'high').map((x) => x.title)
    expect(high).toEqual(expect.arrayContaining(["the host's PID namespace", 'seccomp disabled', 'CAP_SYS_PTRACE added']))
    expect(f[0]?.severity).toBe('high')
  })
  it('flags the mounted docker.sock and the added NET_ADMIN and SYS_TIME of netadmin', () => {
    expect(kinds('netadmin')).toEqual(expect.arrayContaining(['docker-socket', 'dangerous-capability:CAP_NET_ADMIN', 'dangerous-capability:CAP_SYS_TIME']))
  })
  it('flags CAP_SYS_ADMIN on the nested container', () => {
    expect(kinds('nested')).toContain('dangerous-capability:CAP_SYS_ADMIN')
  })
  it('does not complain about no-new-privileges or a writable root on batch (--read-only, no-new-privileges)', () => {
    expect(kinds('batch')).not.toContain('no-new-privileges-off')
    expect(kinds('batch')).not.toContain('writable-rootfs')
    expect(kinds('batch')).not.toContain('no-memory-limit')
    expect(kinds('batch')).toContain('no-pids-limit')
  })
  it('sees that sidecar (uid 1000, cap-drop ALL) is not root and holds no capabilities', () => {
    expect(kinds('sidecar')).not.toContain('root-without-userns')
    expect(kinds('sidecar').some((k) => k.includes('capabilit'))).toBe(false)
  })
  it('finds no declared-vs-enforced differences on this host: every limit and cap set matches', () => {
    const differ = allFindings(varied).filter((f) => f.kind.endsWith('-differs') || f.kind === 'capabilities-differ')
    expect(differ).toEqual([])
  })
  it('judges a stopped container by what was declared only', () => {
    expect(findingsFor(varied, byName(varied, 'old-job'))).toEqual([])
  })
  it('sorts every finding most severe first and counts them', () => {
    const all = allFindings(varied)
    const ranks = all.map((f) => ['high', 'medium', 'low'].indexOf(f.severity))
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
    const counts = countBySeverity(all)
    expect(counts.high + counts.medium + counts.low).toBe(all.length)
    expect(new Set(all.map((f) => f.id)).size).toBe(all.length)
  })
  it('gives every finding one sentence of why', () => {
    for (const f of allFindings(varied)) expect(f.why).toMatch(/^[A-Z].*[.]$/)
  })
})

describe('declared against enforced', () => {
  const ID = 'c'.repeat(64)
  function snapshotWith(over: { declared?: ReturnType<typeof declared>; init?: Parameters<typeof proc>[1]; limits?: HostSnapshot['containers'][number]['limits'] }): HostSnapshot {
    const init = proc(500, { containerId: ID, namespaces: { ...HOST_NS, pid: 9, net: 10, ipc: 11, uts: 12, mnt: 13 }, ...over.init })
    return {
      schemaVersion: 1,
      takenAt: '2026-11-28T00:00:00Z',
      host: { hostname: 'h', kernel: 'k', cgroupVersion: 2, cgroupLayout: 'v2', cpus: 4, memoryBytes: 8 * 2 ** 30, capLastCap: 40, probeUid: 0 },
      engine: { reachable: true, version: '29', apiVersion: '1.51', cgroupDriver: 'systemd', cgroupVersion: '2', securityOptions: [], endpoint: 'unix:///x' },
      containers: [
        {
          id: ID,
          name: 'c',
          image: 'i',
          state: 'running',
          pid: 500,
          processes: [500],
          cgroupPath: '/c',
          declared: over.declared ?? declared(),
          limits: over.limits ?? { memoryBytes: 1024, memorySwapBytes: null, cpuQuotaCores: null, cpusetCpus: null, pidsMax: 10 },
          usage: null,
          mounts: null,
          labels: {},
          source: 'engine',
          problems: []
        }
      ],
      processes: [init],
      namespaces: Object.entries(HOST_NS).map(([type, inode]) => ({ type: type as never, inode, pids: [1], isHost: true, containerIds: [] })),
      cgroups: [],
      problems: []
    }
  }
  const defaultCaps = { effective: [...DOCKER_DEFAULT_CAPS], permitted: [...DOCKER_DEFAULT_CAPS], inheritable: [], bounding: [...DOCKER_DEFAULT_CAPS], ambient: [] }

  it('reports a declared seccomp profile the kernel does not enforce', () => {
    const s = snapshotWith({ init: { capabilities: defaultCaps, seccomp: { mode: 'disabled', filters: 0 } } })
    const f = findingsFor(s, s.containers[0]!).find((x) => x.kind === 'seccomp-differs')
    expect(f).toMatchObject({ severity: 'high', declared: 'default profile', enforced: 'Seccomp 0 (disabled)' })
  })
  it('reports a memory limit that differs from the declared one, with both numbers', () => {
    const s = snapshotWith({
      declared: declared({ resources: { memoryBytes: 64 * 2 ** 20, memorySwapBytes: null, cpuQuotaCores: 0.5, cpusetCpus: null, pidsMax: 10 } }),
      init: { capabilities: defaultCaps, seccomp: { mode: 'filter', filters: 1 } },
      limits: { memoryBytes: 32 * 2 ** 20, memorySwapBytes: null, cpuQuotaCores: 0.5, cpusetCpus: null, pidsMax: 10 }
    })
    const f = findingsFor(s, s.containers[0]!).filter((x) => x.kind === 'limit-differs')
    expect(f).toHaveLength(1)
    expect(f[0]).toMatchObject({ declared: '64 MiB', enforced: '32 MiB' })
  })
  it('reports no-new-privileges declared but off in the kernel', () => {
    const s = snapshotWith({ declared: declared({ noNewPrivileges: true }), init: { capabilities: defaultCaps, seccomp: { mode: 'filter', filters: 1 }, noNewPrivs: false } })
    expect(findingsFor(s, s.containers[0]!).map((f) => f.kind)).toContain('no-new-privileges-differs')
  })
  it('reports capabilities the kernel holds beyond the declared add/drop lists', () => {
    const s = snapshotWith({
      declared: declared({ capDrop: ['CAP_NET_RAW'] }),
      init: { capabilities: { ...defaultCaps, bounding: [...DOCKER_DEFAULT_CAPS] }, seccomp: { mode: 'filter', filters: 1 } }
    })
    const f = findingsFor(s, s.containers[0]!).find((x) => x.kind === 'capabilities-differ')
    expect(f?.enforced).toContain('+CAP_NET_RAW')
  })
  it('does not report a cpuset that names every host CPU as a difference', () => {
    const s = snapshotWith({
      declared: declared({ resources: { memoryBytes: 1024, memorySwapBytes: null, cpuQuotaCores: null, cpusetCpus: '0-3', pidsMax: 10 } }),
      init: { capabilities: defaultCaps, seccomp: { mode: 'filter', filters: 1 } }
    })
    expect(findingsFor(s, s.containers[0]!).map((f) => f.kind)).not.toContain('limit-differs')
  })
  it('reports privileged once instead of every capability', () => {
    const all = ['CAP_SYS_ADMIN', 'CAP_SYS_MODULE', ...DOCKER_DEFAULT_CAPS]
    const s = snapshotWith({ declared: declared({ privileged: true }), init: { capabilities: { ...defaultCaps, effective: all, bounding: all }, seccomp: { mode: 'disabled', filters: 0 } } })
    const k = findingsFor(s, s.containers[0]!).map((f) => f.kind)
    expect(k).toContain('privileged')
    expect(k).not.toContain('dangerous-capability')
    expect(k).not.toContain('seccomp-disabled')
  })
  it('skips a limit the probe could not read instead of calling it unlimited', () => {
    const s = snapshotWith({ init: { capabilities: defaultCaps, seccomp: { mode: 'filter', filters: 1 } }, limits: { memoryBytes: null, memorySwapBytes: null, cpuQuotaCores: null, cpusetCpus: null, pidsMax: 10 } })
    s.containers[0]!.problems.push({ field: 'limits.memoryBytes', reason: 'denied', message: 'EACCES' })
    expect(findingsFor(s, s.containers[0]!).map((f) => f.kind)).not.toContain('no-memory-limit')
  })
})

describe('expectedCapabilities (how the daemon combines add and drop)', () => {
  it('is the default set minus drops plus adds', () => {
    const set = expectedCapabilities(['CAP_SYS_ADMIN'], ['CAP_NET_RAW'])!
    expect(set).toContain('CAP_SYS_ADMIN')
    expect(set).not.toContain('CAP_NET_RAW')
    expect(set).toHaveLength(14)
  })
  it('is exactly the adds after drop ALL', () => {
    expect(expectedCapabilities(['CAP_NET_BIND_SERVICE'], ['ALL'])).toEqual(['CAP_NET_BIND_SERVICE'])
  })
  it('cannot be known for add ALL (it depends on the daemon)', () => {
    expect(expectedCapabilities(['ALL'], [])).toBeNull()
  })
})
