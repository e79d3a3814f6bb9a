// A live view of the host: one structural snapshot, then patches when something changes, counter
// samples at a fixed rate, and events. Structure is refreshed when Docker reports a container
// change (debounced; then the daemon is asked again) and on a slow timer for what Docker does not
// report, e.g. a process forking inside a container (then only the kernel is read again, with the
// last engine report: the daemon is not asked every few seconds). Counters come from the kernel
// source's sampler. The kernel is read only through the KernelSource seam (main/kernel).
import type Docker from 'dockerode'
import type { HistoryDump } from '../../shared/contract'
import type { LiveEvent, LiveMessage } from '../../shared/live'
import type { EngineEndpoint, EngineState, HostSnapshot, KernelReadBy } from '../../shared/model'
import { diffSnapshots, isEmptyPatch } from '../../shared/snapshot-patch'
import { engineEventKind, refreshesStructure, watchEngineEvents, type EngineEventWatch } from '../engine/engine-events'
import type { DockerEvent } from '../engine/event-lines'
import type { InfoAnswer } from '../engine/engine-info'
import { readEngine } from '../engine/read-engine'
import { readEngineScoped } from '../engine/read-engine-scoped'
import type { EngineReport } from '../engine/types'
import { InProcessKernelSource } from '../kernel/in-process-source'
import { requestFor, type KernelSampler, type KernelSource } from '../kernel/kernel-source'
import { buildSnapshot } from '../model/build-snapshot'
import { engineNotAsked } from '../model/kernel-snapshot'
import type { ProbeRoots } from '../probe/types'
import { describeEngineEvent } from './engine-event-text'
import { HelperRestart } from './helper-restart'
import { History } from './history'
import { OomMerger } from './oom-merge'
import { RefreshScheduler } from './refresh-scheduler'
import { limitsMayHaveChanged, samplerTargets } from './sampler-targets'
import { validateInterval } from './sampler'

export interface LiveSessionOptions {
  /** Where the kernel is read (reports and counter samples); default: this process, from `roots`. */
  kernel?: KernelSource
  /** How `kernel` was chosen, for every snapshot to say (default: said from its kind). */
  kernelReadBy?: KernelReadBy
  /**
   * Starts a new source like `kernel` when it is lost (a helper container killed): the session then
   * retries with the engine stream's backoff, resyncs, and says so. Absent: a lost source stays lost.
   */
  restartKernel?: () => Promise<KernelSource>
  /** Retry delays for restartKernel (default: the engine stream's backoff). */
  restartBackoff?: { initialMs: number; maxMs: number }
  roots?: ProbeRoots
  /** null: kernel view only, no Docker. `info`: GET /info already asked at this start, taken by the first read. */
  engine: { docker: Docker; endpoint: string; origin?: EngineEndpoint; info?: Promise<InfoAnswer> } | null
  /** Sampling interval (250 ms – 60 s). */
  intervalMs?: number
  /**
   * Slow structural refresh of the kernel view, for changes Docker does not announce (default 30 s).
   * It rescans every process (60–110 ms with 50 containers), so it is the largest part of what
   * watching costs; new processes started with `docker exec` come sooner, through Docker's events.
   */
  structureEveryMs?: number
  /** How long to wait after a Docker event for more before refreshing. */
  debounceMs?: number
  onMessage: (message: LiveMessage) => void
  /** Troubles that are not part of the stream (a failed refresh); the session carries on. */
  onWarning?: (text: string) => void
}

/**
 * A refresh for Docker events reads the whole engine again when the last whole read is older than this:
 * what changes without a container event (an image's tags) is then at most this late.
 */
const WHOLE_ENGINE_READ_MS = 60_000
/** One slow refresh in this many reads every process again (see KnownProcesses). */
const FULL_SCAN_EVERY = 10
/** How late Docker's `oom` event may come after the kernel's counter showed the kill, and the tick after a kill may come. */
const OOM_MATCH_SLACK_MS = 2000

