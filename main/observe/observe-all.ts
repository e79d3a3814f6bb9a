// One observation of every running container at once (`glasshouse observe --all`): ONE private trace
// instance following the threads of all of them, each event attributed to its container by host pid →
// container, counted by that container's own ObservationTally (so each result is exactly what observing
// it alone gives), the instance always taken down at the end.
//
// Containers started during the window: set_event_pid cannot name a pid not born yet. Every container is
// born below containerd (containerd → shim → runc → runc init, which joins the container's cgroup and then
// execs the command), so the instance also follows containerd's and the shims' threads with event-fork,
// and records cgroup:cgroup_attach_task (filtered in the kernel to Docker's cgroups) in the same, time-ordered
// stream: a task is the container's from the line that moves it there. The runtime's own events are the
// host's and are left out in user space. The alternative, no pid filter at all, makes the kernel record every
// capability check and syscall of the whole host to be thrown away (BENCHMARKS.md, "observe --all").
// Attribution: a task's container is the one it was found in (cgroup task lists, attach lines), else its
// parent's (sched_process_fork), else its cgroup now (/proc/<pid>/cgroup). Tasks of no container are left out.
import type Docker from 'dockerode'
import { existsSync, readFileSync } from 'node:fs'
import type { Observation, ObservedContainer } from '../../shared/observe/observation'
import type { AllObservation } from '../../shared/observe/observe-all-result'
import { boundingMaskOf } from '../../shared/observe/docker-default-capabilities'
import { bitsOf, ObservationTally } from '../../shared/observe/observation-tally'
import { containerIdOfCgroupPath, isRuntimeReExec, parseAttachLine, parseForkLine } from '../../shared/observe/task-lines'
import { traceLineParser } from '../../shared/observe/cap-kprobe-lines'
import { lostEventCount, parseTraceLine, type TraceEvent } from '../../shared/observe/trace-event'
import { containerThreads, processCgroupPath } from './container-tasks'
import { ObserveError } from './observe-container'
import { isAlive, waitWindow, type ObservationOptions } from './observe-window'
import { HotSyscallFilter } from './hot-syscall-filter'
import { SharedSyscallSwitch } from './shared-syscall-switch'
import { removeOrphanInstances } from './trace-instance-cleanup'
import { runtimeThreads } from './runtime-tasks'
import { TraceInstance } from './trace-instance'
import { capabilityChecks, ensureTracefs, eventsToEnable, missingFeatureNotes, noteCapKprobeRefused, syscallTracing, TRACEFS_ROOT, traceFeatures } from './tracefs'

export interface ObserveAllOptions extends ObservationOptions {
  onProgress?: (progress: ObserveAllProgress) => void
}

export interface ObserveAllProgress {
  elapsed: number
  seconds: number
  containers: number
  /** Containers that started during the window. */
  joined: number
  events: number
  /** Containers seen using at least one capability so far. */
  usingCapabilities: number
}

interface Watched {
  id: string
  container: ObservedContainer | null
  pid: number
  tally: ObservationTally | null
  /** Events that arrived before the container was inspected (a container started in the window). */
  pending: TraceEvent[]
  joinedAt: number | null
  endedAt: number | null
  events: number
  notes: string[]
  ready: Promise<void>
}

const FORK_EVENT = 'sched/sched_process_fork'
const ATTACH_EVENT = 'cgroup/cgroup_attach_task'

