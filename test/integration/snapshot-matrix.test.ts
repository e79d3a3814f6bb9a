// `glasshouse snapshot --json` on a host running a matrix of real containers must agree with
// /proc, the cgroup files and `docker inspect`, field for field.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DOCKER_DEFAULT_CAPS } from '../../shared/capabilities'
import { NAMESPACE_TYPES, type ContainerInfo, type HostSnapshot, type ProcessInfo } from '../../shared/model'
import { namespaceSharing } from '../../shared/selectors/namespace-sharing'
import { snapshotJson } from './support/cli'
import { TEST_IMAGE, testLabels, docker, inspect, removeContainers, runContainer } from './support/docker'
import { cgroupOracleOf, cgroupPathOf } from './support/cgroup-oracle'
import { capshDecode, namespaceInode, nspid, pidsInCgroup, statusField } from './support/kernel-oracle'

const prefix = `gh-matrix-${process.pid}`
const name = (scenario: string): string => `${prefix}-${scenario}`
const started: string[] = []
let snapshot: HostSnapshot
let profileDir: string

const CUSTOM_PROFILE = {
  defaultAction: 'SCMP_ACT_ALLOW',
  syscalls: [{ names: ['mkdir', 'mkdirat'], action: 'SCMP_ACT_ERRNO' }]
}

beforeAll(async () => {
  profileDir = mkdtempSync(join(tmpdir(), 'glasshouse-seccomp-'))
  const profile = join(profileDir, 'deny-mkdir.json')
  writeFileSync(profile, JSON.stringify(CUSTOM_PROFILE, null, 2))

  const start = (scenario: string, args: string[], command?: string[]): void => {
    started.push(runContainer(name(scenario), args, command))
  }
  start('default', [])
  start('nocaps-user', ['--cap-drop', 'ALL', '--user', '1000:1000'])
  start('seccomp-unconfined', ['--security-opt', 'seccomp=unconfined'])
  start('seccomp-custom', ['--security-opt', `seccomp=${profile}`])
  start('nnp', ['--security-opt', 'no-new-privileges'])
  start('limits', ['--memory', '64m', '--cpus', '0.5', '--cpuset-cpus', '0', '--pids-limit', '50'])
  start('pid-host', ['--pid', 'host'])
  start('base', ['--ipc', 'shareable'])
  const base = name('base')
  start('joiner', ['--network', `container:${base}`, '--ipc', `container:${base}`, '--pid', `container:${base}`])
  start('readonly', ['--read-only'])
  start('nested', ['--cap-add', 'SYS_ADMIN'], ['unshare', '-p', '-f', 'sleep', '3600'])
  start('stopped', [], ['true'])
  docker('wait', name('stopped'))

  // Lower-case capability names only reach the daemon through the raw API: the CLI normalises them.
  const api = await new Docker().createContainer({
    name: name('lowercase-caps'),
    Image: TEST_IMAGE,
    Cmd: ['sleep', '3600'],
    Labels: testLabels(),
    HostConfig: { CapAdd: ['net_admin', 'sys_time'], CapDrop: ['chown'] }
  })
  started.push(api.id)
  await api.start()

  await waitFor(() => nestedProcess() !== undefined, 'the nested PID namespace process to start')
  snapshot = await snapshotJson()
}, 120_000)

afterAll(() => {
  removeContainers(started)
  rmSync(profileDir, { recursive: true, force: true })
})