export class LiveSession {
  private snapshot: HostSnapshot | null = null
  private engineReport: EngineReport | null = null
  /** Set by engine state changes, swarm events and resyncs: the next refresh asks the daemon about everything. */
  private engineStale = true
  /**
   * Containers Docker's events named since the last read: the next refresh inspects only these (and any
   * the list shows for the first time), and takes every other container's engine data and kernel view
   * (limits, mounts) from the last refresh. The slow timer's refresh reads every container's kernel view.
   */
  private namedContainers = new Set<string>()
  /** Set by the slow timer: the next refresh reads every container's limits and mounts again. */
  private kernelWhole = false
  /** When the daemon was last asked about everything (monotonic ms). */
  private wholeEngineReadAt = 0
  /** Refreshes so far: every FULL_SCAN_EVERY-th reads every process again. */
  private lightRefreshes = 0
  private kernel: KernelSource
  /** Sources this session started itself (restarts): closed by it. */
  private readonly ownSources = new Set<KernelSource>()
  private readonly readBy: KernelReadBy
  /** Ends the subscription to the current source's loss. */
  private unsubscribeLost: (() => void) | null = null
  /** Replaces a lost source; null when no restart was given (a lost source stays lost). */
  private readonly restarts: HelperRestart | null
  private readonly stopping = new AbortController()
  /** Samples and events, recorded on this side of the kernel seam. */
  private readonly timeline = new History()
  private sampler: KernelSampler
  private readonly scheduler: RefreshScheduler
  /** The kernel and Docker report each OOM kill: the stream carries one event for both. */
  private readonly ooms: OomMerger
  private structureTimer: NodeJS.Timeout | null = null
  private events: EngineEventWatch | null = null
  private readonly intervalMs: number
  /** The answer to GET /info asked before the session (--probe auto), for the first read only. */
  private firstInfo: Promise<InfoAnswer> | undefined

  constructor(private readonly options: LiveSessionOptions) {
    this.intervalMs = options.intervalMs ?? 1000
    this.firstInfo = options.engine?.info
    validateInterval(this.intervalMs)
    this.kernel = options.kernel ?? new InProcessKernelSource(options.roots)
    if (!options.kernel) this.ownSources.add(this.kernel)
    this.readBy = options.kernelReadBy ?? {
      source: this.kernel.kind,
      reason: this.kernel.kind === 'in-process' ? 'this process reads its own /proc' : 'a helper container was given'
    }
    // The session records limit events itself, as they leave the OOM merge, so history and stream agree.
    this.sampler = this.kernel.sampler({ history: this.timeline })
    this.watchLoss()
    this.restarts = options.restartKernel
      ? new HelperRestart({
          restart: options.restartKernel,
          ...(options.restartBackoff ? { backoff: options.restartBackoff } : {}),
          signal: this.stopping.signal,
          warn: (text) => options.onWarning?.(text),
          drop: (reason) => this.dropKernel(reason),
          adopt: (next) => this.adoptKernel(next),
          resync: () => this.resync()
        })
      : null
    this.scheduler = new RefreshScheduler(
      () => this.refresh(),
      options.debounceMs ?? 50,
      (error) => options.onWarning?.(`structure refresh failed: ${error instanceof Error ? error.message : String(error)}`)
    )
    this.ooms = new OomMerger({
      emit: (event) => {
        this.timeline.record(Date.parse(event.at), [], [event])
        this.emit(event)
      },
      dockerWaitMs: this.intervalMs + OOM_MATCH_SLACK_MS,
      // Without Docker there is nobody to wait for.
      kernelWaitMs: options.engine ? OOM_MATCH_SLACK_MS : 0,
      // The kernel log names each killed process (read through the seam: it is kernel data).
      ...(this.kernel.kernelLog ? { kernelLog: async () => (await this.kernel.kernelLog!()).kills } : {})
    })
  }

  /**
   * Takes the first snapshot, sends it, and starts sampling, listening and the slow refresh. A helper
   * that dies now is replaced as one lost later would be: the first snapshot then comes through the new one.
   */
  async start(): Promise<void> {
    let first: HostSnapshot | null = null
    try {
      first = (await this.read()).snapshot
    } catch (error) {
      if (!this.replaceable(error)) throw error
      await this.kernelLost(`the helper container's first report failed: ${(error as Error).message}`)
      // Stopped while a new helper was being started: nothing more to start.
      if (this.stopping.signal.aborted) return
    }
    if (first) {
      this.snapshot = first
      this.emit({ type: 'snapshot', snapshot: first })
      this.startSampling(first)
    }
    const engine = this.options.engine
    if (engine) {
      this.events = watchEngineEvents(engine.docker, engine.endpoint, {
        onEvent: (event) => this.onDockerEvent(event),
        onState: (state, reason) => this.onEngineState(state, reason),
      })
    }
    this.structureTimer = setInterval(() => {
      // Some swarm changes send no event (autolock turned off, a certificate renewed): ask the daemon on the slow timer too.
      if (this.snapshot?.swarm?.state === 'active') this.engineStale = true
      this.kernelWhole = true
      this.scheduler.request()
    }, this.options.structureEveryMs ?? 30_000)
  }

  async stop(): Promise<void> {
    this.stopping.abort()
    await this.restarts?.idle()
    this.unsubscribeLost?.()
    this.sampler.stop()
    this.scheduler.stop()
    if (this.structureTimer) clearInterval(this.structureTimer)
    this.structureTimer = null
    await this.events?.stop()
    this.events = null
    this.ooms.flush()
    await this.ooms.idle()
    await this.scheduler.idle()
    // A source passed in belongs to the caller; the default one and restarted ones are this session's.
    for (const source of this.ownSources) await source.close()
    this.ownSources.clear()
  }

