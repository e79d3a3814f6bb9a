import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { History } from '../../main/live/history'
import {
  MAX_INTERVAL_MS,
  MIN_INTERVAL_MS,
  Sampler,
  validateInterval,
  type SamplerTarget,
  type SamplerTimer,
  type TickResult
} from '../../main/live/sampler'
import { readCgroupCounters, type CgroupCounters } from '../../main/probe/cgroup-counters'
import type { CounterSource } from '../../main/probe/cgroup-counters-live'
import { emptyCounters } from '../../main/probe/cgroup-counters-types'
import { discoverHierarchy } from '../../main/probe/cgroup-hierarchy'
import type { CgroupHierarchy } from '../../main/probe/types'
import type { CgroupMembership } from '../../shared/model'
import { COUNTER_FIXTURES, counterMembershipsOf, counterRootOf } from '../probe/cgroup-counters-fixture'
import { counters } from './counters-builder'

const HIERARCHY: CgroupHierarchy = { layout: 'v2', version: 2, v1: new Map(), unifiedDir: '/nowhere' }
const T0 = Date.parse('2026-11-28T10:00:00.000Z')

/** A hand-driven clock: wall and monotonic time advance together, only when told. */
function manualClock(): { now(): number; monotonic(): number; advance(ms: number): void } {
  let elapsed = 0
  return { now: () => T0 + elapsed, monotonic: () => 1000 + elapsed, advance: (ms) => void (elapsed += ms) }
}

/** A timer that fires only when the test says so. */
function manualTimer(): SamplerTimer & { fire(): void; active: number; lastMs: number | null } {
  const callbacks = new Map<number, () => void>()
  let next = 1
  const timer = {
    active: 0,
    lastMs: null as number | null,
    setInterval(callback: () => void, ms: number): unknown {
      callbacks.set(next, callback)
      timer.active = callbacks.size
      timer.lastMs = ms
      return next++
    },
    clearInterval(handle: unknown): void {
      callbacks.delete(handle as number)
      timer.active = callbacks.size
    },
    fire(): void {
      for (const callback of [...callbacks.values()]) callback()
    }
  }
  return timer
}

/** A reader that hands out queued readings per cgroup path and costs 2 ms of (manual) time per call. */
function queuedReader(
  clock: ReturnType<typeof manualClock>,
  queues: Record<string, Array<CgroupCounters | Error>>
): (hierarchy: CgroupHierarchy, memberships: readonly CgroupMembership[]) => CgroupCounters {
  return (_h, memberships) => {
    clock.advance(2)
    const next = queues[memberships[0]?.path ?? '']?.shift()
    if (next instanceof Error) throw next
    return next ?? emptyCounters()
  }
}

const target = (id: string): SamplerTarget => ({ id, name: `name-${id}`, memberships: [{ hierarchyId: 0, controllers: [], path: `/docker/${id}` }] })
const busy = (usageUsec: number, periods: number, throttled: number): CgroupCounters =>
  counters({ cpu: { usageUsec, periods, throttledPeriods: throttled, throttledUsec: throttled * 50_000, quotaCores: 0.5 }, io: { meaningful: true } })

describe('validateInterval', () => {
  it('accepts 250 ms to 60 s and names the range otherwise', () => {
    expect(() => validateInterval(MIN_INTERVAL_MS)).not.toThrow()
    expect(() => validateInterval(MAX_INTERVAL_MS)).not.toThrow()
    expect(() => validateInterval(1000)).not.toThrow()
    for (const bad of [249, 60_001, 0, -1000, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => validateInterval(bad), String(bad)).toThrow(RangeError)
    }
    expect(() => validateInterval(100)).toThrow('sampling interval must be between 250 ms and 60 s, got 100 ms')
  })
})