export async function observeAllContainers(options: ObserveAllOptions): Promise<AllObservation> {
  const root = options.root ?? TRACEFS_ROOT
  const procRoot = options.procRoot ?? '/proc'
  const { docker } = options
  ensureTracefs(root)
  removeOrphanInstances(root, procRoot)
  const features = traceFeatures(root)
  const notes = missingFeatureNotes(features)
  const syscallMode = syscallTracing(features, options.withSyscalls ?? true, options.countSyscalls === true)
  const hasFork = existsSync(`${root}/events/${FORK_EVENT}`)
  const hasAttach = existsSync(`${root}/events/${ATTACH_EVENT}`)
  const events = [...eventsToEnable(features, syscallMode), ...(hasFork ? [FORK_EVENT] : []), ...(hasAttach ? [ATTACH_EVENT] : [])]
  const capChecks = capabilityChecks(features)
  if (capChecks === 'none' && syscallMode === 'none') throw new ObserveError(notes.join('; '))

  const watched = new Map<string, Watched>()
  /** task id → container id ('' for a task of no container). */
  const owners = new Map<number, string>()
  const parentOf = new Map<number, number>()
  let instance: TraceInstance | null = null
  const syscallSwitch = new SharedSyscallSwitch((event, on) => instance?.setEventEnabled(`syscalls/sys_enter_${event}`, on))
  const hot = new HotSyscallFilter((event, filter) => instance?.setEventFilter(`syscalls/sys_enter_${event}`, filter))
  let eventCount = 0
  let ignored = 0
  let runtimeSetUp = 0
  /** Tasks runc moved into a container that have not exec'd the command yet. */
  const settingUp = new Set<number>()
  let unresolved: TraceEvent[] = []

  const watch = (id: string, joinedAt: number | null, known?: Docker.ContainerInspectInfo): Watched => {
    const entry: Watched = { id, container: null, pid: 0, tally: null, pending: [], joinedAt, endedAt: null, events: 0, notes: [], ready: Promise.resolve() }
    watched.set(id, entry)
    syscallSwitch.join(id)
    entry.ready = (known ? Promise.resolve(known) : docker.getContainer(id).inspect())
      .then((info) => describe(entry, info, procRoot, startMono))
      .catch(() => describeGone(entry, startMono))
    return entry
  }

  // The containers running now, with the threads they have. The window opens once they are known.
  const running = await docker.listContainers()
  const infos = await Promise.all(running.map((c) => docker.getContainer(c.Id).inspect().catch(() => null)))
  const startedAt = new Date().toISOString()
  const startMono = Number(process.hrtime.bigint()) / 1e9
  const now = (): number => Number(process.hrtime.bigint()) / 1e9 - startMono
  const pids: number[] = []
  for (const info of infos) {
    if (!info?.State?.Running || !(info.State.Pid > 0)) continue
    const entry = watch(info.Id, null, info)
    await entry.ready
    for (const tid of containerThreads(entry.pid, procRoot, options.cgroupRoot)) {
      owners.set(tid, info.Id)
      pids.push(tid)
    }
  }

  const ownerOf = (pid: number, depth = 0): string | undefined => {
    const known = owners.get(pid)
    if (known !== undefined) return known
    const parent = parentOf.get(pid)
    if (parent !== undefined && depth < 64) {
      const id = ownerOf(parent, depth + 1)
      if (id !== undefined) owners.set(pid, id)
      return id
    }
    const path = processCgroupPath(pid, procRoot)
    if (path === null) return undefined
    const id = containerIdOfCgroupPath(path) ?? ''
    owners.set(pid, id)
    return id
  }

  const route = (id: string, event: TraceEvent): void => {
    if (id === '') {
      ignored++
      return
    }
    const entry = watched.get(id) ?? watch(id, now())
    entry.events++
    eventCount++
    if (entry.tally) entry.tally.add(event)
    else entry.pending.push(event)
    if (event.kind === 'syscall' && syscallMode === 'each-once' && event.event !== undefined && !syscallSwitch.seen(event.event, id)) hot.sawRedundant(event.event, event.pid)
  }

  const attribute = (event: TraceEvent, reExec = false): boolean => {
    // runc init sets up a new container (or a docker exec) inside its cgroup, with the container's
    // credentials, before it execs the command: setuid, setgid, capset are the runtime's, not the workload's.
    // (The comm column cannot tell: it comes from a small cache of names and often reads "<...>".)
    if (settingUp.has(event.pid)) {
      if (event.kind === 'exec' && !reExec) settingUp.delete(event.pid)
      else {
        runtimeSetUp++
        return true
      }
    }
    const id = ownerOf(event.pid) ?? (event.tgid !== null ? ownerOf(event.tgid) : undefined)
    if (id === undefined) return false
    route(id, event)
    return true
  }

  // Pairs the kprobe fallback's entry and return lines into the tracepoint's event; other lines as before.
  const parseLine = traceLineParser(parseTraceLine)
  const onLines = (lines: string[]): void => {
    for (const line of lines) {
      const fork = parseForkLine(line)
      if (fork) {
        parentOf.set(fork.child, fork.parent)
        if (settingUp.has(fork.parent)) settingUp.add(fork.child)
        continue
      }
      const attach = parseAttachLine(line)
      if (attach) {
        if (attach.containerId) {
          if (owners.get(attach.pid) !== attach.containerId) settingUp.add(attach.pid)
          owners.set(attach.pid, attach.containerId)
          if (!watched.has(attach.containerId)) watch(attach.containerId, now())
        }
        continue
      }
      const event = parseLine(line)
      if (!event) {
        const lost = lostEventCount(line)
        // Whose events they were is unknown: every container's counts become lower bounds.
        if (lost > 0) for (const entry of watched.values()) entry.tally?.addLost(lost)
        continue
      }
      if (!attribute(event, event.kind === 'exec' && isRuntimeReExec(line))) unresolved.push(event)
    }
  }
  const retryUnresolved = (): void => {
    unresolved = unresolved.filter((event) => !attribute(event))
  }

  const runtime = hasFork && hasAttach ? runtimeThreads(procRoot) : []
  for (const tid of runtime) owners.set(tid, '')
  instance = TraceInstance.open({ root, pids: [...pids, ...runtime], events, filters: hasAttach ? { [ATTACH_EVENT]: 'dst_path ~ "*docker*"' } : {}, onLines, capKprobe: capChecks === 'kprobe' })
  noteCapKprobeRefused(notes, instance.capKprobeError)
  const followed = instance
  if (runtime.length === 0) notes.push('containers started during the window are not followed: containerd was not found, or this kernel lacks sched_process_fork / cgroup_attach_task')
  try {
    options.onStarted?.(instance.name)
    await waitWindow(options, () => {
      for (const entry of watched.values()) {
        // Not inspected yet (a container just started): next tick.
        if (entry.endedAt !== null || entry.container === null) continue
        if (entry.pid <= 0 || !isAlive(entry.pid, procRoot)) {
          entry.endedAt = now()
          syscallSwitch.leave(entry.id)
          continue
        }
        // Threads that entered another way since the last look.
        const tids = containerThreads(entry.pid, procRoot, options.cgroupRoot)
        for (const tid of tids) if (!owners.has(tid)) owners.set(tid, entry.id)
        followed.addPids(tids)
      }
      retryUnresolved()
      options.onProgress?.({
        elapsed: now(),
        seconds: options.seconds,
        containers: watched.size,
        joined: [...watched.values()].filter((e) => e.joinedAt !== null).length,
        events: eventCount,
        usingCapabilities: [...watched.values()].filter((e) => e.tally?.result(e.container!, startedAt, 0, true, []).capabilities.some((c) => c.verdict === 'used')).length
      })
      return true
    })
  } finally {
    await instance.close()
  }
  const seconds = Math.min(options.seconds, now())
  await Promise.all([...watched.values()].map((e) => e.ready))
  retryUnresolved()
  if (unresolved.length > 0) notes.push(`${unresolved.length} events of processes that ended before their container was known were left out`)
  if (runtimeSetUp > 0) notes.push(`${runtimeSetUp} events of runc setting up a container or docker exec (before it runs the command) were left out`)
  if (ignored > 0) notes.push(`${ignored} events of processes in no container were left out`)
  if (runtime.length > 0) notes.push('containers started during the window are followed from their first process (containerd and its shims are followed, their own calls left out)')
  if (syscallMode === 'each-once') notes.push('a syscall’s event was switched off only once every container still running had made it (one instance serves all)')
  if (hot.excludedCount > 0) notes.push(`${hot.excludedCount} busy tasks were left out of a syscall event their container already had`)
  const syscallsTraced = syscallMode !== 'none'
  const observations: Observation[] = []
  for (const entry of watched.values()) {
    const own = [...entry.notes]
    if (entry.joinedAt !== null) own.push(`started during the window, ${entry.joinedAt.toFixed(1)} s after it opened; followed from its first process`)
    if (entry.endedAt !== null) own.push(`the container's main process ended after ${entry.endedAt.toFixed(1)} s`)
    own.push('observed with every running container at once (observe --all)')
    const tallied = entry.tally!.result(entry.container!, startedAt, 0, syscallsTraced, [])
    if (syscallsTraced && tallied.syscalls.length === 0) own.push('it made no system call in the window (idle): the suggested profile holds only what the runtime needs and would not run it; watch it while it works')
    observations.push({
      ...entry.tally!.result(entry.container!, startedAt, Math.round(seconds * 10) / 10, syscallsTraced, own),
      ...(syscallsTraced ? { syscallCounts: syscallMode === 'every-call' ? ('exact' as const) : ('first-seen' as const) } : {})
    })
  }
  observations.sort((a, b) => a.container.name.localeCompare(b.container.name))
  return { startedAt, seconds: Math.round(seconds * 10) / 10, observations, ignoredEvents: ignored, notes }
}

