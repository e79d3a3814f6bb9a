import { describe, expect, it } from 'vitest'
import type { HostSnapshot } from '../../../shared/model'
import { sharingMap } from '../../../shared/selectors/namespace-map'
import { HOST_NS, declared, proc } from '../../model/process-builder'
import { loadVaried } from './fixture'

const varied = loadVaried()
const map = sharingMap(varied)
const row = (name: string) => map.rows.find((r) => r.label === name)!
const cell = (name: string, type: string) => row(name).cells.find((c) => c.type === type)!

describe('the sharing map on the real varied host', () => {
  it('has the host first, then running containers by name, then stopped ones', () => {
    expect(map.rows.map((r) => r.label)).toEqual(['host vm', 'batch', 'debug-tools', 'nested', 'netadmin', 'sidecar', 'web', 'old-job'])
    expect(map.types).toHaveLength(8)
  })
  it("names Glasshouse's own helper container for what it is, its host PID namespace still shown", () => {
    const withHelper: HostSnapshot = {
      ...varied,
      containers: varied.containers.map((c) => (c.name === 'debug-tools' ? { ...c, labels: { ...c.labels, 'glasshouse.helper': '1' } } : c))
    }
    const labels = sharingMap(withHelper).rows.map((r) => r.label)
    expect(labels).toContain('Glasshouse helper')
    expect(labels).not.toContain('debug-tools')
    expect(sharingMap(withHelper).rows.find((r) => r.label === 'Glasshouse helper')!.cells.find((c) => c.type === 'pid')!.relation).toBe('host')
  })
  it("marks debug-tools' PID namespace as the host's", () => {
    expect(cell('debug-tools', 'pid').relation).toBe('host')
    expect(cell('batch', 'pid').relation).toBe('own')
  })
  it('says sidecar joined the network namespace of web, as declared (--network container:web)', () => {
    expect(cell('sidecar', 'net')).toMatchObject({ relation: 'joined', joinedBy: 'declared' })
    expect(cell('sidecar', 'net').joinedFrom).toBe(varied.containers.find((c) => c.name === 'web')?.id)
    expect(cell('web', 'net').relation).toBe('shared')
  })
  it('gives the shared network namespace one group with a letter, both cells the same group', () => {
    const g = cell('web', 'net').group
    expect(g).not.toBeNull()
    expect(cell('sidecar', 'net').group).toBe(g)
    expect(map.groups[g!]).toMatchObject({ type: 'net', letter: 'A', includesHost: false })
  })
  it("treats time, user and (cgroupns host) cgroup as Docker's default host sharing", () => {
    expect(cell('web', 'user')).toMatchObject({ relation: 'host', expectedHost: true })
    expect(cell('debug-tools', 'pid').expectedHost).toBe(false)
  })
  it('counts the extra nested PID namespace among the processes of "nested"', () => {
    expect(cell('nested', 'pid').extra).toBe(1)
  })
  it('has no namespaces for the stopped container', () => {
    expect(row('old-job').running).toBe(false)
    expect(row('old-job').cells.every((c) => c.relation === 'none')).toBe(true)
  })
})

describe('who joined whom without a declared mode', () => {
  it('infers it from start order for a shared namespace type Docker has no mode for', () => {
    const A = 'a'.repeat(64)
    const B = 'b'.repeat(64)
    const shared = { ...HOST_NS, mnt: 77 }
    const s = {
      host: { hostname: 'h', cpus: 1, memoryBytes: 1 },
      containers: [
        { id: A, name: 'first', pid: 10, declared: declared(), processes: [10] },
        { id: B, name: 'second', pid: 20, declared: declared(), processes: [20] }
      ],
      processes: [proc(10, { containerId: A, namespaces: shared, startTicks: 5 }), proc(20, { containerId: B, namespaces: shared, startTicks: 9 })],
      namespaces: [
        { type: 'mnt', inode: 77, pids: [10, 20], isHost: false, containerIds: [A, B] },
        ...Object.entries(HOST_NS)
          .filter(([t]) => t !== 'mnt')
          .map(([type, inode]) => ({ type, inode, pids: [1, 10, 20], isHost: true, containerIds: [A, B] }))
      ],
      cgroups: []
    } as unknown as HostSnapshot
    const m = sharingMap(s)
    const second = m.rows.find((r) => r.label === 'second')!.cells.find((c) => c.type === 'mnt')!
    expect(second).toMatchObject({ relation: 'joined', joinedFrom: A, joinedBy: 'start-order' })
    expect(m.rows.find((r) => r.label === 'first')!.cells.find((c) => c.type === 'mnt')!.relation).toBe('shared')
  })
})
