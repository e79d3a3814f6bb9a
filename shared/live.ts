// The live stream: one structural snapshot, then patches, counter samples at a fixed rate,
// and discrete events. This is what `glasshouse watch --json` prints (one message per line),
// what serve mode pushes over its WebSocket, and what the Electron app pushes over IPC.
import type { CgroupInfo, ContainerInfo, EngineState, HostInfo, HostSnapshot, NamespaceInfo, ProcessInfo, Problem, SwarmState } from './model'

/** Counter readings of one cgroup at one tick, with rates over the last interval. */
export interface CgroupSample {
  cpu: {
    /** CPU used over the last interval, in cores: 1.0 = one core fully busy. null on the first tick. */
    cores: number | null
    /** The CFS quota in cores; null = unlimited. */
    quotaCores: number | null
    /** Enforcement periods and how many of them were throttled, over the last interval. */
    periods: number | null
    throttledPeriods: number | null
    /** Time spent throttled over the last interval, in seconds. */
    throttledSeconds: number | null
  }
  memory: {
    /** memory.current / memory.usage_in_bytes: everything charged, page cache included. */
    usageBytes: number | null
    /** usage − inactive file cache: what `docker stats` calls MEM USAGE. */
    workingSetBytes: number | null
    limitBytes: number | null
    /** v2 memory.high; null = none (or v1). */
    highBytes: number | null
    /** v1 max_usage_in_bytes, v2 memory.peak (kernel ≥ 5.19). */
    peakBytes: number | null
    /** v2 memory.swap.current; v1 memsw.usage − usage (only with swap accounting). */
    swapBytes: number | null
    /** OOM kills since the cgroup was created (v2 memory.events, v1 memory.oom_control; never failcnt). */
    oomKills: number | null
    /** Times usage went over memory.high, in total (v2 memory.events `high`); null on v1 (no memory.high) or unread. */
    highEvents?: number | null
    /** Times usage hit the limit and reclaim ran, in total (v2 memory.events `max`, v1 memory.failcnt); null = unknown. */
    maxEvents?: number | null
  }
  pids: {
    current: number | null
    max: number | null
    /** How often a fork failed because pids.max was reached (pids.events max), in total. */
    limitHits: number | null
  }
  io: {
    /** Bytes read and written over the last interval. */
    readBytes: number | null
    writeBytes: number | null
    /**
     * false when the counters cannot be trusted: on cgroup v1 the blkio throttle counters stay at
     * zero unless a throttle limit is set on the cgroup.
     */
    meaningful: boolean
  }
  /** PSI "some avg10" percentages from the cgroup's unified directory, where the kernel has them. */
  pressure: { cpu: number | null; memory: number | null; io: number | null }
}

export interface ContainerSample extends CgroupSample {
  id: string
}

export interface SampleMessage {
  type: 'sample'
  at: string
  /** The wall time the rates were computed over, in milliseconds. */
  intervalMs: number
  containers: ContainerSample[]
  /** What watching costs: the watcher's own CPU over the last interval, in cores (1.0 = one core). */
  self: { cpuCores: number; rssBytes: number; readMs: number }
}

export const LIMIT_EVENT_KINDS = ['oom-kill', 'cpu-throttled', 'pids-limit', 'memory-pressure'] as const
export type LimitEventKind = (typeof LIMIT_EVENT_KINDS)[number]

export const ENGINE_EVENT_KINDS = [
  'container-create',
  'container-start',
  'container-die',
  'container-oom',
  'container-destroy',
  'container-update',
  'container-exec'
] as const
export type EngineEventKind = (typeof ENGINE_EVENT_KINDS)[number]

/** Who reported an event: the kernel's counters (read by the sampler) or the Docker daemon's event stream. */
export type EventSource = 'kernel' | 'docker' | 'kernel-log'

export interface LiveEvent {
  type: 'event'
  kind: LimitEventKind | EngineEventKind
  containerId: string
  containerName: string
  at: string
  /** One sentence with the numbers, e.g. "throttled in 62 of 74 periods (84%) at a 0.5-core quota". */
  message: string
  /** The figures behind the message. */
  detail: Record<string, number | string | null>
  /**
   * Who reported it. Set on OOM events: the kernel's oom_kill counter and Docker's `oom` event report
   * the same kill, and the stream carries one event naming both (absent on other kinds).
   */
  sources?: EventSource[]
}

/** Upserts and removals by kernel identity; applying it to the previous snapshot gives the next. */
export interface SnapshotPatch {
  takenAt: string
  host?: HostInfo
  engine?: EngineState
  /** The swarm when it changed (issue 15); `null` when it is gone from the snapshot. */
  swarm?: SwarmState | null
  upsert: {
    containers: ContainerInfo[]
    processes: ProcessInfo[]
    namespaces: NamespaceInfo[]
    cgroups: CgroupInfo[]
  }
  remove: {
    /** Container ids. */
    containers: string[]
    /** Process keys: `${pid}:${startTicks}`. */
    processes: string[]
    /** Namespace keys: `${type}:${inode}`. */
    namespaces: string[]
    /** Cgroup paths. */
    cgroups: string[]
  }
  problems: Problem[]
}

export type LiveMessage =
  | { type: 'snapshot'; snapshot: HostSnapshot }
  | { type: 'patch'; patch: SnapshotPatch }
  | SampleMessage
  | LiveEvent
  | { type: 'engine'; at: string; state: EngineState }
