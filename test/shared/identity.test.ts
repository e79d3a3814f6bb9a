// Kernel identity keys: one definition, and every user (patches, probe reuse, PID tree, hover
// highlighting) keys a process or namespace the same way.
import { describe, expect, it } from 'vitest'
import { cgroupKey, containerKey, namespaceKey, parseNamespaceKey, processKey } from '../../shared/identity'
import { NAMESPACE_TYPES } from '../../shared/model'
import { pidNamespaceTree, type PidNsNode } from '../../shared/selectors/pid-namespaces'
import { diffSnapshots } from '../../shared/snapshot-patch'
import { loadVaried } from './selectors/fixture'

describe('identity keys', () => {
  it('a process is its pid and start time; an unreadable start time is "?"', () => {
    expect(processKey({ pid: 42, startTicks: 123456 })).toBe('42:123456')
    expect(processKey({ pid: 42, startTicks: null })).toBe('42:?')
    expect(processKey({ pid: 42, startTicks: 1 })).not.toBe(processKey({ pid: 42, startTicks: 2 }))
  })

  it('a namespace key round-trips for every type, and anything else is not one', () => {
    for (const type of NAMESPACE_TYPES) expect(parseNamespaceKey(namespaceKey(type, 4026531840))).toEqual({ type, inode: 4026531840 })
    for (const bad of ['', 'net', 'net:', 'net:abc', 'bogus:4026531840', '4026531840', 'pid:host', 'net:-1']) expect(parseNamespaceKey(bad), bad).toBeNull()
  })

  it('cgroups are keyed by path, containers by id', () => {
    expect(cgroupKey({ path: '/docker/abc' })).toBe('/docker/abc')
    expect(containerKey({ id: 'f'.repeat(64) })).toBe('f'.repeat(64))
  })

  it('the PID tree and a live patch key the same process the same way, also without a start time', () => {
    const before = loadVaried()
    const target = before.processes[before.processes.length - 1]!
    const after = { ...before, processes: before.processes.map((p) => (p === target ? { ...p, startTicks: null } : p)) }
    // The PID tree's process keys
    const treeKeys = new Set<string>()
    const walk = (n: PidNsNode): void => {
      for (const p of n.processes) treeKeys.add(p.key)
      n.children.forEach(walk)
    }
    walk(pidNamespaceTree(after))
    expect(treeKeys).toContain(processKey({ pid: target.pid, startTicks: null }))
    // The patch removes the old identity and adds the new one under the same key scheme.
    const patch = diffSnapshots(before, after)
    expect(patch.remove.processes).toEqual([processKey(target)])
    expect(patch.upsert.processes.map(processKey)).toEqual([`${target.pid}:?`])
  })
})
