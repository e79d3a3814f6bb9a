import { describe, expect, it } from 'vitest'
import { DEFAULT_HISTORY_WINDOW_MS, History } from '../../main/live/history'
import type { ContainerSample, LiveEvent } from '../../shared/live'
import { sample } from './counters-builder'

const T0 = Date.parse('2026-11-28T10:00:00.000Z')
const containerSample = (id: string, cores: number): ContainerSample => ({
  id,
  ...sample({
    cpu: { cores, periods: 10, throttledPeriods: 4 },
    memory: { usageBytes: 2000, workingSetBytes: 1500 },
    pids: { current: 3 }
  })
})
const event = (containerId: string, at: number): LiveEvent => ({
  type: 'event',
  kind: 'oom-kill',
  containerId,
  containerName: containerId,
  at: new Date(at).toISOString(),
  message: 'x',
  detail: {}
})

describe('History', () => {
  it('keeps ten minutes by default and turns samples into points', () => {
    const history = new History()
    history.record(T0, [containerSample('a', 0.5)])
    expect(history.dump()).toEqual({
      windowMs: DEFAULT_HISTORY_WINDOW_MS,
      containers: {
        a: [{ at: '2026-11-28T10:00:00.000Z', cpuCores: 0.5, memoryBytes: 2000, workingSetBytes: 1500, pids: 3, throttledShare: 0.4 }]
      },
      events: []
    })
    expect(DEFAULT_HISTORY_WINDOW_MS).toBe(600_000)
  })

  it('drops points older than the window, by time', () => {
    const history = new History({ windowMs: 10_000 })
    for (let s = 0; s <= 15; s++) history.record(T0 + s * 1000, [containerSample('a', s)])
    const points = history.dump().containers.a ?? []
    // At t = 15 s the window reaches back to t = 5 s, inclusive.
    expect(points.map((p) => p.cpuCores)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15])
  })

  it('forgets a container that is no longer sampled once the window has passed', () => {
    const history = new History({ windowMs: 10_000 })
    history.record(T0, [containerSample('gone', 1), containerSample('stays', 1)])
    history.record(T0 + 9_000, [containerSample('stays', 1)])
    expect(Object.keys(history.dump().containers).sort()).toEqual(['gone', 'stays'])
    history.record(T0 + 10_001, [containerSample('stays', 1)])
    expect(Object.keys(history.dump().containers)).toEqual(['stays'])
  })

  it('keeps recent events in order, trims them by time and caps their number', () => {
    const history = new History({ windowMs: 10_000, maxEvents: 3 })
    history.record(T0, [], [event('a', T0)])
    history.record(T0 + 5_000, [], [event('b', T0 + 5_000), event('c', T0 + 5_000)])
    expect(history.dump().events.map((e) => e.containerId)).toEqual(['a', 'b', 'c'])
    history.record(T0 + 6_000, [], [event('d', T0 + 6_000)])
    expect(history.dump().events.map((e) => e.containerId)).toEqual(['b', 'c', 'd'])
    history.record(T0 + 15_500, [], [])
    expect(history.dump().events.map((e) => e.containerId)).toEqual(['d'])
  })

  it('bounds a series by count too, whatever the clock does', () => {
    const history = new History({ windowMs: 1000 })
    // A stuck clock: every point has the same time and none ages out. 1000 / 250 + 1 = 5 at most.
    for (let i = 0; i < 50; i++) history.record(T0, [containerSample('a', i)])
    expect(history.dump().containers.a?.map((p) => p.cpuCores)).toEqual([45, 46, 47, 48, 49])
  })

  it('hands out copies: a dump does not change when more is recorded', () => {
    const history = new History({ windowMs: 10_000 })
    history.record(T0, [containerSample('a', 1)])
    const dump = history.dump()
    history.record(T0 + 1000, [containerSample('a', 2)])
    expect(dump.containers.a).toHaveLength(1)
  })

  it('rejects a window that is not positive', () => {
    expect(() => new History({ windowMs: 0 })).toThrow(/positive/)
  })
})
