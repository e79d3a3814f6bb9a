import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { HostSnapshot } from '../../shared/model'
import { processKey } from '../../shared/identity'
import { applyPatch, diffSnapshots, isEmptyPatch, sortSnapshot } from '../../shared/snapshot-patch'

// A real snapshot of this host with seven varied containers.
const base = sortSnapshot(JSON.parse(readFileSync(new URL('../fixtures/snapshots/host-varied.json', import.meta.url), 'utf8')) as HostSnapshot)
const clone = (s: HostSnapshot): HostSnapshot => structuredClone(s)

function withoutUsage(s: HostSnapshot): unknown {
  return {
    ...s,
    containers: s.containers.map((c) => ({ ...c, usage: null })),
    cgroups: s.cgroups.map((c) => ({ ...c, usage: null }))
  }
}

describe('snapshot patches', () => {
  it('an unchanged snapshot gives an empty patch', () => {
    const patch = diffSnapshots(base, clone(base))
    expect(isEmptyPatch(patch)).toBe(true)
  })

  it('a container that stops: its processes and namespaces are removed, the container is updated', () => {
    const after = clone(base)
    const web = after.containers.find((c) => c.name === 'web')!
    const gone = new Set(web.processes)
    web.state = 'exited'
    web.pid = null
    web.processes = []
    after.processes = after.processes.filter((p) => !gone.has(p.pid))
    after.namespaces = after.namespaces
      .map((n) => ({ ...n, pids: n.pids.filter((pid) => !gone.has(pid)) }))
      .filter((n) => n.pids.length > 0)
    const patch = diffSnapshots(base, after)
    expect(patch.upsert.containers.map((c) => c.name)).toEqual(['web'])
    expect(patch.remove.processes).toEqual(base.processes.filter((p) => gone.has(p.pid)).map(processKey))
    expect(patch.remove.namespaces.length).toBeGreaterThan(0)
    expect(applyPatch(base, patch)).toEqual(after)
  })

  it('a new process and a changed limit round-trip, and a reused PID is a different process', () => {
    const after = clone(base)
    const template = after.processes.find((p) => p.containerId !== null)!
    const oldKey = processKey(template)
    after.processes.push({ ...template, pid: 99999, startTicks: 123 })
    const reused = after.processes.find((p) => p.pid === template.pid)!
    reused.startTicks = (reused.startTicks ?? 0) + 1
    after.containers.find((c) => c.name === 'web')!.limits!.pidsMax = 10
    const sorted = sortSnapshot(after)
    const patch = diffSnapshots(base, sorted)
    expect(patch.remove.processes).toEqual([oldKey])
    expect(patch.upsert.processes.map((p) => p.pid).sort()).toEqual([template.pid, 99999].sort())
    expect(applyPatch(base, patch)).toEqual(sorted)
  })

  it('usage alone is not a structural change: it travels in samples', () => {
    const after = clone(base)
    for (const c of after.containers) if (c.usage) c.usage.memoryBytes = (c.usage.memoryBytes ?? 0) + 4096
    const patch = diffSnapshots(base, after)
    expect(patch.upsert.containers).toEqual([])
    expect(withoutUsage(applyPatch(base, patch))).toEqual(withoutUsage(after))
  })

  it('carries engine and host changes only when they changed', () => {
    const after = clone(base)
    after.engine = { reachable: false, error: 'gone', endpoint: 'unix:///var/run/docker.sock' }
    const patch = diffSnapshots(base, after)
    expect(patch.engine).toEqual(after.engine)
    expect(patch.host).toBeUndefined()
    expect(applyPatch(base, patch).engine).toEqual(after.engine)
  })

  it('is much smaller than the snapshot for a one-container change', () => {
    const after = clone(base)
    after.containers.find((c) => c.name === 'batch')!.state = 'paused'
    const patch = diffSnapshots(base, after)
    expect(JSON.stringify(patch).length).toBeLessThan(JSON.stringify(after).length / 10)
  })
})