describe('Sampler.tick', () => {
  it('gives null rates on the first tick and exact rates on the next, with events and history', () => {
    const clock = manualClock()
    const readCounters = queuedReader(clock, { '/docker/a': [busy(1_000_000, 100, 0), busy(1_500_000, 110, 9)] })
    const history = new History()
    const sampler = new Sampler({ hierarchy: HIERARCHY, readCounters, clock, history })
    sampler.setTargets([target('a')])

    const first = sampler.tick()
    expect(first.sample).toMatchObject({ type: 'sample', at: '2026-11-28T10:00:00.000Z', intervalMs: 0 })
    expect(first.sample.containers).toEqual([expect.objectContaining({ id: 'a', cpu: expect.objectContaining({ cores: null, quotaCores: 0.5 }) })])
    expect(first.events).toEqual([])

    clock.advance(998) // 2 ms of reading + 998 ms = exactly one second between the two reads
    const second = sampler.tick()
    expect(second.sample.intervalMs).toBe(1000)
    expect(second.sample.containers[0]?.cpu).toEqual({ cores: 0.5, quotaCores: 0.5, periods: 10, throttledPeriods: 9, throttledSeconds: 0.45 })
    expect(second.events.map((e) => [e.kind, e.containerId, e.containerName, e.at])).toEqual([
      ['cpu-throttled', 'a', 'name-a', '2026-11-28T10:00:01.000Z']
    ])
    const dump = history.dump()
    expect(dump.containers.a?.map((p) => p.cpuCores)).toEqual([null, 0.5])
    expect(dump.events).toEqual(second.events)
  })

  it('yields nulls for a target whose cgroup vanished or whose reader threw, and keeps the others', () => {
    const clock = manualClock()
    const readCounters = queuedReader(clock, {
      '/docker/a': [busy(1_000_000, 10, 0), emptyCounters(), busy(1_000_500, 20, 0)],
      '/docker/b': [busy(0, 0, 0), new Error('EIO'), busy(500_000, 10, 0)]
    })
    const sampler = new Sampler({ hierarchy: HIERARCHY, readCounters, clock })
    sampler.setTargets([target('a'), target('b')])
    sampler.tick()
    clock.advance(996)
    const gap = sampler.tick()
    expect(gap.sample.containers.map((c) => [c.id, c.cpu.cores, c.memory.usageBytes])).toEqual([
      ['a', null, null],
      ['b', null, null]
    ])
    clock.advance(996)
    // After a gap there is no previous reading to compare with: a fresh start, not a rate over two ticks.
    expect(sampler.tick().sample.containers.map((c) => c.cpu.cores)).toEqual([null, null])
  })

  it('forgets the previous reading of a target that was removed', () => {
    const clock = manualClock()
    const readCounters = queuedReader(clock, { '/docker/a': [busy(0, 0, 0), busy(100, 0, 0), busy(200, 0, 0)] })
    const sampler = new Sampler({ hierarchy: HIERARCHY, readCounters, clock })
    sampler.setTargets([target('a')])
    sampler.tick()
    sampler.setTargets([])
    expect(sampler.tick().sample.containers).toEqual([])
    sampler.setTargets([target('a')])
    clock.advance(998)
    expect(sampler.tick().sample.containers[0]?.cpu.cores).toBeNull()
    clock.advance(998)
    expect(sampler.tick().sample.containers[0]?.cpu.cores).toBeCloseTo(0.0001, 10)
  })

  it('measures its own cost: CPU in cores over the interval, RSS, and the wall time of the tick', () => {
    const clock = manualClock()
    let cpuMicros = 1_000_000
    const sampler = new Sampler({
      hierarchy: HIERARCHY,
      readCounters: queuedReader(clock, {}),
      clock,
      self: { cpuMicros: () => cpuMicros, rssBytes: () => 50_000_000 }
    })
    sampler.setTargets([target('a'), target('b'), target('c')])
    clock.advance(1000)
    cpuMicros += 30_000
    const first = sampler.tick()
    // 30 ms of CPU over the 1006 ms since the sampler was made (1000 idle + 3 reads × 2 ms).
    expect(first.sample.self).toEqual({ cpuCores: 30_000 / (1006 * 1000), rssBytes: 50_000_000, readMs: 6 })
    clock.advance(994)
    cpuMicros += 10_000
    expect(sampler.tick().sample.self.cpuCores).toBeCloseTo(0.01, 10)
  })

  it('keeps ticking with the last RSS when reading it fails (Node opens /proc/self/stat: EMFILE)', () => {
    const clock = manualClock()
    let rss: number | Error = 40_000_000
    const sampler = new Sampler({
      hierarchy: HIERARCHY,
      readCounters: queuedReader(clock, {}),
      clock,
      self: {
        cpuMicros: () => 0,
        rssBytes: () => {
          if (rss instanceof Error) throw rss
          return rss
        }
      }
    })
    sampler.setTargets([target('a')])
    expect(sampler.tick().sample.self.rssBytes).toBe(40_000_000)
    rss = Object.assign(new Error('EMFILE: too many open files, uv_resident_set_memory'), { code: 'EMFILE' })
    const { sample } = sampler.tick()
    expect(sample.self.rssBytes).toBe(40_000_000)
    expect(sample.containers).toHaveLength(1)
  })
})

