// Root reads everything in /proc, so EACCES is simulated here for chosen files of the fixture
// (as hidepid=1 would give). The real denial of ns/ links to non-root is in process-scan-real.test.ts.
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { V1_HOST } from './support/paths'

const denied = vi.hoisted(() => new Set<string>())

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>()
  const guard =
    <A extends unknown[], R>(fn: (path: string, ...rest: A) => R) =>
    (path: string, ...rest: A): R => {
      if ([...denied].some((prefix) => String(path).startsWith(prefix))) {
        throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' })
      }
      return fn(path, ...rest)
    }
  return { ...fs, readFileSync: guard(fs.readFileSync as never), readlinkSync: guard(fs.readlinkSync as never) }
})

const { scanProcesses } = await import('../../main/probe/process-scan')

describe('scanProcesses when reads are denied', () => {
  it('keeps a process whose status is denied, filling what stat, cgroup and ns/ give', () => {
    denied.clear()
    denied.add(join(V1_HOST, '8495', 'status'))
    const scan = scanProcesses(V1_HOST)
    const info = scan.processes.find((p) => p.pid === 8495)
    expect(info?.problems).toEqual([
      { field: 'status', reason: 'denied', message: `EACCES reading ${join(V1_HOST, '8495', 'status')}` }
    ])
    expect(info).toMatchObject({ ppid: 8473, comm: 'sleep', state: 'S', startTicks: 52445, uid: null, nspid: [] })
    expect(info?.namespaces.net).toBe(4026532184)
    expect(scan.processes.find((p) => p.pid === 8627)?.problems).toEqual([])
  })

  it('keeps a process whose every file is denied, with one Problem per file and grouped namespaces', () => {
    denied.clear()
    denied.add(join(V1_HOST, '8627') + '/')
    const scan = scanProcesses(V1_HOST)
    const info = scan.processes.find((p) => p.pid === 8627)
    expect(info).toMatchObject({ ppid: null, uid: null, comm: '', state: '', startTicks: null, cgroups: [], cgroupPath: null })
    expect(Object.values(info?.namespaces ?? {})).toEqual(Array(8).fill(null))
    expect(info?.problems.map((p) => `${p.field}:${p.reason}`)).toEqual([
      'status:denied',
      'stat:denied',
      'cgroups:denied',
      'namespaces:denied'
    ])
    expect(info?.problems[3]?.message).toBe(`EACCES reading ${join(V1_HOST, '8627', 'ns', '*')} (all 8 types)`)
    // Denied is not exited: nothing is counted as gone beyond the fixture's own exited pid.
    expect(scan.problems).toEqual([{ field: 'processes', reason: 'exited', message: '1 of 13 pids exited during the scan' }])
  })
})
