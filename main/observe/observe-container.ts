// One observation of one running container: a private trace instance following its threads for a
// window, each event attributed and counted, the instance always taken down at the end.
import { existsSync, readFileSync } from 'node:fs'
import type { Observation } from '../../shared/observe/observation'
import { bitsOf, ObservationTally } from '../../shared/observe/observation-tally'
import { traceLineParser } from '../../shared/observe/cap-kprobe-lines'
import { lostEventCount, parseTraceLine } from '../../shared/observe/trace-event'
import { containerThreads, processCgroupPath } from './container-tasks'
import { removeOrphanInstances } from './trace-instance-cleanup'
import { TraceInstance } from './trace-instance'
import { isAlive, waitWindow, type ObservationOptions } from './observe-window'
import { capabilityChecks, ensureTracefs, eventsToEnable, missingFeatureNotes, noteCapKprobeRefused, syscallTracing, TRACEFS_ROOT, traceFeatures } from './tracefs'

export interface ObserveOptions extends ObservationOptions {
  /** Name or id. */
  container: string
  onProgress?: (progress: ObserveProgress) => void
}

export interface ObserveProgress {
  elapsed: number
  seconds: number
  events: number
  processes: number
  capabilitiesUsed: string[]
  syscalls: number
}

export class ObserveError extends Error {}

export async function observeContainer(options: ObserveOptions): Promise<Observation> {
  const root = options.root ?? TRACEFS_ROOT
  const procRoot = options.procRoot ?? '/proc'
  ensureTracefs(root)
  removeOrphanInstances(root, procRoot)
  const features = traceFeatures(root)
  const notes = missingFeatureNotes(features)
  const syscallMode = syscallTracing(features, options.withSyscalls ?? true, options.countSyscalls === true)
  const events = eventsToEnable(features, syscallMode)
  const capChecks = capabilityChecks(features)
  if (capChecks === 'none' && syscallMode === 'none') throw new ObserveError(notes.join('; '))

  const info = await options.docker.getContainer(options.container).inspect()
  const pid = info.State?.Pid ?? 0
  if (!info.State?.Running || pid <= 0) throw new ObserveError(`container ${info.Name.replace(/^\//, '')} is not running: there is nothing to observe`)
  const status = readFileSync(`${procRoot}/${pid}/status`, 'utf8')
  const capBnd = /^CapBnd:\s*(\w+)/m.exec(status)?.[1] ?? '0'
  const capEff = /^CapEff:\s*(\w+)/m.exec(status)?.[1] ?? '0'
  const container = { id: info.Id, name: info.Name.replace(/^\//, ''), capBnd, capEff }

  const tally = new ObservationTally(bitsOf(capBnd))
  const belongs = new Map<number, boolean>()
  let eventCount = 0
  let foreign = 0
  const isOurs = (group: number): boolean => {
    let ours = belongs.get(group)
    if (ours === undefined) {
      // A process that already ended is a descendant of the container's (the filter only adds children).
      const path = processCgroupPath(group, procRoot)
      ours = path === null || path.includes(info.Id)
      belongs.set(group, ours)
    }
    return ours
  }
  // each-once: a syscall's own event is switched off once it was seen, so its further calls cost nothing.
  const switchedOff = new Set<string>()
  let instanceRef: TraceInstance | null = null
  const seenSyscall = (eventName: string | undefined): void => {
    if (syscallMode !== 'each-once' || eventName === undefined || switchedOff.has(eventName)) return
    switchedOff.add(eventName)
    instanceRef?.disableEvent(`syscalls/sys_enter_${eventName}`)
  }
  // Pairs the kprobe fallback's entry and return lines into the tracepoint's event; other lines as before.
  const parseLine = traceLineParser(parseTraceLine)
  const onLines = (lines: string[]): void => {
    for (const line of lines) {
      const event = parseLine(line)
      if (!event) {
        tally.addLost(lostEventCount(line))
        continue
      }
      if (!isOurs(event.tgid ?? event.pid)) {
        foreign++
        continue
      }
      eventCount++
      tally.add(event)
      if (event.kind === 'syscall') seenSyscall(event.event)
    }
  }

  const startedAt = new Date().toISOString()
  const startMono = Number(process.hrtime.bigint()) / 1e9
  tally.setStart(startMono)
  const instance = TraceInstance.open({ root, pids: containerThreads(pid, procRoot, options.cgroupRoot), events, onLines, capKprobe: capChecks === 'kprobe' })
  noteCapKprobeRefused(notes, instance.capKprobeError)
  instanceRef = instance
  const watcher = openExecWatcher(root, info.Id, instance)
  try {
    options.onStarted?.(instance.name)
    await waitWindow(options, () => {
      // Threads that entered the cgroup another way (docker exec) since the last look.
      instance.addPids(containerThreads(pid, procRoot, options.cgroupRoot))
      const snapshot = tally.result(container, startedAt, 0, true, [])
      options.onProgress?.({
        elapsed: Number(process.hrtime.bigint()) / 1e9 - startMono,
        seconds: options.seconds,
        events: eventCount,
        processes: snapshot.processes,
        capabilitiesUsed: snapshot.capabilities.filter((c) => c.verdict === 'used').map((c) => c.name),
        syscalls: snapshot.syscalls.length
      })
      return isAlive(pid, procRoot)
    })
  } finally {
    await instance.close()
    await watcher?.close()
  }
  const seconds = Math.min(options.seconds, Number(process.hrtime.bigint()) / 1e9 - startMono)
  if (!isAlive(pid, procRoot)) notes.push(`the container's main process ended after ${seconds.toFixed(1)} s; the window closed then`)
  if (foreign > 0) notes.push(`${foreign} events of processes that moved to another cgroup were left out`)
  notes.push(
    watcher
      ? 'processes that entered with docker exec are followed from when they join the container’s cgroup (runc then still runs in them; a few early calls may be missed)'
      : 'processes that entered with docker exec are followed from the next second on; their first calls may be missed'
  )
  const syscallsTraced = syscallMode !== 'none'
  return {
    ...tally.result(container, startedAt, Math.round(seconds * 10) / 10, syscallsTraced, notes),
    ...(syscallsTraced ? { syscallCounts: syscallMode === 'every-call' ? ('exact' as const) : ('first-seen' as const) } : {})
  }
}

/**
 * A `docker exec` process is no child of the followed ones, so event-fork never adds it. A second, quiet
 * instance watches cgroup:cgroup_attach_task (all tasks, filtered in the kernel to the container's cgroup
 * path) and adds each task that joins; null where the kernel lacks the event (the per-second rescan remains).
 */
function openExecWatcher(root: string, containerId: string, followed: TraceInstance): TraceInstance | null {
  if (!existsSync(`${root}/events/cgroup/cgroup_attach_task`)) return null
  try {
    return TraceInstance.open({
      root,
      pids: [],
      events: ['cgroup/cgroup_attach_task'],
      filters: { 'cgroup/cgroup_attach_task': `dst_path ~ "*${containerId}*"` },
      bufferKb: 64,
      pollMs: 10,
      onLines: (lines) => {
        for (const line of lines) {
          const m = /cgroup_attach_task: .* pid=(\d+) comm=/.exec(line)
          if (m) followed.addPids([Number(m[1])])
        }
      }
    })
  } catch {
    return null
  }
}
