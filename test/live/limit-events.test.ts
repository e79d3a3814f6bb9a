import { describe, expect, it } from 'vitest'
import {
  INITIAL_LIMIT_EVENT_STATE,
  deriveLimitEvents,
  type LimitEventState
} from '../../main/live/limit-events'
import type { CgroupSample, LiveEvent } from '../../shared/live'
import { sample } from './counters-builder'

const SUBJECT = { containerId: 'c'.repeat(64), containerName: 'web', at: '2026-11-28T10:00:00.000Z' }

/** Runs a sequence of samples through the derivation the way the sampler does; events per tick. */
function run(samples: CgroupSample[]): LiveEvent[][] {
  let state: LimitEventState = INITIAL_LIMIT_EVENT_STATE
  let previous: CgroupSample | null = null
  return samples.map((current) => {
    const derived = deriveLimitEvents(SUBJECT, previous, current, state)
    state = derived.state
    previous = current
    return derived.events
  })
}

const kinds = (ticks: LiveEvent[][]): string[][] => ticks.map((events) => events.map((e) => e.kind))

const throttle = (periods: number | null, throttled: number | null, seconds: number | null = null): CgroupSample =>
  sample({ cpu: { cores: 0.5, quotaCores: 0.5, periods, throttledPeriods: throttled, throttledSeconds: seconds } })

describe('oom-kill', () => {
  const oom = (kills: number | null): CgroupSample => sample({ memory: { oomKills: kills, limitBytes: 16 * 1024 * 1024, workingSetBytes: 8 * 1024 * 1024 } })

  it('fires when the kill counter grows, with the count and the limit', () => {
    const ticks = run([oom(0), oom(0), oom(1), oom(1), oom(3)])
    expect(kinds(ticks)).toEqual([[], [], ['oom-kill'], [], ['oom-kill']])
    const first = ticks[2]?.[0]
    expect(first).toMatchObject({
      type: 'event',
      kind: 'oom-kill',
      containerId: SUBJECT.containerId,
      containerName: 'web',
      at: SUBJECT.at,
      message: 'The kernel OOM-killed 1 process at its 16 MiB memory limit (1 in total).',
      detail: { kills: 1, oomKills: 1, limitBytes: 16777216 }
    })
    expect(ticks[4]?.[0]?.message).toBe('The kernel OOM-killed 2 processes at its 16 MiB memory limit (3 in total).')
  })

  it('stays quiet on the first sample, on unknown counts and on a counter that went down', () => {
    expect(kinds(run([oom(5)]))).toEqual([[]])
    expect(kinds(run([oom(0), oom(null), oom(1)]))).toEqual([[], [], []])
    expect(kinds(run([oom(4), oom(0)]))).toEqual([[], []])
  })
})

describe('cpu-throttled', () => {
  it('fires once when a burst starts, not every tick while it continues, and again for a new burst', () => {
    const ticks = run([throttle(10, 0), throttle(10, 9, 0.45), throttle(10, 9), throttle(10, 8), throttle(10, 1), throttle(10, 5)])
    expect(kinds(ticks)).toEqual([[], ['cpu-throttled'], [], [], [], ['cpu-throttled']])
    expect(ticks[1]?.[0]?.message).toBe('CPU throttled in 9 of 10 periods (90%), 0.45 s in total, at a quota of 0.5 cores.')
    expect(ticks[1]?.[0]?.detail).toMatchObject({ periods: 10, throttledPeriods: 9, share: 0.9, throttledSeconds: 0.45, quotaCores: 0.5 })
  })

  it('uses the 20% threshold inclusively', () => {
    expect(kinds(run([throttle(10, 1)]))).toEqual([[]])
    expect(kinds(run([throttle(10, 2)]))).toEqual([['cpu-throttled']])
  })

  it('ignores intervals with too few periods to judge', () => {
    // 2 of 2 periods throttled is 100%, but two periods are a blip (the default minimum is 3).
    expect(kinds(run([throttle(2, 2), throttle(3, 3)]))).toEqual([[], ['cpu-throttled']])
  })

  it('neither starts nor ends a burst on a tick without data', () => {
    expect(kinds(run([throttle(10, 9), throttle(null, null), throttle(10, 9)]))).toEqual([['cpu-throttled'], [], []])
  })
})

