// The fast path of the live view (DESIGN.md "live"): at a fixed rate, read every target container's
// cgroup counters straight from cgroupfs (never the Docker stats API), turn them into rates against the
// previous tick, derive limit events, record the history, and say what all of this cost. The OS is
// injected: the counter sources, the clocks, the timer and the process figures, so tests drive it tick
// by tick. Each target keeps its counter files open from one tick to the next (closed when the target
// leaves, when its cgroup vanishes, and on stop()); its limits are read when the targets are set.
import type { CgroupSample, LiveEvent, SampleMessage } from '../../shared/live'
import type { CgroupMembership } from '../../shared/model'
import type { CgroupCounters } from '../probe/cgroup-counters'
import { openCounterSource, type CounterSource, type CounterSourceFactory } from '../probe/cgroup-counters-live'
import { sharedReads } from '../probe/cgroup-counters-open-files'
import { emptyCounters } from '../probe/cgroup-counters-types'
import type { CgroupHierarchy } from '../probe/types'
import { History } from './history'
import {
  DEFAULT_LIMIT_EVENT_OPTIONS,
  INITIAL_LIMIT_EVENT_STATE,
  deriveLimitEvents,
  type LimitEventOptions,
  type LimitEventState
} from './limit-events'
import { sampleFromCounters } from './rates'

import { MAX_INTERVAL_MS, MIN_INTERVAL_MS } from './sample-interval'

export { MAX_INTERVAL_MS, MIN_INTERVAL_MS }

export interface SamplerTarget {
  id: string
  name: string
  /** The container init's /proc/<pid>/cgroup lines: where its counters live. */
  memberships: CgroupMembership[]
}

export interface SamplerClock {
  /** Wall time in epoch ms: the `at` of samples and events. */
  now(): number
  /** Monotonic ms for intervals, so a wall-clock step never becomes a rate. */
  monotonic(): number
}

export interface SamplerTimer {
  setInterval(callback: () => void, ms: number): unknown
  clearInterval(handle: unknown): void
}

/** The watcher's own footprint: total CPU time in µs (user + system) and resident memory in bytes. */
export interface SelfUsage {
  cpuMicros(): number
  rssBytes(): number
}

export interface SamplerOptions {
  hierarchy: CgroupHierarchy
  /** Where each target's counters come from; default: its cgroup files, kept open, one shared buffer. */
  openCounters?: CounterSourceFactory
  /** A stateless reader called every tick (limits included) instead of openCounters: for tests. */
  readCounters?: (hierarchy: CgroupHierarchy, memberships: readonly CgroupMembership[]) => CgroupCounters
  clock?: SamplerClock
  timer?: SamplerTimer
  self?: SelfUsage
  history?: History
  /**
   * false: the owner records the limit events in the history itself, e.g. after merging the kernel's OOM
   * report with Docker's, so the history holds the same events the stream sent. Samples are recorded either way.
   */
  recordEvents?: boolean
  eventOptions?: LimitEventOptions
}

export interface TickResult {
  sample: SampleMessage
  /** Limit events derived this tick, in target order; recorded in the history unless recordEvents is false. */
  events: LiveEvent[]
}

interface TargetSource {
  /** The memberships the source was opened for: other ones mean other files. */
  key: string
  source: CounterSource
}

interface TargetState {
  counters: CgroupCounters
  sample: CgroupSample
  /** Monotonic ms just before this target's files were read. */
  readAt: number
  events: LimitEventState
}

const SYSTEM_CLOCK: SamplerClock = { now: () => Date.now(), monotonic: () => performance.now() }
const SYSTEM_TIMER: SamplerTimer = {
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>)
}
const PROCESS_USAGE: SelfUsage = {
  cpuMicros: () => {
    const { user, system } = process.cpuUsage()
    return user + system
  },
  rssBytes: () => process.memoryUsage.rss()
}

/** Throws a RangeError naming the allowed range unless 250 ms ≤ intervalMs ≤ 60 s. */
export function validateInterval(intervalMs: number): void {
  if (!(Number.isFinite(intervalMs) && intervalMs >= MIN_INTERVAL_MS && intervalMs <= MAX_INTERVAL_MS)) {
    throw new RangeError(
      `sampling interval must be between ${MIN_INTERVAL_MS} ms and ${MAX_INTERVAL_MS / 1000} s, got ${String(intervalMs)} ms`
    )
  }
}

export class Sampler {
  readonly history: History
  private readonly hierarchy: CgroupHierarchy
  private readonly openCounters: CounterSourceFactory
  private readonly clock: SamplerClock
  private readonly timer: SamplerTimer
  private readonly self: SelfUsage
  private readonly eventOptions: LimitEventOptions
  private readonly recordEvents: boolean
  private targets: SamplerTarget[] = []
  private readonly state = new Map<string, TargetState>()
  private readonly sources = new Map<string, TargetSource>()
  private lastTickAt: number | null = null
  private lastSelf: { cpuMicros: number; at: number }
  private handle: unknown = null
  private lastRss = 0

