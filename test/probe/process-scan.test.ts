import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DOCKER_DEFAULT_CAPS } from '../../shared/capabilities'
import type { ProcessInfo } from '../../shared/model'
import { scanProcesses } from '../../main/probe/process-scan'
import { V1_HOST } from './support/paths'

const scan = scanProcesses(V1_HOST)
const byPid = (pid: number): ProcessInfo => {
  const info = scan.processes.find((p) => p.pid === pid)
  if (!info) throw new Error(`pid ${pid} not in scan`)
  return info
}
const CONTAINER = '/docker/8d168896fc75ee939c3b2f11b6b741d9439dc8a45cf1e8c293d40cab9eb0cf85'
const NESTED = '/docker/ae76c89935e055f638f4748536cc968e286780cf56bf5a590ee13b4a5410a69b'

describe('scanProcesses on the captured v1 host', () => {
  it('lists every pid directory except the exited one, in pid order, and counts the exit', () => {
    expect(scan.processes.map((p) => p.pid)).toEqual([2, 14, 8495, 8559, 8588, 8627, 8692, 8766, 8767, 8770, 9002, 9003])
    expect(scan.problems).toEqual([{ field: 'processes', reason: 'exited', message: '1 of 13 pids exited during the scan' }])
  })

  it('builds the whole record of a default container init', () => {
    const cgroup = (hierarchyId: number, controller: string): object => ({ hierarchyId, controllers: [controller], path: CONTAINER })
    expect(byPid(8495)).toEqual({
      pid: 8495,
      ppid: 8473,
      comm: 'sleep',
      state: 'S',
      uid: 0,
      nspid: [8495, 1],
      startTicks: 52445,
      namespaces: {
        cgroup: 4026531835,
        ipc: 4026532182,
        mnt: 4026532180,
        net: 4026532184,
        pid: 4026532183,
        time: 4026531834,
        user: 4026531837,
        uts: 4026532181
      },
      capabilities: {
        effective: expect.arrayContaining([...DOCKER_DEFAULT_CAPS]),
        permitted: expect.arrayContaining([...DOCKER_DEFAULT_CAPS]),
        inheritable: [],
        bounding: expect.arrayContaining([...DOCKER_DEFAULT_CAPS]),
        ambient: []
      },
      noNewPrivs: false,
      seccomp: { mode: 'filter', filters: 1 },
      cgroups: [
        cgroup(9, 'name=systemd'),
        cgroup(8, 'pids'),
        cgroup(7, 'blkio'),
        cgroup(6, 'freezer'),
        cgroup(5, 'devices'),
        cgroup(4, 'memory'),
        cgroup(3, 'cpuset'),
        cgroup(2, 'cpuacct'),
        cgroup(1, 'cpu'),
        { hierarchyId: 0, controllers: [], path: CONTAINER }
      ],
      cgroupPath: CONTAINER,
      containerId: null,
      problems: []
    })
    expect(byPid(8495).capabilities.effective).toHaveLength(DOCKER_DEFAULT_CAPS.length)
  })

  it('reads the nested pid namespace process under its container', () => {
    expect(byPid(8588)).toMatchObject({ ppid: 8559, nspid: [8588, 7, 1], cgroupPath: NESTED, problems: [] })
    expect(byPid(8588).namespaces.pid).not.toBe(byPid(8559).namespaces.pid)
    expect(byPid(8588).namespaces.net).toBe(byPid(8559).namespaces.net)
  })

  it('reads the unprivileged, cap-less and unconfined containers', () => {
    expect(byPid(8627)).toMatchObject({ uid: 1000, capabilities: { effective: [], bounding: [] }, problems: [] })
    expect(byPid(8692)).toMatchObject({ seccomp: { mode: 'disabled', filters: 0 }, problems: [] })
  })

  it('keeps kernel threads as ordinary processes', () => {
    expect(byPid(2)).toMatchObject({ ppid: 0, comm: 'kthreadd', nspid: [2], cgroupPath: '/', problems: [] })
    expect(byPid(14)).toMatchObject({ ppid: 2, comm: 'ksoftirqd/0', problems: [] })
  })

  it("keeps a comm with spaces and ')'", () => {
    expect(byPid(8767)).toMatchObject({ comm: 'a) (b c)', ppid: 8457, startTicks: 52645, problems: [] })
  })

  it('keeps a zombie, with its cgroups, the pid and user namespaces it still has, and why the rest are gone', () => {
    const zombie = byPid(8770)
    expect(zombie).toMatchObject({ state: 'Z', ppid: 8768, cgroupPath: '/' })
    expect(zombie.namespaces).toMatchObject({ pid: 4026531836, user: 4026531837, net: null, mnt: null })
    expect(zombie.problems.map((p) => `${p.field}:${p.reason}`)).toEqual(
      ['cgroup', 'ipc', 'mnt', 'net', 'time', 'uts'].map((t) => `namespaces.${t}:exited`)
    )
  })

  it('reads the rest of a process whose status is malformed, and names the file and field', () => {
    const info = byPid(9002)
    expect(info.problems).toEqual([
      { field: 'status', reason: 'malformed', message: expect.stringMatching(/9002\/status: CapEff is not a hex capability mask/) }
    ])
    // From stat, cgroup and ns/ instead:
    expect(info).toMatchObject({ ppid: 8457, comm: 'sleep', state: 'S', startTicks: 52645, cgroupPath: '/process_api/7922d4e4ace1c0edeeacc81c391890a5' })
    expect(info.namespaces.net).toBe(4026531833)
    // Unknown, with the Problem saying so:
    expect(info).toMatchObject({ uid: null, nspid: [], noNewPrivs: null })
    expect(Object.values(info.capabilities).flat()).toEqual([])
  })

  it('reads the rest of a process whose stat is malformed', () => {
    const info = byPid(9003)
    expect(info.problems).toEqual([{ field: 'stat', reason: 'malformed', message: expect.stringMatching(/9003\/stat: no \(comm\)/) }])
    expect(info).toMatchObject({ ppid: 8457, comm: 'sleep', state: 'S', uid: 0, nspid: [9003], startTicks: null })
    expect(info.seccomp).toEqual({ mode: 'disabled', filters: 0 })
  })

  it('reports no problem on any other process', () => {
    const noisy = scan.processes.filter((p) => p.problems.length > 0).map((p) => p.pid)
    expect(noisy).toEqual([8770, 9002, 9003])
  })
})

describe('scanProcesses degrading', () => {
  it('reports an unreadable proc root instead of throwing', () => {
    const missing = join(V1_HOST, 'no-such-dir')
    expect(scanProcesses(missing)).toEqual({
      processes: [],
      problems: [{ field: 'processes', reason: 'missing', message: `ENOENT reading ${missing}` }]
    })
  })

  it('skips and counts a pid whose stat vanished after its status was read', () => {
    const root = mkdtempSync(join(tmpdir(), 'glasshouse-scan-'))
    try {
      cpSync(join(V1_HOST, '8495'), join(root, '8495'), { recursive: true, verbatimSymlinks: true })
      cpSync(join(V1_HOST, '8766'), join(root, '8766'), { recursive: true, verbatimSymlinks: true })
      rmSync(join(root, '8766', 'stat'))
      const result = scanProcesses(root)
      expect(result.processes.map((p) => p.pid)).toEqual([8495])
      expect(result.problems).toEqual([{ field: 'processes', reason: 'exited', message: '1 of 2 pids exited during the scan' }])
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})
