// The namespace demos on the real daemon: each runs every step and the snapshot (`glasshouse snapshot
// --json`, read from /proc) shows the effect the demo announces; nothing is left afterwards.
import { describe, expect, it } from 'vitest'
import type { StepResult } from '../../shared/demos/types'
import type { HostSnapshot, ProcessInfo } from '../../shared/model'
import { demoSuite } from './support/demo-runs'

const { run, cleanedUp } = demoSuite()

const processesOf = (snapshot: HostSnapshot, id: string | undefined): ProcessInfo[] => snapshot.processes.filter((p) => p.containerId === id)
/** The host's namespace of a type, as the snapshot marks it (PID 1 of this machine may be unreadable). */
const hostNs = (snapshot: HostSnapshot, type: 'pid' | 'user'): number | undefined => snapshot.namespaces.find((n) => n.type === type && n.isHost)?.inode
const output = (result: StepResult | undefined, i: number): string => result?.actions[i]?.output ?? ''

describe('namespace demos', () => {
  it('pid-namespace: sleep is PID 1 inside, another PID on the host, in its own PID namespace', async () => {
    const { results, snapshot, ids } = await run('pid-namespace')
    const sleep = processesOf(snapshot, ids.a).find((p) => p.comm === 'sleep')
    expect(sleep?.nspid).toEqual([sleep!.pid, 1])
    expect(sleep!.pid).toBeGreaterThan(1)
    expect(sleep?.namespaces.pid).not.toBe(hostNs(snapshot, 'pid'))
    expect(output(results[1], 0)).toMatch(/^\s+1 0\s+sleep 3600$/m)
    await cleanedUp('pid-namespace')
  })

  it('pid-host: the container shares the host PID namespace and sees the host\'s processes', async () => {
    const { results, snapshot, ids } = await run('pid-host')
    const sleep = processesOf(snapshot, ids.a).find((p) => p.comm === 'sleep')
    expect(sleep?.namespaces.pid).toBe(hostNs(snapshot, 'pid'))
    expect(sleep?.nspid).toEqual([sleep!.pid])
    // More processes than a container of its own would have: the host's (at least the daemon's).
    expect(Number(output(results[1], 0).trim())).toBeGreaterThan(10)
    await cleanedUp('pid-host')
  })

  it('shared-network: b joins a\'s net namespace and reaches a\'s server on 127.0.0.1', async () => {
    const { results, snapshot, ids } = await run('shared-network')
    const [a] = processesOf(snapshot, ids.a)
    const [b] = processesOf(snapshot, ids.b)
    expect(a?.namespaces.net).toBe(b?.namespaces.net)
    expect(a?.namespaces.pid).not.toBe(b?.namespaces.pid)
    expect(output(results[1], 1)).toBe('hello from a\n')
    await cleanedUp('shared-network')
  })

  it('uts-ipc: b shares a\'s IPC namespace (and its /dev/shm) but not its hostname', async () => {
    const { results, snapshot, ids } = await run('uts-ipc')
    const [a] = processesOf(snapshot, ids.a)
    const [b] = processesOf(snapshot, ids.b)
    expect(a?.namespaces.ipc).toBe(b?.namespaces.ipc)
    expect(a?.namespaces.uts).not.toBe(b?.namespaces.uts)
    expect(output(results[0], 1)).toBe('classroom\n')
    expect(output(results[1], 1)).toBe(`${ids.b?.slice(0, 12)}\n`)
    expect(output(results[1], 3)).toBe('note from a\n')
    await cleanedUp('uts-ipc')
  })

  it('nested-pid: refused without SYS_ADMIN; with it, sleep has three PIDs', async () => {
    const { results, snapshot, ids } = await run('nested-pid')
    expect(results[0]?.actions[1]?.exitCode).not.toBe(0)
    expect(output(results[0], 1)).toContain('Operation not permitted')
    const sleep = processesOf(snapshot, ids.nest).find((p) => p.comm === 'sleep')
    expect(sleep?.nspid).toHaveLength(3)
    expect(sleep?.nspid.at(-1)).toBe(1)
    await cleanedUp('nested-pid')
  })

  it('root-is-root: uid 0 inside is uid 0 on the host, no user namespace; --user 1000 is 1000 on both sides', async () => {
    const { results, snapshot, ids } = await run('root-is-root')
    const root = processesOf(snapshot, ids.a).find((p) => p.comm === 'sleep')
    expect(output(results[0], 1)).toContain('uid=0 ')
    expect(root?.uid).toBe(0)
    expect(root?.namespaces.user).toBe(hostNs(snapshot, 'user'))
    expect(output(results[1], 0)).toMatch(/^\[.*name=seccomp/)
    const user = processesOf(snapshot, ids.user).find((p) => p.comm === 'sleep')
    expect(user?.uid).toBe(1000)
    expect(user?.capabilities.effective).toEqual([])
    await cleanedUp('root-is-root')
  })
})