  constructor(options: SamplerOptions) {
    this.hierarchy = options.hierarchy
    this.openCounters = options.readCounters
      ? statelessSource(options.readCounters)
      : (options.openCounters ?? openCounterSource(sharedReads(), () => this.clock.monotonic()))
    this.clock = options.clock ?? SYSTEM_CLOCK
    this.timer = options.timer ?? SYSTEM_TIMER
    this.self = options.self ?? PROCESS_USAGE
    this.history = options.history ?? new History()
    this.eventOptions = options.eventOptions ?? DEFAULT_LIMIT_EVENT_OPTIONS
    this.recordEvents = options.recordEvents ?? true
    this.lastSelf = { cpuMicros: this.self.cpuMicros(), at: this.clock.monotonic() }
  }

  get running(): boolean {
    return this.handle !== null
  }

  /**
   * Replaces the set of containers to sample. Targets that stay keep their previous reading and their
   * open files, and have their limits read again: this runs on every structural refresh, and Docker's
   * 'update' event (`docker update --cpus …`) triggers one. Targets that left have their files closed.
   * `limitsChanged` narrows the limit reads to the targets named (a light refresh knows which limits
   * changed in its snapshot); without it, every target's limits are read.
   */
  setTargets(targets: readonly SamplerTarget[], limitsChanged?: ReadonlySet<string>): void {
    this.targets = targets.map((t) => ({ ...t, memberships: [...t.memberships] }))
    const ids = new Set(this.targets.map((t) => t.id))
    for (const id of this.state.keys()) if (!ids.has(id)) this.state.delete(id)
    for (const [id, { source }] of this.sources) {
      if (ids.has(id)) continue
      source.close()
      this.sources.delete(id)
    }
    for (const target of this.targets) {
      const key = JSON.stringify(target.memberships)
      const current = this.sources.get(target.id)
      if (current?.key === key) {
        if (!limitsChanged || limitsChanged.has(target.id)) current.source.refreshLimits()
        continue
      }
      current?.source.close()
      this.sources.set(target.id, { key, source: this.openCounters(this.hierarchy, target.memberships) })
    }
  }

  tick(): TickResult {
    const started = this.clock.monotonic()
    const atMs = this.clock.now()
    const at = new Date(atMs).toISOString()
    const containers: SampleMessage['containers'] = []
    const events: LiveEvent[] = []
    for (const target of this.targets) {
      const previous = this.state.get(target.id)
      const readAt = this.clock.monotonic()
      const counters = this.read(target)
      const sample = sampleFromCounters(previous?.counters ?? null, counters, previous ? readAt - previous.readAt : 0)
      const derived = deriveLimitEvents(
        { containerId: target.id, containerName: target.name, at },
        previous?.sample ?? null,
        sample,
        previous?.events ?? INITIAL_LIMIT_EVENT_STATE,
        this.eventOptions
      )
      this.state.set(target.id, { counters, sample, readAt, events: derived.state })
      containers.push({ id: target.id, ...sample })
      events.push(...derived.events)
    }
    this.history.record(atMs, containers, this.recordEvents ? events : [])
    const finished = this.clock.monotonic()
    const intervalMs = this.lastTickAt === null ? 0 : started - this.lastTickAt
    this.lastTickAt = started
    return {
      sample: { type: 'sample', at, intervalMs, containers, self: this.selfCost(finished, finished - started) },
      events
    }
  }

  /** Ticks once now, then every intervalMs, handing each result to onTick. */
  start(intervalMs: number, onTick: (result: TickResult) => void): void {
    validateInterval(intervalMs)
    if (this.running) throw new Error('the sampler is already running; stop() it first')
    // Measure what watching costs from here on, not what setting up (the first snapshot) cost.
    this.lastSelf = { cpuMicros: this.self.cpuMicros(), at: this.clock.monotonic() }
    this.handle = this.timer.setInterval(() => onTick(this.tick()), intervalMs)
    try {
      onTick(this.tick())
    } catch (error) {
      this.stop()
      throw error
    }
  }

  /** Stops the timer and closes every open counter file; a later start() or tick() opens them again. */
  stop(): void {
    if (this.handle !== null) this.timer.clearInterval(this.handle)
    this.handle = null
    for (const { source } of this.sources.values()) source.close()
  }

  private read(target: SamplerTarget): CgroupCounters {
    try {
      return this.sources.get(target.id)?.source.read() ?? emptyCounters()
    } catch {
      // The reader reports trouble as nulls; should one still throw, this target is blank for a tick, not the watch.
      return emptyCounters()
    }
  }

  private selfCost(now: number, readMs: number): SampleMessage['self'] {
    const cpuMicros = this.self.cpuMicros()
    const elapsedMs = now - this.lastSelf.at
    const cpuCores = elapsedMs > 0 ? Math.max(0, cpuMicros - this.lastSelf.cpuMicros) / (elapsedMs * 1000) : 0
    this.lastSelf = { cpuMicros, at: now }
    return { cpuCores, rssBytes: this.rssBytes(), readMs }
  }

  /** Node reads /proc/self/stat for it: out of fds (EMFILE) that throws; keep the last figure then. */
  private rssBytes(): number {
    try {
      this.lastRss = this.self.rssBytes()
    } catch {
      // The figure from the last tick stands.
    }
    return this.lastRss
  }
}

/** A reader without state as a source: every read reads everything, limits included. */
function statelessSource(read: NonNullable<SamplerOptions['readCounters']>): CounterSourceFactory {
  return (hierarchy, memberships) => ({
    read: () => read(hierarchy, memberships),
    refreshLimits: () => undefined,
    close: () => undefined
  })
}
