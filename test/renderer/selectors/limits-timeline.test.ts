// The limits timeline's data: lanes from the series, the throttled share per sample and over a window
// from the per-interval CFS counts, breaks where samples are missing, refused forks and markers.
import { describe, expect, it } from 'vitest'
import type { LiveEvent } from '../../../shared/live'
import {
  memoryHits,
  nearestPoint,
  refusedForks,
  runs,
  throttledFraction,
  throttlingOver,
  timelineDomain,
  timelineLanes,
  timelineMarkers
} from '../../../renderer/selectors/limits-timeline'
import { MiB, sample, series, T0 } from '../support/timeline-series'

describe('limits timeline selectors', () => {
  it('throttled share per sample is the interval throttled periods over its periods', () => {
    const [a, b, c] = series([
      [0, sample({ periods: 10, throttled: 8 })],
      [1, sample({ periods: 0, throttled: 0 })],
      [2, sample({ periods: null, throttled: null })]
    ])
    expect(throttledFraction(a!)).toBeCloseTo(0.8)
    expect(throttledFraction(b!)).toBeNull()
    expect(throttledFraction(c!)).toBeNull()
  })

  it('throttling over a window sums the counts, so a long interval weighs more than a short one', () => {
    const points = series([
      [0, sample({ periods: 100, throttled: 0 })],
      [1, sample({ periods: 10, throttled: 10 })],
      [2, sample({ periods: 90, throttled: 45 })]
    ])
    const w = throttlingOver(points, { t0: T0 - 1, t1: T0 + 2000 })
    expect(w).toEqual({ periods: 200, throttledPeriods: 55, fraction: 55 / 200 })
    // (0, 1] only: the first sample's interval ended before the window.
    expect(throttlingOver(points, { t0: T0, t1: T0 + 1000 }).fraction).toBe(1)
    expect(throttlingOver(points, { t0: T0 + 5000, t1: T0 + 6000 }).fraction).toBeNull()
  })

  it('breaks a line where samples are missing and where a value is unknown', () => {
    const points = series([
      [0, sample()],
      [1, sample()],
      [2, sample()],
      [10, sample()],
      [11, sample({ memory: null })],
      [12, sample()]
    ])
    const memory = runs(points, (p) => p.memoryBytes)
    expect(memory.map((r) => r.map((xy) => (xy.t - T0) / 1000))).toEqual([[0, 1, 2], [10], [12]])
  })

  it('makes lanes for memory, CPU, throttled share and pids; PSI only where the kernel gave it', () => {
    const plain = series([
      [0, sample()],
      [1, sample()]
    ])
    const domain = timelineDomain(plain, 'all')!
    expect(timelineLanes(plain, domain).map((l) => l.key)).toEqual(['memory', 'cpu', 'throttled', 'pids'])
    const memory = timelineLanes(plain, domain)[0]!
    expect(memory.lines.map((l) => l.label)).toEqual(['usage', 'working set', 'limit'])
    expect(memory.yMax).toBeGreaterThanOrEqual(64 * MiB)
    // cgroup v2's memory.high gets its own dashed line where it is set.
    const withHigh = series([[0, sample({ high: 48 * MiB })]])
    const high = timelineLanes(withHigh, timelineDomain(withHigh, 'all')!)[0]!.lines.find((l) => l.key === 'high')!
    expect(high.runs[0]!.map((xy) => xy.v)).toEqual([48 * MiB])
    const withPsi = series([
      [0, sample({ psiCpu: 12.5 })],
      [1, sample({ psiCpu: 30 })]
    ])
    const lanes = timelineLanes(withPsi, timelineDomain(withPsi, 'all')!)
    expect(lanes.at(-1)!.key).toBe('pressure')
    expect(lanes.at(-1)!.lines[0]!.runs[0]!.map((xy) => xy.v)).toEqual([12.5, 30])
  })

  it('says a lane without a quota is never throttled', () => {
    const points = series([[0, sample({ quota: null, periods: null, throttled: null })]])
    const throttled = timelineLanes(points, timelineDomain(points, 'all')!).find((l) => l.key === 'throttled')!
    expect(throttled.note).toMatch(/no CPU quota/)
  })

  it('zooms to the last minute or five, ending at the newest sample', () => {
    const points = series([
      [0, sample()],
      [400, sample()]
    ])
    expect(timelineDomain(points, '1m')).toEqual({ t0: T0 + 340_000, t1: T0 + 400_000 })
    expect(timelineDomain(points, '5m')).toEqual({ t0: T0 + 100_000, t1: T0 + 400_000 })
    expect(timelineDomain(points, 'all')).toEqual({ t0: T0, t1: T0 + 400_000 })
    expect(timelineDomain([], 'all')).toBeNull()
  })

  it('counts refused forks from the rise of pids.events max', () => {
    const points = series([
      [0, sample({ forks: 2 })],
      [1, sample({ forks: 2 })],
      [2, sample({ forks: 5 })]
    ])
    expect(refusedForks(points)).toEqual([{ t: T0 + 2000, count: 3 }])
  })

  it('counts memory limit hits from the rise of memory.events high and max, each kind apart', () => {
    const points = series([
      [0, sample({ highEvents: 4, maxEvents: 10 })],
      [1, sample({ highEvents: 7, maxEvents: 10 })],
      [2, sample({ highEvents: 7, maxEvents: 11 })],
      // Unknown (v1 has no high; an older recording neither): no mark, and none on the way back.
      [3, sample({ highEvents: null, maxEvents: 11 })],
      [4, sample({ highEvents: 9, maxEvents: 11 })]
    ])
    expect(memoryHits(points)).toEqual([
      { t: T0 + 1000, kind: 'high', count: 3 },
      { t: T0 + 2000, kind: 'max', count: 1 }
    ])
  })

  it('marks OOM kills, exits, restarts and Docker events of this container inside the window', () => {
    const ev = (sec: number, kind: LiveEvent['kind'], containerId = 'c1'): LiveEvent => ({
      type: 'event',
      kind,
      containerId,
      containerName: 'x',
      at: new Date(T0 + sec * 1000).toISOString(),
      message: kind,
      detail: {}
    })
    const events = [ev(1, 'container-start'), ev(5, 'oom-kill'), ev(6, 'container-die'), ev(7, 'container-start'), ev(8, 'pids-limit'), ev(8, 'oom-kill', 'other'), ev(99, 'container-update')]
    const markers = timelineMarkers(events, 'c1', { t0: T0, t1: T0 + 10_000 })
    expect(markers.map((m) => [m.kind, m.label, m.lane])).toEqual([
      ['restart', 'started', null],
      ['oom', 'OOM kill', null],
      ['exit', 'exited', null],
      ['restart', 'restarted', null],
      ['pids', 'fork refused (pids limit)', 'pids']
    ])
  })

  it('snaps the cursor to the nearest sample inside the window', () => {
    const points = series([
      [0, sample()],
      [1, sample()],
      [2, sample()]
    ])
    expect(nearestPoint(points, T0 + 1400, { t0: T0, t1: T0 + 2000 })!.t).toBe(T0 + 1000)
    expect(nearestPoint(points, T0 - 5000, { t0: T0 + 1500, t1: T0 + 2000 })!.t).toBe(T0 + 2000)
  })
})
