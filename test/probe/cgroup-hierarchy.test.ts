import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { discoverHierarchy } from '../../main/probe/cgroup-hierarchy'
import { cgroupRootOf } from './cgroup-fixture'

function controllers(map: Map<string, string>): string[] {
  return [...map.keys()].sort()
}

describe('discoverHierarchy on fixture trees', () => {
  it('reads the captured hybrid host: one hierarchy per controller, cgroup2 under unified/', () => {
    const root = cgroupRootOf('v1-hybrid-cgroupfs')
    const h = discoverHierarchy(root)
    expect(h.layout).toBe('hybrid')
    expect(h.version).toBe(1)
    expect(h.unifiedDir).toBe(join(root, 'unified'))
    expect(controllers(h.v1)).toEqual(['blkio', 'cpu', 'cpuacct', 'cpuset', 'devices', 'freezer', 'memory', 'name=systemd', 'pids'])
    expect(h.v1.get('cpu')).toBe(join(root, 'cpu'))
    expect(h.v1.get('cpuacct')).toBe(join(root, 'cpuacct'))
    expect(h.v1.get('name=systemd')).toBe(join(root, 'systemd'))
  })

  it('splits comounted hierarchies and maps their symlinks to the real directory', () => {
    const root = cgroupRootOf('v1-systemd')
    const h = discoverHierarchy(root)
    expect(h.layout).toBe('v1')
    expect(h.version).toBe(1)
    expect(h.unifiedDir).toBeNull()
    expect(h.v1.get('cpu')).toBe(join(root, 'cpu,cpuacct'))
    expect(h.v1.get('cpuacct')).toBe(join(root, 'cpu,cpuacct'))
    expect(h.v1.get('net_prio')).toBe(join(root, 'net_cls,net_prio'))
    expect(controllers(h.v1)).toEqual([
      'blkio', 'cpu', 'cpuacct', 'cpuset', 'devices', 'freezer', 'memory', 'name=systemd', 'net_cls', 'net_prio', 'pids'
    ])
  })

  it.each(['v2-cgroupfs', 'v2-systemd', 'v2-rootless'])('recognises %s as pure v2 by its root cgroup.controllers', (fixture) => {
    const root = cgroupRootOf(fixture)
    const h = discoverHierarchy(root)
    expect(h).toEqual({ layout: 'v2', version: 2, v1: new Map(), unifiedDir: root })
  })
})

describe('discoverHierarchy degrades', () => {
  let dir: string | null = null
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
    dir = null
  })

  it('returns no hierarchies for an absent root instead of throwing', () => {
    dir = mkdtempSync(join(tmpdir(), 'glasshouse-cgroup-'))
    const h = discoverHierarchy(join(dir, 'nope'))
    expect(h.v1.size).toBe(0)
    expect(h.unifiedDir).toBeNull()
    expect(h.layout).toBe('v1')
  })
})

describe('discoverHierarchy on this host', () => {
  // The test VM is documented as cgroup v1 hybrid (kernel-facts §0); this pins that down.
  it('sees the v1 hybrid layout of /sys/fs/cgroup', () => {
    const h = discoverHierarchy('/sys/fs/cgroup')
    expect(h.layout).toBe('hybrid')
    expect(h.version).toBe(1)
    expect(h.unifiedDir).toMatch(/\/unified$/)
    for (const controller of ['memory', 'cpu', 'cpuacct', 'cpuset', 'pids', 'name=systemd']) {
      expect(h.v1.has(controller), controller).toBe(true)
    }
  })
})
