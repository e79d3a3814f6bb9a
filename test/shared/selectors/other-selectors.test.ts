import { describe, expect, it } from 'vitest'
import { DOCKER_DEFAULT_CAPS } from '../../../shared/capabilities'
import type { ContainerInfo, KernelMount } from '../../../shared/model'
import { capabilityCells, capabilityColumns, capabilityMatrix, processCapabilityTable } from '../../../shared/selectors/capability-matrix'
import { cgroupLeaves, cgroupTree, describeCgroupLayout } from '../../../shared/selectors/cgroup-tree'
import { containerRiskBadges } from '../../../shared/selectors/container-risks'
import { countCpuList } from '../../../shared/selectors/cpu-list'
import { containerMounts } from '../../../shared/selectors/mounts'
import { programView } from '../../../shared/selectors/program-view'
import { describeSeccompAction, summariseSeccompProfile } from '../../../shared/selectors/seccomp-profile'
import { proc } from '../../model/process-builder'
import { byName, loadVaried } from './fixture'

const varied = loadVaried()

describe('capability matrix cells', () => {
  const rows = capabilityMatrix(varied)
  const row = (name: string) => rows.find((r) => r.name === name)!
  const cellOf = (name: string, cap: string) => row(name).cells.find((c) => c.cap === cap)!
  it('has all 41 capabilities, grouped, in every row', () => {
    expect(capabilityColumns()).toHaveLength(41)
    expect(new Set(capabilityColumns().map((c) => c.name)).size).toBe(41)
    expect(rows.every((r) => r.cells.length === 41)).toBe(true)
  })
  it('marks CAP_SYS_ADMIN added and effective on "nested"', () => {
    expect(cellOf('nested', 'CAP_SYS_ADMIN')).toMatchObject({ status: 'added', effective: true, inDefault: false })
  })
  it('marks CAP_NET_RAW dropped on web, the rest of the defaults held', () => {
    expect(cellOf('web', 'CAP_NET_RAW')).toMatchObject({ status: 'dropped', effective: false })
    expect(row('web')).toMatchObject({ added: 0, dropped: 1, effectiveCount: 13 })
  })
  it('shows every default dropped for sidecar (cap-drop ALL, uid 1000)', () => {
    expect(row('sidecar')).toMatchObject({ added: 0, dropped: 14, effectiveCount: 0, uid: 1000 })
  })
  it('marks a non-root process\'s bounding-only capability as held but not effective', () => {
    const p = proc(5, { uid: 1000, capabilities: { effective: [], permitted: [], inheritable: [], ambient: [], bounding: [...DOCKER_DEFAULT_CAPS] } })
    expect(capabilityCells(p).find((c) => c.cap === 'CAP_CHOWN')).toMatchObject({ status: 'default', effective: false, bounding: true })
  })
  it('leaves a stopped container unknown, not "all dropped"', () => {
    expect(row('old-job').running).toBe(false)
    expect(row('old-job').cells.every((c) => c.status === 'unknown')).toBe(true)
  })
  it('lists a process in all five sets', () => {
    const init = varied.processes.find((p) => p.pid === 8403)!
    const table = processCapabilityTable(init)
    expect(table.find((r) => r.cap.name === 'CAP_SYS_ADMIN')?.sets).toEqual({ effective: true, permitted: true, inheritable: false, bounding: true, ambient: false })
  })
})

describe('cgroup tree', () => {
  it('goes from the root through /docker to each running container, named', () => {
    const root = cgroupTree(varied)
    expect(root.path).toBe('/')
    expect(root.children.map((c) => c.path)).toEqual(['/docker'])
    expect(cgroupLeaves(root).map((l) => l.label)).toEqual(['batch', 'debug-tools', 'nested', 'netadmin', 'sidecar', 'web'])
    expect(cgroupLeaves(root).every((l) => l.cgroup !== null)).toBe(true)
  })
  it('handles systemd-driver paths with their slices', () => {
    const id = 'd'.repeat(64)
    const path = `/system.slice/docker-${id}.scope`
    const s = { ...varied, containers: [{ ...byName(varied, 'web'), id, cgroupPath: path }], cgroups: [{ ...varied.cgroups[0]!, path }] }
    const root = cgroupTree(s)
    expect(root.children[0]?.path).toBe('/system.slice')
    expect(root.children[0]?.children[0]).toMatchObject({ path, label: 'web', containerId: id })
  })
  it('says how v1 lays out its controllers, and v2', () => {
    expect(describeCgroupLayout('hybrid', varied.cgroups)).toMatch(/cgroup v1: each controller \(memory, cpu, cpuacct, cpuset, pids\) has its own tree/)
    expect(describeCgroupLayout('v2', [])).toMatch(/unified/)
  })
})

