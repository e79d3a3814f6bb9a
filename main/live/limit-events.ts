// Discrete limit events derived from two consecutive samples of one container: the kernel enforcing a
// limit, said in one sentence with the numbers. Pure: the small per-container state that makes the
// level-style events (throttling, memory near the limit, pids at max) fire once per episode instead of
// every tick goes in and comes out explicitly.
import { formatBytes, formatCores } from '../../shared/format'
import type { CgroupSample, LimitEventKind, LiveEvent } from '../../shared/live'
import { throttledShare } from './rates'

export interface LimitEventOptions {
  /** Share of CFS periods throttled over one interval that counts as throttling (0..1). */
  throttleShare: number
  /** Fewer periods than this in an interval is too little to judge (an idle or barely running cgroup). */
  minPeriods: number
  /** Working set / memory limit at or above which memory-pressure fires … */
  memoryHigh: number
  /** … and below which it re-arms (hysteresis, so hovering at the line does not flap). */
  memoryRearm: number
}

export const DEFAULT_LIMIT_EVENT_OPTIONS: LimitEventOptions = {
  throttleShare: 0.2,
  minPeriods: 3,
  memoryHigh: 0.9,
  memoryRearm: 0.85
}

/** Which episodes are under way for one container. */
export interface LimitEventState {
  throttled: boolean
  memoryHigh: boolean
  pidsAtMax: boolean
}

export const INITIAL_LIMIT_EVENT_STATE: LimitEventState = { throttled: false, memoryHigh: false, pidsAtMax: false }

export interface EventSubject {
  containerId: string
  containerName: string
  /** ISO time of the current sample. */
  at: string
}

export interface DerivedEvents {
  events: LiveEvent[]
  state: LimitEventState
}

export function deriveLimitEvents(
  subject: EventSubject,
  previous: CgroupSample | null,
  current: CgroupSample,
  state: LimitEventState,
  options: LimitEventOptions = DEFAULT_LIMIT_EVENT_OPTIONS
): DerivedEvents {
  const events: LiveEvent[] = []
  const emit = (kind: LimitEventKind, message: string, detail: LiveEvent['detail']): void => {
    const event: LiveEvent = { type: 'event', kind, containerId: subject.containerId, containerName: subject.containerName, at: subject.at, message, detail }
    // An OOM kill is also reported by Docker; the stream merges the two reports and names who saw it.
    if (kind === 'oom-kill') event.sources = ['kernel']
    events.push(event)
  }
  oomKill(previous, current, emit)
  const throttled = cpuThrottled(current, state.throttled, options, emit)
  const pidsAtMax = pidsLimit(previous, current, state.pidsAtMax, emit)
  const memoryHigh = memoryPressure(current, state.memoryHigh, options, emit)
  return { events, state: { throttled, memoryHigh, pidsAtMax } }
}

type Emit = (kind: LimitEventKind, message: string, detail: LiveEvent['detail']) => void

function oomKill(previous: CgroupSample | null, current: CgroupSample, emit: Emit): void {
  const before = previous?.memory.oomKills ?? null
  const after = current.memory.oomKills
  // A counter that went down belongs to a recreated cgroup: nothing new to report from the difference.
  if (before === null || after === null || after <= before) return
  const kills = after - before
  const limit = current.memory.limitBytes
  const at = limit === null ? 'with no memory limit of its own' : `at its ${formatBytes(limit)} memory limit`
  emit('oom-kill', `The kernel OOM-killed ${plural(kills, 'process', 'processes')} ${at} (${after} in total).`, {
    kills,
    oomKills: after,
    limitBytes: limit,
    workingSetBytes: current.memory.workingSetBytes
  })
}

function cpuThrottled(current: CgroupSample, active: boolean, options: LimitEventOptions, emit: Emit): boolean {
  const { periods, throttledPeriods, throttledSeconds, quotaCores } = current.cpu
  const share = throttledShare(current.cpu)
  // Unknown this tick (first sample, unreadable): the episode neither starts nor ends.
  if (share === null || periods === null || throttledPeriods === null) return active
  const throttling = periods >= options.minPeriods && share >= options.throttleShare
  if (throttling && !active) {
    const quota = quotaCores === null ? 'without a quota of its own' : `at a quota of ${formatCores(quotaCores)}`
    const held = throttledSeconds === null ? '' : `, ${throttledSeconds.toFixed(2)} s in total,`
    emit(
      'cpu-throttled',
      `CPU throttled in ${throttledPeriods} of ${periods} periods (${percent(share)})${held} ${quota}.`,
      { periods, throttledPeriods, share, throttledSeconds, quotaCores, cores: current.cpu.cores }
    )
  }
  return throttling
}

function pidsLimit(previous: CgroupSample | null, current: CgroupSample, active: boolean, emit: Emit): boolean {
  const { current: count, max, limitHits } = current.pids
  const before = previous?.pids.limitHits ?? null
  const refused = before !== null && limitHits !== null && limitHits > before ? limitHits - before : 0
  const atMax = count !== null && max !== null && count >= max
  // Refused forks are news every tick they happen; sitting at the limit only when it is reached.
  if (refused > 0 || (atMax && !active)) {
    const limit = max === null ? 'the pids limit' : `the pids limit of ${max}`
    const inUse = count === null ? '' : ` (${count} in use)`
    const message =
      refused > 0
        ? `${plural(refused, 'fork was', 'forks were')} refused at ${limit}${inUse}.`
        : `Reached ${limit}${inUse}.`
    emit('pids-limit', message, { refused, limitHits, current: count, max })
  }
  // Unknown counts leave the episode as it was.
  return count === null || max === null ? active : atMax
}

function memoryPressure(current: CgroupSample, active: boolean, options: LimitEventOptions, emit: Emit): boolean {
  const { workingSetBytes: used, limitBytes: limit } = current.memory
  if (used === null) return active
  if (limit === null || limit <= 0) return false
  const share = used / limit
  if (share >= options.memoryHigh && !active) {
    emit('memory-pressure', `Working set ${formatBytes(used)} is ${percent(share)} of the ${formatBytes(limit)} memory limit.`, {
      workingSetBytes: used,
      limitBytes: limit,
      share,
      usageBytes: current.memory.usageBytes
    })
    return true
  }
  return active && share >= options.memoryRearm
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}
