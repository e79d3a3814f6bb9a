// The capability, seccomp and image demos on the real daemon: EPERM where the demo says, success where
// it says, the snapshot's capability sets and seccomp modes agree, the layers are counted; nothing is left.
import { describe, expect, it } from 'vitest'
import type { StepResult } from '../../shared/demos/types'
import type { HostSnapshot, ProcessInfo } from '../../shared/model'
import { demoSuite, docker } from './support/demo-runs'

const { run, cleanedUp } = demoSuite()

const mainProcess = (snapshot: HostSnapshot, id: string | undefined): ProcessInfo | undefined =>
  snapshot.processes.find((p) => p.containerId === id && p.comm === 'sleep')
const action = (result: StepResult | undefined, i: number): { exitCode: number | null; output: string } => result?.actions[i] ?? { exitCode: null, output: '' }

describe('security demos', () => {
  it('cap-drop-all: chown works with the default set, EPERM without capabilities; ping fails without NET_RAW', async () => {
    const { results, snapshot, ids } = await run('cap-drop-all')
    expect(action(results[0], 1)).toMatchObject({ exitCode: 0 })
    expect(action(results[0], 1).output).toMatch(/ 1000 +0 /)
    expect(action(results[1], 1).exitCode).not.toBe(0)
    expect(action(results[1], 1).output).toContain('chown: /tmp/f: Operation not permitted')
    expect(action(results[2], 0).exitCode).not.toBe(0)
    expect(action(results[2], 0).output).toContain('permission denied')
    expect(mainProcess(snapshot, ids.default)?.capabilities.effective).toEqual(expect.arrayContaining(['CAP_CHOWN', 'CAP_NET_RAW']))
    const nocaps = mainProcess(snapshot, ids.nocaps)
    expect(nocaps?.uid).toBe(0)
    expect(nocaps?.capabilities.effective).toEqual([])
    expect(nocaps?.capabilities.bounding).toEqual([])
    await cleanedUp('cap-drop-all')
  })

  it('net-admin: ip addr add is refused without NET_ADMIN and works with it, inside the container only', async () => {
    const { results, snapshot, ids } = await run('net-admin')
    expect(action(results[0], 1).output).toContain('Operation not permitted')
    expect(action(results[1], 1).exitCode).toBe(0)
    expect(action(results[1], 2).output).toContain('inet 10.9.9.9/32')
    expect(mainProcess(snapshot, ids.default)?.capabilities.effective).not.toContain('CAP_NET_ADMIN')
    expect(mainProcess(snapshot, ids.netadmin)?.capabilities.effective).toContain('CAP_NET_ADMIN')
    await cleanedUp('net-admin')
  })

  it('seccomp: unshare -U is refused by the default filter and allowed unconfined', async () => {
    const { results, snapshot, ids } = await run('seccomp')
    expect(action(results[0], 1).output).toContain('unshare(0x10000000): Operation not permitted')
    expect(action(results[1], 1)).toEqual({ command: expect.any(String), exitCode: 0, output: 'uid=65534 gid=65534 groups=65534\n' })
    expect(mainProcess(snapshot, ids.default)?.seccomp.mode).toBe('filter')
    expect(mainProcess(snapshot, ids.unconfined)?.seccomp.mode).toBe('disabled')
    await cleanedUp('seccomp')
  })

  it('image-layers: one imported layer; the container layer holds the new file; the commit adds one layer', async () => {
    const { results } = await run('image-layers')
    const layers = (output: string): number => output.trim().split('\n').length - 1
    expect(layers(action(results[0], 0).output)).toBe(1)
    expect(action(results[1], 1).output).toBe('A /greetings\nA /greetings/fromMe.txt\n')
    expect(layers(action(results[2], 1).output)).toBe(2)
    const committed = await docker.listImages({ filters: { label: ['glasshouse.demo=image-layers'] } })
    expect(committed.some((i) => i.RepoTags?.some((t) => t.startsWith('glasshouse-demo:image-layers-layered-')))).toBe(true)
    await cleanedUp('image-layers')
  })
})