  private startSampling(snapshot: HostSnapshot): void {
    this.sampler.setTargets(samplerTargets(snapshot))
    this.sampler.start(this.intervalMs, ({ sample, events }) => {
      this.emit(sample)
      for (const event of events) this.ooms.offer(event)
    })
  }

  /** Follows the current source's loss: a restartable one is replaced. */
  private watchLoss(): void {
    this.unsubscribeLost?.()
    this.unsubscribeLost = this.kernel.onLost?.((reason) => void this.kernelLost(reason)) ?? null
  }

  /** Says the source is gone, starts another with backoff, resyncs with a whole snapshot, says it recovered. */
  private kernelLost(reason: string): Promise<void> {
    if (!this.restarts || this.stopping.signal.aborted) return Promise.resolve()
    return this.restarts.begin(reason)
  }

  /** The current source is lost: stop sampling it, remove it now (not at the end), say so. */
  private async dropKernel(reason: string): Promise<void> {
    const lost = this.kernel
    this.unsubscribeLost?.()
    this.unsubscribeLost = null
    this.sampler.stop()
    await lost.close().catch(() => undefined)
    this.ownSources.delete(lost)
    if (this.snapshot) {
      this.snapshot = { ...this.snapshot, kernelReadBy: { ...this.readBy, lost: reason } }
      this.emit({ type: 'snapshot', snapshot: this.snapshot })
    }
  }

  private adoptKernel(next: KernelSource): void {
    this.ownSources.add(next)
    if (this.stopping.signal.aborted) return
    this.kernel = next
    this.sampler = next.sampler({ history: this.timeline })
    this.watchLoss()
  }

  /** Everything while away was missed: the daemon is asked again and every process read. */
  private async resync(): Promise<void> {
    this.engineStale = true
    this.lightRefreshes = 0
    this.snapshot = (await this.read(false)).snapshot
    this.emit({ type: 'snapshot', snapshot: this.snapshot })
    this.startSampling(this.snapshot)
  }

  current(): HostSnapshot | null {
    return this.snapshot
  }

  history(): HistoryDump {
    return this.timeline.dump()
  }

  /**
   * `light`: a slow refresh that asked neither the daemon nor read every process again. `scoped`: the
   * containers whose engine data and kernel view were read again when the rest was reused (else undefined).
   */
  private async read(mayReuse = true): Promise<{ snapshot: HostSnapshot; light: boolean; scoped?: string[] }> {
    const takenAt = new Date()
    const asked = await this.readEngineNow()
    const engineReport = asked.report
    // Processes that did not change are taken from the last scan, also when a Docker event asked the
    // daemon again (a container that starts or stops changes only its own processes, which are read).
    const reuse = mayReuse && ++this.lightRefreshes % FULL_SCAN_EVERY !== 0 && this.snapshot !== null
    // The slow timer reads every container's limits and mounts (a limit written straight into a cgroup sends
    // no event: that is their safety net); a refresh for some containers' events reads only theirs, also when
    // it is the every-10th full scan of processes (whose safety net is for processes).
    const scoped = mayReuse && this.snapshot !== null && !this.kernelWhole ? asked.scoped : undefined
    this.kernelWhole = false
    const request = requestFor(engineReport, reuse)
    if (scoped) {
      const fresh = new Set(scoped)
      request.unchangedContainers = engineReport.containers.map((c) => c.id).filter((id) => !fresh.has(id))
    }
    let kernel
    try {
      kernel = await this.kernel.report(request)
    } catch (error) {
      throw new KernelReportError(error)
    }
    // The last snapshot: a process OOM-killed since is gone, but its PID inside is known there.
    const earlier = this.snapshot ?? undefined
    const snapshot = buildSnapshot({ takenAt, engine: engineReport, kernel, ...(earlier ? { earlier } : {}) })
    return { snapshot: { ...snapshot, kernelReadBy: this.readBy }, light: reuse && !asked.askedEngine, ...(scoped ? { scoped } : {}) }
  }

  /**
   * The engine report for this refresh: the last one when nothing was heard, a read scoped to the
   * containers events named (`scoped`: those inspected), or a whole read.
   */
  private async readEngineNow(): Promise<{ report: EngineReport; askedEngine: boolean; scoped?: string[] }> {
    const engine = this.options.engine
    const named = this.namedContainers
    this.namedContainers = new Set()
    if (!this.engineStale && this.engineReport) {
      if (named.size === 0 || !engine) return { report: this.engineReport, askedEngine: false }
      if (performance.now() - this.wholeEngineReadAt > WHOLE_ENGINE_READ_MS) return this.readWholeEngine()
      const read = await readEngineScoped(engine.docker, this.engineReport, named)
      if (read) {
        this.engineReport = read.report
        return { report: read.report, askedEngine: true, scoped: read.inspected }
      }
    }
    return this.readWholeEngine()
  }

