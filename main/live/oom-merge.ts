// One OOM event per kill in the live stream. The kernel's oom_kill counter (seen by the sampler at its
// next tick: up to one interval late) and Docker's `oom` event (containerd watches the same cgroup;
// it arrives within milliseconds, one per kill) report the same kill. Whichever comes first waits a
// short while for the other; matched, they leave as one `oom-kill` event whose `sources` names both.
// Unmatched, each leaves alone when its wait is over: a kernel-only kill (a container another daemon
// runs, or Docker away), or a Docker-only OOM (the cgroup was gone before the next tick, e.g. PID 1
// was killed and the container ended; or kills are disabled and nothing was killed).
//
// A third witness names the victim: the kernel log (/dev/kmsg) has a line per kill with the process and
// its memory. When the merged (or lone) event is ready, the log is read once more (by then the kill's lines
// are written: the kernel prints them right after counting the kill) and the event carries the kill(s) of
// that container the log shows around its time, with `kernel-log` among its sources.
import type { LiveEvent } from '../../shared/live'
import { formatBytes } from '../../shared/format'
import type { KmsgOomKill } from '../kernel/kmsg-parse'

export interface OomMergeTimer {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface OomMergeOptions {
  /** Where events leave, merged or not; events of other kinds pass straight through. */
  emit: (event: LiveEvent) => void
  /** How long Docker's report waits for the kernel's: the sampling interval and some slack. */
  dockerWaitMs: number
  /** How long the kernel's report waits for Docker's (which normally came first). 0: no Docker to wait for. */
  kernelWaitMs: number
  timer?: OomMergeTimer
  /** The kernel log's kills now (through the kernel source); absent: no log, events are not attributed. */
  kernelLog?: () => Promise<readonly KmsgOomKill[]>
}

/** How far a logged kill may lie from its event's time: the event waits, and the kernel's is up to a tick late. */
const LOG_MATCH_SLACK_MS = 5000
/** Log records already named by an event, so a later event does not name them again (bounded). */
const CLAIMED_KEPT = 256

interface Pending {
  kernel: LiveEvent | null
  docker: LiveEvent[]
  handle: unknown
}

const SYSTEM_TIMER: OomMergeTimer = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
}

export class OomMerger {
  private readonly pending = new Map<string, Pending>()
  private readonly timer: OomMergeTimer
  private readonly claimed: number[] = []
  /** Events leave in order even while the kernel log is read for them. */
  private leaving: Promise<void> = Promise.resolve()

  constructor(private readonly options: OomMergeOptions) {
    this.timer = options.timer ?? SYSTEM_TIMER
  }

  offer(event: LiveEvent): void {
    if (event.kind === 'oom-kill') this.fromKernel(event)
    else if (event.kind === 'container-oom') this.fromDocker(event)
    // Behind any OOM event still waiting for its log read: the stream keeps its order.
    else if (this.options.kernelLog) this.leaving = this.leaving.then(() => this.options.emit(event))
    else this.options.emit(event)
  }

  /** Sends what still waits (the stream is ending) and cancels the waits. */
  flush(): void {
    for (const id of [...this.pending.keys()]) this.settle(id)
  }

  /** Resolves when every settled event has left (its kernel log read finished). */
  idle(): Promise<void> {
    return this.leaving
  }

  private fromKernel(event: LiveEvent): void {
    if (this.options.kernelWaitMs <= 0) return this.leave(withSources(event, ['kernel']))
    const waiting = this.pending.get(event.containerId)
    // A second kernel report before the first found its match is another kill.
    if (waiting?.kernel) this.settle(event.containerId)
    const current = this.pending.get(event.containerId)
    if (current) {
      current.kernel = event
      this.restart(event.containerId, current, this.options.kernelWaitMs)
    } else {
      this.wait(event.containerId, { kernel: event, docker: [], handle: null }, this.options.kernelWaitMs)
    }
    this.settleIfMatched(event.containerId)
  }

  private fromDocker(event: LiveEvent): void {
    const current = this.pending.get(event.containerId)
    if (current) current.docker.push(event)
    else this.wait(event.containerId, { kernel: null, docker: [event], handle: null }, this.options.dockerWaitMs)
    this.settleIfMatched(event.containerId)
  }

