// A synthetic host at the scale the views must handle: many containers, each with its own
// namespaces and cgroup, and a few processes each, plus host processes.
import type { ContainerInfo, HostSnapshot, NamespaceInfo, ProcessInfo } from '../../../shared/model'
import { NAMESPACE_TYPES } from '../../../shared/model'
import { DOCKER_DEFAULT_CAPS } from '../../../shared/capabilities'

const HOST = { cgroup: 4026531835, ipc: 4026531839, mnt: 4026531832, net: 4026531833, pid: 4026531836, time: 4026531834, user: 4026531837, uts: 4026531838 }

export function bigSnapshot(containers = 200, processesPer = 9, hostProcesses = 200): HostSnapshot {
  const processes: ProcessInfo[] = []
  const infos: ContainerInfo[] = []
  const namespaces = new Map<string, NamespaceInfo>()
  const caps = [...DOCKER_DEFAULT_CAPS]
  const addNs = (type: (typeof NAMESPACE_TYPES)[number], inode: number, pid: number, cid: string | null, isHost: boolean): void => {
    const key = `${type}:${inode}`
    const ns = namespaces.get(key) ?? { type, inode, pids: [], isHost, containerIds: [] }
    ns.pids.push(pid)
    if (cid && !ns.containerIds.includes(cid)) ns.containerIds.push(cid)
    namespaces.set(key, ns)
  }
  const proc = (pid: number, ppid: number, nspid: number[], ns: Record<string, number>, cid: string | null): ProcessInfo => ({
    pid,
    ppid,
    comm: cid ? 'worker' : `kthread/${pid}`,
    state: 'S',
    uid: 0,
    nspid,
    startTicks: pid * 3,
    namespaces: ns as ProcessInfo['namespaces'],
    capabilities: { effective: cid ? caps : [], permitted: cid ? caps : [], inheritable: [], bounding: caps, ambient: [] },
    noNewPrivs: false,
    seccomp: { mode: cid ? 'filter' : 'disabled', filters: cid ? 1 : 0 },
    cgroups: [],
    cgroupPath: cid ? `/docker/${cid}` : '/',
    containerId: cid,
    problems: []
  })
  for (let pid = 1; pid <= hostProcesses; pid++) {
    processes.push(proc(pid, pid === 1 ? 0 : 1, [pid], HOST, null))
    for (const t of NAMESPACE_TYPES) addNs(t, HOST[t], pid, null, true)
  }
  let nextPid = 10_000
  for (let i = 0; i < containers; i++) {
    const id = i.toString(16).padStart(64, '0')
    const own = Object.fromEntries(NAMESPACE_TYPES.map((t) => [t, ['time', 'user', 'cgroup'].includes(t) ? HOST[t] : 4_026_600_000 + i * 10 + NAMESPACE_TYPES.indexOf(t)]))
    const pids: number[] = []
    for (let j = 0; j < processesPer; j++) {
      const pid = nextPid++
      pids.push(pid)
      processes.push(proc(pid, j === 0 ? 5 : pids[0]!, [pid, j + 1], own, id))
      for (const t of NAMESPACE_TYPES) addNs(t, own[t]!, pid, id, own[t] === HOST[t])
    }
    const limits = { memoryBytes: i % 3 === 0 ? null : 256 * 2 ** 20, memorySwapBytes: null, cpuQuotaCores: i % 2 ? 0.5 : null, cpusetCpus: null, pidsMax: i % 4 ? 100 : null }
    infos.push({
      id,
      name: `svc-${String(i).padStart(3, '0')}`,
      image: 'app:latest',
      state: 'running',
      pid: pids[0]!,
      processes: pids,
      cgroupPath: `/docker/${id}`,
      declared: null,
      limits,
      usage: { memoryBytes: 50 * 2 ** 20, memoryWorkingSetBytes: 40 * 2 ** 20, cpuSeconds: 12, pids: processesPer, cpusEffective: '0-7' },
      mounts: null,
      labels: {},
      source: 'engine',
      problems: []
    })
  }
  return {
    schemaVersion: 1,
    takenAt: '2026-11-28T17:00:00.000Z',
    host: { hostname: 'big', kernel: '6.18', cgroupVersion: 2, cgroupLayout: 'v2', cpus: 8, memoryBytes: 64 * 2 ** 30, capLastCap: 40, probeUid: 0 },
    engine: { reachable: true, version: '29.0', apiVersion: '1.51', cgroupDriver: 'cgroupfs', cgroupVersion: '2', securityOptions: [], endpoint: 'unix:///var/run/docker.sock' },
    containers: infos,
    processes,
    namespaces: [...namespaces.values()],
    cgroups: infos.map((c) => ({ path: c.cgroupPath!, controllers: { memory: 2, cpu: 2, pids: 2 }, limits: c.limits!, usage: c.usage!, problems: [] })),
    problems: []
  }
}
