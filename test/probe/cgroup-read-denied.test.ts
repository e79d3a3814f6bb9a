// EACCES cannot be produced by file modes while the tests run as root, so node:fs is wrapped to refuse
// chosen paths exactly the way the kernel would (an error with code EACCES).
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { discoverHierarchy } from '../../main/probe/cgroup-hierarchy'
import { readCgroup } from '../../main/probe/cgroup-read'
import { cgroupRootOf, membershipsOf } from './cgroup-fixture'

const denied = vi.hoisted(() => new Set<string>())

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>()
  const readFileSync = ((path: unknown, ...rest: unknown[]) => {
    if (typeof path === 'string' && denied.has(path)) {
      throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' })
    }
    return (fs.readFileSync as (...args: unknown[]) => unknown)(path, ...rest)
  }) as typeof fs.readFileSync
  return { ...fs, default: { ...fs, readFileSync }, readFileSync }
})

describe('a cgroup file the kernel refuses', () => {
  it('is reported as denied for the fields it feeds, and the rest is read', () => {
    const root = cgroupRootOf('v2-cgroupfs')
    const cg = join(root, 'docker', '9a8b7c6d5e4f30211203f4e5d6c7b8a99a8b7c6d5e4f30211203f4e5d6c7b8a9')
    denied.add(join(cg, 'memory.current'))
    const info = readCgroup(discoverHierarchy(root), membershipsOf('v2-cgroupfs'))
    expect(info.usage.memoryBytes).toBeNull()
    expect(info.usage.memoryWorkingSetBytes).toBeNull()
    expect(info.limits.memoryBytes).toBe(67108864)
    expect(info.usage.cpuSeconds).toBe(2.5)
    expect(info.problems).toEqual([
      { field: 'usage.memoryBytes', reason: 'denied', message: `EACCES reading ${join(cg, 'memory.current')}` },
      { field: 'usage.memoryWorkingSetBytes', reason: 'denied', message: `EACCES reading ${join(cg, 'memory.current')}` }
    ])
  })
})