/** Names the container, reads the bounding set its process holds (else the one Docker gave it), and replays what waited. */
function describe(entry: Watched, info: Docker.ContainerInspectInfo, procRoot: string, startMono: number): void {
  const pid = info.State?.Pid ?? 0
  let status = ''
  if (pid > 0) {
    try {
      status = readFileSync(`${procRoot}/${pid}/status`, 'utf8')
    } catch {
      // Ended meanwhile: the HostConfig says what it held.
    }
  }
  const fromStatus = /^CapBnd:\s*(\w+)/m.exec(status)?.[1]
  const capBnd = fromStatus ?? boundingMaskOf(info.HostConfig ?? {})
  const capEff = /^CapEff:\s*(\w+)/m.exec(status)?.[1] ?? capBnd
  if (!fromStatus) entry.notes.push('its main process had ended before it could be read: the bounding set is the one its HostConfig gives')
  entry.pid = pid
  settle(entry, { id: info.Id, name: info.Name.replace(/^\//, ''), capBnd, capEff }, startMono)
}

/** Removed before it could be inspected: Docker's default bounding set is the best guess. */
function describeGone(entry: Watched, startMono: number): void {
  entry.notes.push('removed before it could be inspected: Docker’s default bounding set assumed')
  const capBnd = boundingMaskOf({})
  settle(entry, { id: entry.id, name: entry.id.slice(0, 12), capBnd, capEff: capBnd }, startMono)
}

function settle(entry: Watched, container: ObservedContainer, startMono: number): void {
  entry.container = container
  const tally = new ObservationTally(bitsOf(container.capBnd))
  tally.setStart(startMono)
  for (const event of entry.pending) tally.add(event)
  entry.pending = []
  entry.tally = tally
}
