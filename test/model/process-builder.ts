// Small builders for join tests: plain ProcessInfo and EngineContainer records.
import type { CgroupInfo, CgroupMembership, DeclaredConfig, HostInfo, ProcessInfo } from '../../shared/model'
import type { EngineContainer } from '../../main/engine/types'
import type { KernelReport } from '../../main/kernel/kernel-source'

export const HOST_NS = { cgroup: 4026531835, ipc: 4026531839, mnt: 4026531832, net: 4026531833, pid: 4026531836, time: 4026531834, user: 4026531837, uts: 4026531838 }

export function membershipsFor(path: string): CgroupMembership[] {
  return [
    { hierarchyId: 4, controllers: ['memory'], path },
    { hierarchyId: 8, controllers: ['pids'], path },
    { hierarchyId: 0, controllers: [], path }
  ]
}

export function proc(pid: number, overrides: Partial<ProcessInfo> & { cgroup?: string } = {}): ProcessInfo {
  const { cgroup = '/', ...rest } = overrides
  return {
    pid,
    ppid: 1,
    comm: 'sleep',
    state: 'S',
    uid: 0,
    nspid: [pid],
    startTicks: pid * 10,
    namespaces: { ...HOST_NS },
    capabilities: { effective: [], permitted: [], inheritable: [], bounding: [], ambient: [] },
    noNewPrivs: false,
    seccomp: { mode: 'disabled', filters: 0 },
    cgroups: membershipsFor(cgroup),
    cgroupPath: cgroup,
    containerId: null,
    problems: [],
    ...rest
  }
}

export function declared(overrides: Partial<DeclaredConfig> = {}): DeclaredConfig {
  return {
    privileged: false,
    capAdd: [],
    capDrop: [],
    seccomp: 'default',
    seccompProfile: null,
    noNewPrivileges: false,
    readOnlyRootfs: false,
    user: '',
    pidMode: '',
    networkMode: 'default',
    ipcMode: 'private',
    utsMode: '',
    usernsMode: '',
    cgroupnsMode: 'host',
    securityOpt: [],
    resources: { memoryBytes: null, memorySwapBytes: null, cpuQuotaCores: null, cpusetCpus: null, pidsMax: null },
    mounts: [],
    ...overrides
  }
}

export function engineContainer(id: string, name: string, pid: number | null): EngineContainer {
  return {
    id,
    name,
    image: 'img',
    state: pid === null ? 'exited' : 'running',
    pid,
    declared: declared(),
    labels: {},
    createdAt: '2026-11-28T00:00:00Z',
    startedAt: pid === null ? null : '2026-11-28T00:00:01Z',
    restartCount: 0,
    exit: null
  }
}

/** A cgroup reader that records what it was asked and answers with the path in the limits. */
export function recordingCgroupReader(): { read: (m: CgroupMembership[]) => CgroupInfo; asked: string[] } {
  const asked: string[] = []
  return {
    asked,
    read: (memberships) => {
      const path = memberships[0]?.path ?? ''
      asked.push(path)
      return {
        path,
        controllers: { memory: 1 },
        limits: { memoryBytes: 1024, memorySwapBytes: null, cpuQuotaCores: null, cpusetCpus: null, pidsMax: 7 },
        usage: { memoryBytes: 10, memoryWorkingSetBytes: 5, cpuSeconds: 1, pids: 1, cpusEffective: '0-1' },
        problems: []
      }
    }
  }
}

export const HOST_INFO: HostInfo = { hostname: 'h', kernel: '6.18', cgroupVersion: 1, cgroupLayout: 'hybrid', cpus: 2, memoryBytes: 1, capLastCap: 40, probeUid: 0 }

/** A kernel report as a kernel source would send it: only processes unless more is given. */
export function kernelReport(processes: ProcessInfo[], more: Partial<KernelReport> = {}): KernelReport {
  return { host: HOST_INFO, processes, problems: [], cgroups: [], mounts: [], idMaps: [], ...more }
}
