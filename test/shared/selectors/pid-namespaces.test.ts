import { describe, expect, it } from 'vitest'
import type { HostSnapshot } from '../../../shared/model'
import { chainText, flattenPidTree, pidNamespaceTree } from '../../../shared/selectors/pid-namespaces'
import { HOST_NS, proc } from '../../model/process-builder'
import { loadVaried } from './fixture'

const varied = loadVaried()

describe('the PID namespace tree on the real varied host', () => {
  const root = pidNamespaceTree(varied)
  const all = flattenPidTree(root)
  const names = (ids: string[]): string[] => ids.map((id) => varied.containers.find((c) => c.id === id)?.name ?? id)

  it('puts the host PID namespace at the root, with every host process and the --pid host container', () => {
    expect(root.isHost).toBe(true)
    expect(root.depth).toBe(0)
    expect(names(root.containerIds)).toEqual(['debug-tools'])
    expect(root.processes.find((p) => p.pid === 8268)?.chain).toEqual([8268])
  })
  it('gives each of the five other running containers its own namespace one level down', () => {
    expect(root.children.map((c) => names(c.containerIds)[0])).toEqual(['batch', 'nested', 'netadmin', 'sidecar', 'web'])
    expect(root.children.every((c) => c.depth === 1)).toBe(true)
  })
  it('nests the namespace created inside "nested" under the container\'s own, with three-step chains', () => {
    const nested = root.children.find((c) => names(c.containerIds)[0] === 'nested')!
    expect(nested.children).toHaveLength(1)
    const inner = nested.children[0]!
    expect(inner.depth).toBe(2)
    expect(inner.processes.map((p) => chainText(p.chain))).toEqual(['8433 → 7 → 1', '8434 → 8 → 2'])
  })
  it('shows host PID and namespace PID side by side for web', () => {
    const web = root.children.find((c) => names(c.containerIds)[0] === 'web')!
    expect(web.processes.map((p) => p.chain)).toEqual([
      [8151, 1],
      [8181, 7],
      [8182, 8]
    ])
  })
  it('places PID 1, whose namespace links could not be read, by its one-entry NSpid chain', () => {
    const pid1 = root.processes.find((p) => p.pid === 1)
    expect(pid1?.inferred).toBe(true)
    expect(all.reduce((n, ns) => n + ns.processes.length, 0)).toBe(varied.processes.length)
  })
})

describe('the PID namespace tree from hand-made chains', () => {
  function snapshot(processes: ReturnType<typeof proc>[]): HostSnapshot {
    return {
      host: { hostname: 'h' },
      containers: [],
      processes,
      namespaces: [{ type: 'pid', inode: HOST_NS.pid, pids: [1], isHost: true, containerIds: [] }],
      cgroups: []
    } as unknown as HostSnapshot
  }
  const C = 'c'.repeat(64)
  it('finds a nested namespace\'s parent through the parent process, three levels deep', () => {
    const s = snapshot([
      proc(1),
      proc(100, { containerId: C, nspid: [100, 1], namespaces: { ...HOST_NS, pid: 10 }, ppid: 1 }),
      proc(101, { containerId: C, nspid: [101, 2, 1], namespaces: { ...HOST_NS, pid: 11 }, ppid: 100 }),
      proc(102, { containerId: C, nspid: [102, 3, 2, 1], namespaces: { ...HOST_NS, pid: 12 }, ppid: 101 })
    ])
    const root = pidNamespaceTree(s)
    expect(root.children.map((c) => c.inode)).toEqual([10])
    expect(root.children[0]?.children.map((c) => c.inode)).toEqual([11])
    expect(root.children[0]?.children[0]?.children.map((c) => c.inode)).toEqual([12])
    expect(root.children[0]?.children[0]?.children[0]?.depth).toBe(3)
  })
  it('falls back to the same container\'s namespace one level up when the parent process is gone', () => {
    const s = snapshot([
      proc(1),
      proc(100, { containerId: C, nspid: [100, 1], namespaces: { ...HOST_NS, pid: 10 } }),
      proc(101, { containerId: C, nspid: [101, 2, 1], namespaces: { ...HOST_NS, pid: 11 }, ppid: 999 })
    ])
    expect(pidNamespaceTree(s).children[0]?.children[0]?.inode).toBe(11)
  })
  it('collects processes whose namespace cannot be placed in an "unreadable" box instead of dropping them', () => {
    const s = snapshot([proc(1), proc(300, { nspid: [300, 4], namespaces: { ...HOST_NS, pid: null } })])
    const box = pidNamespaceTree(s).children.find((c) => c.key === 'pid:unreadable')
    expect(box?.processes.map((p) => p.pid)).toEqual([300])
  })
})