describe('what the program inside sees', () => {
  it('for web: the host\'s 2 CPUs and 23.5 GiB against a 0.5-core quota and 64 MiB', () => {
    const v = programView(varied, byName(varied, 'web'))!
    expect(v).toMatchObject({ procCpus: 2, nprocCpus: 2, quotaCores: 0.5, memoryLimitBytes: 64 * 2 ** 20, cpuGap: true, memoryGap: true })
    expect(v.sentence).toMatch(/plans for 2 CPUs and 23.5 GiB.*throttle it to 0.5 cores.*above 64 MiB/)
  })
  it('for batch: nproc counts the one CPU of its cpuset', () => {
    expect(programView(varied, byName(varied, 'batch'))).toMatchObject({ nprocCpus: 1, quotaCores: 1 })
  })
  it('says there is no gap without limits, and nothing for a stopped container', () => {
    expect(programView(varied, byName(varied, 'sidecar'))).toMatchObject({ cpuGap: false, memoryGap: false })
    expect(programView(varied, byName(varied, 'old-job'))).toBeNull()
  })
})

describe('risk badges', () => {
  const labels = (name: string): string[] => containerRiskBadges(varied, byName(varied, name)).map((b) => b.label)
  it('flags host PID, seccomp off, the added cap, root and no limits on debug-tools', () => {
    expect(labels('debug-tools')).toEqual(['host PID', 'seccomp off', '+1 cap', 'root', 'no limits'])
  })
  it('flags the docker socket on netadmin and nothing but root on web', () => {
    expect(labels('netadmin')).toContain('docker.sock')
    expect(labels('web')).toEqual(['root'])
  })
})

describe('mounts', () => {
  const mount = (over: Partial<KernelMount>): KernelMount => ({ mountPoint: '/x', fsType: 'ext4', source: '/dev/vda', root: '/x', readOnly: false, kind: 'bind', ...over })
  it('shows a tmpfs under /run/secrets as a Docker secret, and folds routine mounts', () => {
    const c = {
      ...byName(varied, 'web'),
      mounts: [
        mount({ mountPoint: '/', fsType: 'overlay', kind: 'root' }),
        mount({ mountPoint: '/run/secrets/site.key', fsType: 'tmpfs', source: 'tmpfs', root: '/site.key', readOnly: true, kind: 'secret' }),
        mount({ mountPoint: '/proc', fsType: 'proc', kind: 'system' })
      ]
    } as ContainerInfo
    const { from, rows } = containerMounts(c)
    expect(from).toBe('kernel')
    expect(rows.find((r) => r.kind === 'secret')?.note).toMatch(/Docker secret "site.key"/)
    expect(rows.filter((r) => r.routine).map((r) => r.mountPoint)).toEqual(['/', '/proc'])
  })
  it('falls back to the declared mounts and finds the docker socket there', () => {
    const { from, rows } = containerMounts(byName(varied, 'netadmin'))
    expect(from).toBe('declared')
    expect(rows[0]?.kind).toBe('docker-socket')
  })
})

describe('small parsers', () => {
  it('counts CPU lists', () => {
    expect(countCpuList('0-3,8,10-11')).toBe(7)
    expect(countCpuList('0')).toBe(1)
    expect(countCpuList('x')).toBeNull()
    expect(countCpuList(null)).toBeNull()
  })
  it('summarises a custom seccomp profile', () => {
    const s = summariseSeccompProfile({
      defaultAction: 'SCMP_ACT_ALLOW',
      syscalls: [{ names: ['mkdir', 'mkdirat'], action: 'SCMP_ACT_ERRNO', args: [{ index: 0, op: 'SCMP_CMP_EQ', value: 1 }] }]
    })
    expect(s.defaultAction).toBe('SCMP_ACT_ALLOW')
    expect(s.rules).toEqual([{ action: 'SCMP_ACT_ERRNO', syscalls: ['mkdir', 'mkdirat'], conditions: ['arg0 == 1'] }])
    expect(describeSeccompAction('SCMP_ACT_ERRNO')).toBe('fail with an error')
    expect(summariseSeccompProfile('not json').raw).toBe('not json')
  })
})