describe('Sampler.start / stop', () => {
  it('rejects an interval outside 250 ms – 60 s before doing anything', () => {
    const timer = manualTimer()
    const sampler = new Sampler({ hierarchy: HIERARCHY, readCounters: () => emptyCounters(), timer })
    expect(() => sampler.start(100, () => undefined)).toThrow(RangeError)
    expect(() => sampler.start(61_000, () => undefined)).toThrow(/between 250 ms and 60 s/)
    expect(timer.active).toBe(0)
    expect(sampler.running).toBe(false)
  })

  it('ticks at once, then on every timer beat, until stopped', () => {
    const timer = manualTimer()
    const clock = manualClock()
    const sampler = new Sampler({ hierarchy: HIERARCHY, readCounters: () => emptyCounters(), timer, clock })
    const ticks: TickResult[] = []
    sampler.start(1000, (t) => ticks.push(t))
    expect(timer.lastMs).toBe(1000)
    expect(ticks).toHaveLength(1)
    clock.advance(1000)
    timer.fire()
    clock.advance(1000)
    timer.fire()
    expect(ticks.map((t) => t.sample.intervalMs)).toEqual([0, 1000, 1000])
    expect(() => sampler.start(1000, () => undefined)).toThrow(/already running/)
    sampler.stop()
    sampler.stop()
    expect(timer.active).toBe(0)
    expect(sampler.running).toBe(false)
  })

  it('does not leave a timer behind when the first onTick throws', () => {
    const timer = manualTimer()
    const sampler = new Sampler({ hierarchy: HIERARCHY, readCounters: () => emptyCounters(), timer })
    expect(() =>
      sampler.start(500, () => {
        throw new Error('listener broke')
      })
    ).toThrow('listener broke')
    expect(timer.active).toBe(0)
  })
})

describe('Sampler on the captured v1 host', () => {
  it('reads half a core and a throttling burst between the two captured moments', () => {
    const fixture = 'v1-hybrid-cgroupfs'
    const moments = [discoverHierarchy(counterRootOf(fixture)), discoverHierarchy(counterRootOf(fixture, 'later'))]
    const elapsedMs = Number(readFileSync(join(COUNTER_FIXTURES, fixture, 'later', 'elapsed-ns.txt'), 'utf8')) / 1e6
    const clock = manualClock()
    let moment = 0
    const sampler = new Sampler({
      hierarchy: moments[0] as CgroupHierarchy,
      readCounters: (_h, memberships) => readCgroupCounters(moments[moment] as CgroupHierarchy, memberships),
      clock
    })
    sampler.setTargets([{ id: 'cpu', name: 'busy', memberships: counterMembershipsOf(fixture, 'cpu') }])
    sampler.tick()
    moment = 1
    clock.advance(elapsedMs)
    const { sample, events } = sampler.tick()
    const cpu = sample.containers[0]?.cpu
    expect(cpu?.cores).toBeGreaterThan(0.45)
    expect(cpu?.cores).toBeLessThan(0.52)
    expect(cpu).toMatchObject({ quotaCores: 0.5, periods: 12, throttledPeriods: 12 })
    expect(cpu?.throttledSeconds).toBeCloseTo((3459767919 - 2860318741) / 1e9, 5)
    expect(events.map((e) => e.message)).toEqual(['CPU throttled in 12 of 12 periods (100%), 0.60 s in total, at a quota of 0.5 cores.'])
  })
})

describe('Sampler counter sources', () => {
  /** Sources that record what the sampler asks of them. */
  function recordingSources(): { log: string[]; open: (h: CgroupHierarchy, m: readonly CgroupMembership[]) => CounterSource } {
    const log: string[] = []
    return {
      log,
      open: (_h, memberships) => {
        const path = memberships[0]?.path ?? ''
        log.push(`open ${path}`)
        return {
          read: () => (log.push(`read ${path}`), emptyCounters()),
          refreshLimits: () => void log.push(`limits ${path}`),
          close: () => void log.push(`close ${path}`)
        }
      }
    }
  }

  it('opens a source per new target, re-reads limits of those that stay, closes those that leave', () => {
    const { log, open } = recordingSources()
    const sampler = new Sampler({ hierarchy: HIERARCHY, openCounters: open })
    sampler.setTargets([target('a'), target('b')])
    expect(log.splice(0)).toEqual(['open /docker/a', 'open /docker/b'])
    sampler.tick()
    expect(log.splice(0)).toEqual(['read /docker/a', 'read /docker/b'])
    sampler.setTargets([target('b'), target('c')])
    expect(log.splice(0)).toEqual(['close /docker/a', 'limits /docker/b', 'open /docker/c'])
    // Same id, other cgroup: other files.
    sampler.setTargets([target('b'), { ...target('c'), memberships: [{ hierarchyId: 0, controllers: [], path: '/docker/c2' }] }])
    expect(log.splice(0)).toEqual(['limits /docker/b', 'close /docker/c', 'open /docker/c2'])
    // A light refresh names the targets whose limits changed in the snapshot: only those are read again.
    sampler.setTargets([target('b'), target('d')], new Set(['d']))
    expect(log.splice(0)).toEqual(['close /docker/c2', 'open /docker/d'])
    sampler.setTargets([target('b'), target('d')], new Set(['b']))
    expect(log.splice(0)).toEqual(['limits /docker/b'])
    sampler.stop()
    expect(log.splice(0)).toEqual(['close /docker/b', 'close /docker/d'])
  })

  it('closes every source on stop(), also after a run started with start()', () => {
    const { log, open } = recordingSources()
    const timer = manualTimer()
    const sampler = new Sampler({ hierarchy: HIERARCHY, openCounters: open, timer })
    sampler.setTargets([target('a')])
    sampler.start(1000, () => undefined)
    timer.fire()
    sampler.stop()
    expect(log).toEqual(['open /docker/a', 'read /docker/a', 'read /docker/a', 'close /docker/a'])
  })
})