describe('pids-limit', () => {
  const pids = (current: number | null, hits: number | null, max: number | null = 5): CgroupSample =>
    sample({ pids: { current, max, limitHits: hits } })

  it('fires for every tick with refused forks, naming how many', () => {
    const ticks = run([pids(2, 0), pids(4, 1), pids(4, 1), pids(4, 4)])
    expect(kinds(ticks)).toEqual([[], ['pids-limit'], [], ['pids-limit']])
    expect(ticks[1]?.[0]?.message).toBe('1 fork was refused at the pids limit of 5 (4 in use).')
    expect(ticks[3]?.[0]?.message).toBe('3 forks were refused at the pids limit of 5 (4 in use).')
    expect(ticks[3]?.[0]?.detail).toEqual({ refused: 3, limitHits: 4, current: 4, max: 5 })
  })

  it('fires once when the count reaches max, re-arms below it, and never twice in one tick', () => {
    const ticks = run([pids(3, 0), pids(5, 0), pids(5, 0), pids(4, 0), pids(5, 2)])
    expect(kinds(ticks)).toEqual([[], ['pids-limit'], [], [], ['pids-limit']])
    expect(ticks[1]?.[0]?.message).toBe('Reached the pids limit of 5 (5 in use).')
    expect(ticks[4]?.[0]?.detail).toMatchObject({ refused: 2 })
  })

  it('does not fire without a limit', () => {
    expect(kinds(run([pids(300, 0, null), pids(900, 0, null)]))).toEqual([[], []])
  })
})

describe('memory-pressure', () => {
  const MiB = 1024 * 1024
  const mem = (workingSetMiB: number | null, limitMiB: number | null = 100): CgroupSample =>
    sample({
      memory: {
        workingSetBytes: workingSetMiB === null ? null : workingSetMiB * MiB,
        usageBytes: workingSetMiB === null ? null : workingSetMiB * MiB,
        limitBytes: limitMiB === null ? null : limitMiB * MiB
      }
    })

  it('fires when the working set reaches 90% of the limit, with hysteresis down to 85%', () => {
    const ticks = run([mem(50), mem(90), mem(95), mem(88), mem(91), mem(84), mem(89), mem(90)])
    expect(kinds(ticks)).toEqual([[], ['memory-pressure'], [], [], [], [], [], ['memory-pressure']])
    expect(ticks[1]?.[0]?.message).toBe('Working set 90 MiB is 90% of the 100 MiB memory limit.')
    expect(ticks[1]?.[0]?.detail).toMatchObject({ workingSetBytes: 90 * MiB, limitBytes: 100 * MiB, share: 0.9 })
  })

  it('fires on the first sample when a container is already near its limit', () => {
    expect(kinds(run([mem(99)]))).toEqual([['memory-pressure']])
  })

  it('keeps its state through a tick without data, and has nothing to say without a limit', () => {
    expect(kinds(run([mem(95), mem(null), mem(95)]))).toEqual([['memory-pressure'], [], []])
    expect(kinds(run([mem(1000, null), mem(2000, null)]))).toEqual([[], []])
  })
})

describe('several limits at once', () => {
  it('reports each kind in the same tick', () => {
    const before = sample({ memory: { oomKills: 0, workingSetBytes: 10, limitBytes: 100 }, pids: { current: 1, max: 5, limitHits: 0 } })
    const after = sample({
      cpu: { cores: 0.5, quotaCores: 0.5, periods: 10, throttledPeriods: 10, throttledSeconds: 0.5 },
      memory: { oomKills: 1, workingSetBytes: 95, limitBytes: 100 },
      pids: { current: 5, max: 5, limitHits: 1 }
    })
    expect(kinds(run([before, after]))).toEqual([[], ['oom-kill', 'cpu-throttled', 'pids-limit', 'memory-pressure']])
  })
})