  /** The kernel's report says how many kills; once Docker reported as many, nothing more is coming. */
  private settleIfMatched(id: string): void {
    const current = this.pending.get(id)
    if (current?.kernel && current.docker.length >= killsOf(current.kernel)) this.settle(id)
  }

  private wait(id: string, entry: Pending, ms: number): void {
    this.pending.set(id, entry)
    this.restart(id, entry, ms)
  }

  private restart(id: string, entry: Pending, ms: number): void {
    if (entry.handle !== null) this.timer.clearTimeout(entry.handle)
    entry.handle = this.timer.setTimeout(() => this.settle(id), ms)
  }

  private settle(id: string): void {
    const entry = this.pending.get(id)
    if (!entry) return
    this.pending.delete(id)
    if (entry.handle !== null) this.timer.clearTimeout(entry.handle)
    if (!entry.kernel) {
      for (const docker of entry.docker) this.leave(withSources(docker, ['docker']))
      return
    }
    const kills = killsOf(entry.kernel)
    const matched = entry.docker.slice(0, kills)
    const extra = entry.docker.slice(kills)
    this.leave(merged(entry.kernel, matched))
    // More Docker reports than the kernel counted kills: they wait for the kernel's next report.
    if (extra.length > 0) this.wait(id, { kernel: null, docker: extra, handle: null }, this.options.dockerWaitMs)
  }

  /** Emits an OOM event, first naming the killed process(es) from the kernel log when there is one. */
  private leave(event: LiveEvent): void {
    const read = this.options.kernelLog
    if (!read) {
      this.options.emit(event)
      return
    }
    this.leaving = this.leaving
      .then(() => read())
      .then(
        (kills) => this.options.emit(this.attributed(event, kills)),
        () => this.options.emit(event)
      )
  }

  private attributed(event: LiveEvent, kills: readonly KmsgOomKill[]): LiveEvent {
    const at = Date.parse(event.at)
    const mine = kills
      .filter((k) => k.containerId === event.containerId && !this.claimed.includes(k.seq) && Math.abs(k.atMs - at) <= LOG_MATCH_SLACK_MS)
      .sort((a, b) => a.seq - b.seq)
      .slice(0, event.kind === 'oom-kill' ? killsOf(event) : 1)
    if (mine.length === 0) return event
    for (const k of mine) this.claimed.push(k.seq)
    this.claimed.splice(0, Math.max(0, this.claimed.length - CLAIMED_KEPT))
    const last = mine[mine.length - 1]!
    return {
      ...event,
      message: `${event.message} ${killedSentence(mine)}`,
      sources: [...(event.sources ?? []), 'kernel-log'],
      detail: {
        ...event.detail,
        killedComm: last.comm,
        killedHostPid: last.hostPid,
        killedAnonRssBytes: last.anonRssBytes,
        killedFileRssBytes: last.fileRssBytes,
        killedShmemRssBytes: last.shmemRssBytes,
        killedTotalVmBytes: last.totalVmBytes,
        killedAt: new Date(last.atMs).toISOString(),
        killedProcesses: mine.map((k) => `${k.comm} (${k.hostPid})`).join(', ')
      }
    }
  }
}

/** "The OOM killer killed tail (host pid 1551), anon 15.6 MiB at the kill." */
export function killedSentence(kills: readonly KmsgOomKill[]): string {
  const each = kills.map((k) => `${k.comm} (host pid ${k.hostPid}), anon ${formatBytes(k.anonRssBytes)}`)
  return `The OOM killer killed ${each.join('; ')} at the kill.`
}

function killsOf(kernel: LiveEvent): number {
  const kills = kernel.detail.kills
  return typeof kills === 'number' && kills > 0 ? kills : 1
}

function withSources(event: LiveEvent, sources: NonNullable<LiveEvent['sources']>): LiveEvent {
  return { ...event, sources }
}

/** The kernel's event (its numbers, its time) naming Docker as a second witness when Docker saw it. */
function merged(kernel: LiveEvent, docker: readonly LiveEvent[]): LiveEvent {
  if (docker.length === 0) return withSources(kernel, ['kernel'])
  return { ...kernel, sources: ['kernel', 'docker'], detail: { ...kernel.detail, dockerAt: docker[0]!.at } }
}