function nestedProcess(): number | undefined {
  const pid = Number(docker('inspect', '-f', '{{.State.Pid}}', name('nested')))
  const children = pidsInCgroup(cgroupPathOf(pid))
  return children.find((p) => nspid(p).length === 3)
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

function container(scenario: string): ContainerInfo {
  const found = snapshot.containers.find((c) => c.name === name(scenario))
  if (!found) throw new Error(`container ${name(scenario)} is not in the snapshot`)
  return found
}

function processOf(pid: number): ProcessInfo {
  const found = snapshot.processes.find((p) => p.pid === pid)
  if (!found) throw new Error(`pid ${pid} is not in the snapshot`)
  return found
}

function initOf(scenario: string): ProcessInfo {
  const c = container(scenario)
  expect(c.pid).not.toBeNull()
  return processOf(c.pid as number)
}

const RUNNING = [
  'default',
  'nocaps-user',
  'seccomp-unconfined',
  'seccomp-custom',
  'nnp',
  'limits',
  'pid-host',
  'base',
  'joiner',
  'readonly',
  'nested',
  'lowercase-caps'
]

describe('every running container agrees with /proc, the cgroup files and docker inspect', () => {
  it.each(RUNNING)('%s: identity and state match docker inspect', (scenario) => {
    const c = container(scenario)
    const info = inspect(name(scenario))
    expect(c.id).toMatch(/^[0-9a-f]{64}$/)
    expect(c.id).toBe(info.Id)
    expect(c.name).toBe(info.Name.replace(/^\//, ''))
    expect(c.state).toBe('running')
    expect(c.pid).toBe(info.State.Pid)
    expect(c.image).toBe(TEST_IMAGE)
    expect(c.source).toBe('engine')
  })

  it.each(RUNNING)('%s: its processes are exactly those in its cgroup', (scenario) => {
    const c = container(scenario)
    const path = cgroupPathOf(c.pid as number)
    expect(c.cgroupPath).toBe(path)
    expect([...c.processes].sort((a, b) => a - b)).toEqual(pidsInCgroup(path))
    for (const pid of c.processes) expect(processOf(pid).containerId).toBe(c.id)
  })

  it.each(RUNNING)('%s: init process fields match /proc/<pid>/status', (scenario) => {
    const init = initOf(scenario)
    const pid = init.pid
    expect(init.nspid).toEqual(nspid(pid))
    expect(init.uid).toBe(Number(statusField(pid, 'Uid').split(/\s+/)[1]))
    expect(init.ppid).toBe(Number(statusField(pid, 'PPid')))
    expect(init.comm).toBe(statusField(pid, 'Name'))
    expect(init.capabilities.effective).toEqual(capshDecode(statusField(pid, 'CapEff')))
    expect(init.capabilities.permitted).toEqual(capshDecode(statusField(pid, 'CapPrm')))
    expect(init.capabilities.inheritable).toEqual(capshDecode(statusField(pid, 'CapInh')))
    expect(init.capabilities.bounding).toEqual(capshDecode(statusField(pid, 'CapBnd')))
    expect(init.capabilities.ambient).toEqual(capshDecode(statusField(pid, 'CapAmb')))
    expect(init.noNewPrivs).toBe(statusField(pid, 'NoNewPrivs') === '1')
    expect(init.seccomp.mode).toBe(['disabled', 'strict', 'filter'][Number(statusField(pid, 'Seccomp'))])
    expect(init.seccomp.filters).toBe(Number(statusField(pid, 'Seccomp_filters')))
    for (const type of NAMESPACE_TYPES) expect(init.namespaces[type]).toBe(namespaceInode(pid, type))
  })

  it.each(RUNNING)('%s: limits match the cgroup files', (scenario) => {
    const c = container(scenario)
    // v1 or v2 as this host's layout says (the oracle's v2 branch is checked on fixtures: test/support/cgroup-oracle.test.ts).
    const oracle = cgroupOracleOf(c.pid as number)
    expect(c.cgroupPath).toBe(oracle.path)
    expect(c.limits).toEqual(oracle.limits())
    expect(c.usage?.oomKills).toBe(oracle.oomKills())
    expect(c.usage?.pids).toBe(oracle.pids())
  })
})

describe('each scenario shows what it changed', () => {
  it('default: Docker default capabilities, one seccomp filter, private namespaces except cgroup/time/user', () => {
    const init = initOf('default')
    expect(new Set(init.capabilities.effective)).toEqual(new Set(DOCKER_DEFAULT_CAPS))
    expect(init.seccomp).toEqual({ mode: 'filter', filters: 1 })
    expect(container('default').declared?.seccomp).toBe('default')
    const sharing = namespaceSharing(snapshot, container('default').id)
    const kinds = Object.fromEntries(sharing.map((s) => [s.type, s.kind]))
    expect(kinds).toEqual({ cgroup: 'host', ipc: 'own', mnt: 'own', net: 'own', pid: 'own', time: 'host', user: 'host', uts: 'own' })
    expect(init.nspid).toEqual([init.pid, 1])
  })

  it('--cap-drop ALL --user 1000:1000: no capabilities in any set, uid 1000', () => {
    const init = initOf('nocaps-user')
    expect(init.uid).toBe(1000)
    expect(init.capabilities.effective).toEqual([])
    expect(init.capabilities.bounding).toEqual([])
    expect(container('nocaps-user').declared?.capDrop).toEqual(['ALL'])
    expect(container('nocaps-user').declared?.user).toBe('1000:1000')
  })

  it('lower-case cap names sent through the API are normalised, and the kernel agrees', () => {
    const c = container('lowercase-caps')
    expect(inspect(c.id).HostConfig.CapAdd).toEqual(['net_admin', 'sys_time'])
    expect(c.declared?.capAdd).toEqual(['CAP_NET_ADMIN', 'CAP_SYS_TIME'])
    expect(c.declared?.capDrop).toEqual(['CAP_CHOWN'])
    const effective = initOf('lowercase-caps').capabilities.effective
    expect(effective).toContain('CAP_NET_ADMIN')
    expect(effective).toContain('CAP_SYS_TIME')
    expect(effective).not.toContain('CAP_CHOWN')
  })

  it('seccomp=unconfined: no filter in the kernel', () => {
    expect(initOf('seccomp-unconfined').seccomp).toEqual({ mode: 'disabled', filters: 0 })
    expect(container('seccomp-unconfined').declared?.seccomp).toBe('unconfined')
  })

  it('a custom seccomp profile is kept inline and enforced as a filter', () => {
    const c = container('seccomp-custom')
    expect(c.declared?.seccomp).toBe('custom')
    expect(c.declared?.seccompProfile).toEqual(CUSTOM_PROFILE)
    expect(initOf('seccomp-custom').seccomp.mode).toBe('filter')
  })

  it('no-new-privileges: declared and enforced', () => {
    expect(container('nnp').declared?.noNewPrivileges).toBe(true)
    expect(initOf('nnp').noNewPrivs).toBe(true)
    expect(initOf('default').noNewPrivs).toBe(false)
  })

  it('limits: 64 MiB, half a core, CPU 0, 50 pids, as declared', () => {
    const c = container('limits')
    expect(c.limits).toMatchObject({ memoryBytes: 64 * 1024 * 1024, cpuQuotaCores: 0.5, cpusetCpus: '0', pidsMax: 50 })
    expect(c.declared?.resources).toMatchObject({ memoryBytes: 64 * 1024 * 1024, cpuQuotaCores: 0.5, cpusetCpus: '0', pidsMax: 50 })
    expect(container('default').limits).toMatchObject({ memoryBytes: null, cpuQuotaCores: null, cpusetCpus: null, pidsMax: null })
  })

  it('--pid host: the host PID namespace, so the host PID is the only PID', () => {
    const init = initOf('pid-host')
    expect(init.nspid).toEqual([init.pid])
    const pidNs = snapshot.namespaces.find((n) => n.type === 'pid' && n.inode === init.namespaces.pid)
    expect(pidNs?.isHost).toBe(true)
    expect(container('pid-host').declared?.pidMode).toBe('host')
  })

  it('container:<other> joins the other container’s net, ipc and pid namespaces', () => {
    const base = container('base')
    const joiner = container('joiner')
    const sharing = Object.fromEntries(namespaceSharing(snapshot, joiner.id).map((s) => [s.type, s]))
    for (const type of ['net', 'ipc', 'pid'] as const) {
      expect(sharing[type]?.kind).toBe('shared')
      expect(sharing[type]?.sharedWith).toEqual([base.id])
    }
    expect(sharing.mnt?.kind).toBe('own')
    // The daemon stores the resolved id, whatever name the user gave.
    expect(joiner.declared?.networkMode).toBe(`container:${base.id}`)
    // In the shared PID namespace the joiner's init is not PID 1.
    expect(initOf('joiner').nspid[1]).not.toBe(1)
  })

  it('--read-only: declared read-only root', () => {
    expect(container('readonly').declared?.readOnlyRootfs).toBe(true)
    expect(container('default').declared?.readOnlyRootfs).toBe(false)
  })

  it('a PID namespace inside a container shows the three-level chain', () => {
    const c = container('nested')
    const pid = nestedProcess() as number
    const nested = processOf(pid)
    expect(nested.nspid).toEqual(nspid(pid))
    expect(nested.nspid).toHaveLength(3)
    expect(nested.nspid[2]).toBe(1)
    expect(nested.containerId).toBe(c.id)
    expect(nested.namespaces.pid).not.toBe(initOf('nested').namespaces.pid)
  })

  it('a stopped container is listed with no pid, no processes and no cgroup', () => {
    const c = container('stopped')
    expect(c.state).toBe('exited')
    expect(c.pid).toBeNull()
    expect(c.processes).toEqual([])
    expect(c.limits).toBeNull()
  })

  it('namespaces[] lists each distinct namespace with its pids', () => {
    const init = initOf('default')
    for (const type of NAMESPACE_TYPES) {
      const ns = snapshot.namespaces.filter((n) => n.type === type && n.inode === init.namespaces[type])
      expect(ns).toHaveLength(1)
      expect(ns[0]?.pids).toContain(init.pid)
    }
  })
})
