// The snapshot diff on the captured varied host, changed the way Docker would change it.
import { describe, expect, it } from 'vitest'
import type { HostSnapshot, KernelMount } from '../../../shared/model'
import { diffSnapshots, isEmptyDiff } from '../../../shared/selectors/snapshot-diff'
import { formatSnapshotDiff } from '../../../shared/snapshot-diff-text'
import { byName, loadVaried } from './fixture'

const copy = (s: HostSnapshot): HostSnapshot => JSON.parse(JSON.stringify(s)) as HostSnapshot
const mount = (mountPoint: string, readOnly: boolean): KernelMount => ({ mountPoint, fsType: 'ext4', source: '/dev/vda1', root: '/srv/data', readOnly, kind: 'bind' })

describe('diffSnapshots', () => {
  it('finds nothing between a snapshot and itself, nor when only counters moved', () => {
    const a = loadVaried()
    const b = copy(a)
    for (const c of b.containers) if (c.usage) c.usage.memoryBytes = (c.usage.memoryBytes ?? 0) + 4096
    expect(isEmptyDiff(diffSnapshots(a, b))).toBe(true)
  })

  it('a memory limit raised is that one change, in the kernel and in what Docker was asked', () => {
    const a = loadVaried()
    const b = copy(a)
    byName(b, 'web').limits!.memoryBytes = 128 * 2 ** 20
    byName(b, 'web').declared!.resources.memoryBytes = 128 * 2 ** 20
    const diff = diffSnapshots(a, b)
    expect(diff.added).toEqual([])
    expect(diff.removed).toEqual([])
    expect(diff.changed).toHaveLength(1)
    expect(diff.changed[0]).toMatchObject({
      name: 'web',
      limits: [
        { field: 'limits.memoryBytes', before: 64 * 2 ** 20, after: 128 * 2 ** 20 },
        { field: 'declared.memoryBytes', before: 64 * 2 ** 20, after: 128 * 2 ** 20 }
      ],
      capabilities: [],
      namespaces: [],
      processes: { added: [], removed: [] }
    })
    expect(formatSnapshotDiff(diff, { before: 'a', after: 'b' })).toContain('limits.memoryBytes: 64 MiB → 128 MiB')
  })

  it('containers added and removed, capabilities, namespaces, mounts and processes', () => {
    const a = loadVaried()
    const b = copy(a)
    b.containers = b.containers.filter((c) => c.name !== 'old-job')
    b.containers.push({ ...copy(a).containers.find((c) => c.name === 'old-job')!, id: 'f'.repeat(64), name: 'new-job' })
    const web = byName(b, 'web')
    const init = b.processes.find((p) => p.pid === web.pid)!
    const dropped = init.capabilities.effective[0]!
    init.capabilities.effective = init.capabilities.effective.slice(1)
    init.comm = 'renamed'
    byName(a, 'web').mounts = [mount('/data', false), mount('/old', false)]
    web.mounts = [mount('/data', true), mount('/new', false)]
    // web joins batch's UTS namespace (as --uts container:batch would).
    const batchInit = b.processes.find((p) => p.pid === byName(b, 'batch').pid)!
    const webUts = init.namespaces.uts
    init.namespaces.uts = batchInit.namespaces.uts
    const ns = b.namespaces.find((n) => n.type === 'uts' && n.inode === batchInit.namespaces.uts)!
    ns.containerIds = [...new Set([...ns.containerIds, web.id])]
    const old = b.namespaces.find((n) => n.type === 'uts' && n.inode === webUts)!
    old.containerIds = old.containerIds.filter((id) => id !== web.id)

    const diff = diffSnapshots(a, b)
    expect(diff.added.map((c) => c.name)).toEqual(['new-job'])
    expect(diff.removed.map((c) => c.name)).toEqual(['old-job'])
    const w = diff.changed.find((c) => c.name === 'web')!
    expect(w.capabilities).toEqual([{ set: 'effective', added: [], removed: [dropped] }])
    expect(w.processes.added).toEqual(['renamed'])
    expect(w.processes.removed).toHaveLength(1)
    expect(w.mounts.added).toEqual(['/new (ext4 /dev/vda1:/srv/data, rw)'])
    expect(w.mounts.removed).toEqual(['/old (ext4 /dev/vda1:/srv/data, rw)'])
    expect(w.mounts.changed).toEqual([{ field: '/data', before: '/data (ext4 /dev/vda1:/srv/data, rw)', after: '/data (ext4 /dev/vda1:/srv/data, ro)' }])
    expect(w.namespaces).toEqual([{ field: 'uts', before: 'own', after: 'shared with batch' }])
  })
})