describe('Sampler on cgroup files (fixture copies, default sources)', () => {
  const FIXTURE = 'v1-hybrid-cgroupfs'
  const copies: string[] = []
  afterEach(() => {
    for (const root of copies.splice(0)) rmSync(root, { recursive: true, force: true })
  })

  function fixtureCopy(): { hierarchy: CgroupHierarchy; dirOf: (controller: string, name: string) => string } {
    const root = mkdtempSync(join(tmpdir(), 'glasshouse-sampler-'))
    copies.push(root)
    cpSync(join(COUNTER_FIXTURES, FIXTURE), root, { recursive: true })
    const cgroupRoot = join(root, 'sys', 'fs', 'cgroup')
    return {
      hierarchy: discoverHierarchy(cgroupRoot),
      dirOf: (controller, name) =>
        join(cgroupRoot, controller, counterMembershipsOf(FIXTURE, name).find((m) => m.controllers.includes(controller))?.path ?? '')
    }
  }
  const targetOf = (name: string): SamplerTarget => ({ id: name, name, memberships: counterMembershipsOf(FIXTURE, name) })
  const openFds = (): number => readdirSync('/proc/self/fd').length

  it('reads limits when targets are set, counters at every tick', () => {
    const { hierarchy, dirOf } = fixtureCopy()
    const sampler = new Sampler({ hierarchy })
    sampler.setTargets([targetOf('pids')])
    expect(sampler.tick().sample.containers[0]?.pids).toEqual({ current: 4, max: 5, limitHits: 1 })
    writeFileSync(join(dirOf('pids', 'pids'), 'pids.current'), '3\n')
    writeFileSync(join(dirOf('pids', 'pids'), 'pids.max'), '9\n')
    writeFileSync(join(dirOf('cpu', 'pids'), 'cpu.cfs_quota_us'), '25000\n')
    const tick = sampler.tick().sample.containers[0]
    expect(tick?.pids).toEqual({ current: 3, max: 5, limitHits: 1 })
    expect(tick?.cpu.quotaCores).toBeNull()
    // `docker update` → Docker's update event → a structural refresh → setTargets.
    sampler.setTargets([targetOf('pids')])
    const updated = sampler.tick().sample.containers[0]
    expect(updated?.pids).toEqual({ current: 3, max: 9, limitHits: 1 })
    expect(updated?.cpu.quotaCores).toBe(0.25)
    sampler.stop()
  })

  it('leaks no fd across start/stop cycles and when setTargets drops a target', () => {
    const { hierarchy } = fixtureCopy()
    const timer = manualTimer()
    const sampler = new Sampler({ hierarchy, timer })
    const before = openFds()
    sampler.setTargets([targetOf('cpu'), targetOf('oom'), targetOf('pids')])
    expect(openFds()).toBe(before)
    for (let cycle = 0; cycle < 3; cycle++) {
      sampler.start(1000, () => undefined)
      timer.fire()
      expect(openFds()).toBeGreaterThan(before + 3 * 8)
      sampler.stop()
      expect(openFds()).toBe(before)
    }
    sampler.tick()
    const three = openFds() - before
    sampler.setTargets([targetOf('cpu'), targetOf('pids')])
    expect(openFds() - before).toBeLessThan(three)
    expect(openFds() - before).toBeGreaterThan(2 * 8 - 1)
    sampler.setTargets([])
    expect(openFds()).toBe(before)
  })
})