  private async readWholeEngine(): Promise<{ report: EngineReport; askedEngine: boolean }> {
    const engine = this.options.engine
    this.engineStale = false
    this.wholeEngineReadAt = performance.now()
    const info = this.firstInfo
    this.firstInfo = undefined
    this.engineReport = engine
      ? await readEngine(engine.docker, engine.endpoint, { origin: engine.origin, ...(info ? { info } : {}) })
      : engineNotAsked('--no-engine given: kernel view only')
    // The event stream can hold while new connections fail (its socket moved away): it then retries
    // with its backoff and says 'connected' when the daemon answers, which asks the daemon again.
    const state = this.engineReport.state
    if (engine && !state.reachable) this.events?.readFailed(state.error)
    return { report: this.engineReport, askedEngine: true }
  }

  /** A report the kernel source refused, from a source that can be replaced. */
  private replaceable(error: unknown): boolean {
    return error instanceof KernelReportError && this.restarts !== null && this.kernel.onLost !== undefined
  }

  /** A refresh that asks the daemon again, not only the kernel. */
  private requestEngineRefresh(): void {
    this.engineStale = true
    this.scheduler.request()
  }

  private async refresh(): Promise<void> {
    // The new source's first snapshot resyncs everything.
    if (this.restarts?.active) return
    let read
    try {
      read = await this.read()
    } catch (error) {
      // A report refused by a helper whose stream is still open: replace it as if it had stopped.
      if (this.replaceable(error)) {
        void this.kernelLost(`the helper container's report failed: ${(error as Error).message}`)
        return
      }
      throw error
    }
    if (this.restarts?.active) return
    const { snapshot: next, light, scoped } = read
    const previous = this.snapshot
    this.snapshot = next
    if (!previous) {
      this.sampler.setTargets(samplerTargets(next))
      return
    }
    const patch = diffSnapshots(previous, next)
    // A light refresh read every container's cgroup limits into the snapshot: the sampler reads again
    // only those that changed there; a scoped one, those and the containers it read again. After a
    // whole read of the daemon or a full scan, all.
    const limitsChanged = light || scoped ? limitsMayHaveChanged(patch, next) : undefined
    for (const id of scoped ?? []) limitsChanged?.add(id)
    this.sampler.setTargets(samplerTargets(next), limitsChanged && [...limitsChanged])
    if (!isEmptyPatch(patch)) this.emit({ type: 'patch', patch })
    if (patch.engine) this.emit({ type: 'engine', at: next.takenAt, state: next.engine })
  }

  private onDockerEvent(event: DockerEvent): void {
    // A swarm object changed (autolock toggled, a service scaled): the swarm part of the snapshot is stale.
    if (event.type !== 'container') return this.requestEngineRefresh()
    if (refreshesStructure(event.action)) {
      this.namedContainers.add(event.id)
      this.scheduler.request()
    }
    const kind = engineEventKind(event.action)
    if (kind === null) return
    const live: LiveEvent = {
      type: 'event',
      kind,
      containerId: event.id,
      containerName: event.name,
      at: event.at,
      message: describeEngineEvent(kind, event),
      detail: { action: event.action, exitCode: event.attributes.exitCode ?? null, image: event.image }
    }
    if (kind === 'container-oom') return this.ooms.offer(live)
    this.timeline.record(Date.parse(event.at), [], [live])
    this.emit(live)
  }

  private onEngineState(state: 'connected' | 'unreachable', reason?: string): void {
    const current = this.snapshot?.engine
    if (state === 'unreachable') {
      const engineState: EngineState = {
        reachable: false,
        error: reason ?? 'the Docker daemon went away',
        endpoint: this.options.engine?.endpoint ?? '',
        ...(this.options.engine?.origin ? { endpointOrigin: this.options.engine.origin } : {})
      }
      this.emit({ type: 'engine', at: new Date().toISOString(), state: engineState })
      // The kernel view goes on; refresh so containers stay visible, found by their cgroups.
      this.requestEngineRefresh()
    } else {
      // Connected: the first time, events between the first snapshot and now were not heard;
      // after an outage, everything while away was missed. Either way, read the state again.
      if (current) this.requestEngineRefresh()
    }
  }

  private emit(message: LiveMessage): void {
    this.options.onMessage(message)
  }
}

/** The kernel source refused a report (not the engine read or the join). */
class KernelReportError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause))
  }
}
