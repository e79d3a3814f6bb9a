import { describe, expect, it } from 'vitest'
import { MAX_RATE_INTERVAL_MS, sampleFromCounters, throttledShare } from '../../main/live/rates'
import { counters } from './counters-builder'

const before = counters({
  cpu: { usageUsec: 1_000_000, periods: 100, throttledPeriods: 10, throttledUsec: 200_000, quotaCores: 0.5 },
  memory: { usageBytes: 5000, workingSetBytes: 4000, limitBytes: 8000, oomKills: 0 },
  pids: { current: 3, max: 10, limitHits: 0 },
  io: { readBytes: 1000, writeBytes: 2000, meaningful: true },
  pressure: { cpu: 1.5, memory: 0, io: 0.25 }
})
const after = counters({
  cpu: { usageUsec: 1_500_000, periods: 110, throttledPeriods: 19, throttledUsec: 650_000, quotaCores: 0.5 },
  memory: { usageBytes: 6000, workingSetBytes: 4500, limitBytes: 8000, peakBytes: 7000, oomKills: 1 },
  pids: { current: 4, max: 10, limitHits: 2 },
  io: { readBytes: 1000 + 4096, writeBytes: 2000 + 1_048_576, meaningful: true },
  pressure: { cpu: 2.5, memory: 0.1, io: 0 }
})

describe('sampleFromCounters', () => {
  it('turns two readings one second apart into exact rates and deltas', () => {
    const s = sampleFromCounters(before, after, 1000)
    expect(s.cpu).toEqual({ cores: 0.5, quotaCores: 0.5, periods: 10, throttledPeriods: 9, throttledSeconds: 0.45 })
    expect(s.io).toEqual({ readBytes: 4096, writeBytes: 1_048_576, meaningful: true })
  })

  it('divides by the real interval, not by one second', () => {
    // 500 ms of CPU over 250 ms of wall time: two cores busy.
    expect(sampleFromCounters(before, after, 250).cpu.cores).toBe(2)
    expect(sampleFromCounters(before, after, 2000).cpu.cores).toBe(0.25)
  })

  it('passes instantaneous values through as read', () => {
    const s = sampleFromCounters(before, after, 1000)
    expect(s.memory).toEqual(after.memory)
    expect(s.pids).toEqual(after.pids)
    expect(s.pressure).toEqual(after.pressure)
  })

  it('has no rates on the first reading, but the instantaneous values', () => {
    const s = sampleFromCounters(null, after, 0)
    expect(s.cpu).toEqual({ cores: null, quotaCores: 0.5, periods: null, throttledPeriods: null, throttledSeconds: null })
    expect(s.io.readBytes).toBeNull()
    expect(s.memory.usageBytes).toBe(6000)
  })

  it('treats any counter going backwards as a fresh start: null rates, never negative', () => {
    // The cgroup was recreated (container restarted under the same path): usage restarts near 0.
    const restarted = counters({ ...after, cpu: { ...after.cpu, usageUsec: 20_000, periods: 2, throttledPeriods: 0, throttledUsec: 0 } })
    const s = sampleFromCounters(after, restarted, 1000)
    expect(s.cpu.cores).toBeNull()
    expect(s.cpu.periods).toBeNull()
    expect(s.io.readBytes).toBeNull()
    // Only the io counters reset (v1 blkio.reset_stats): still a fresh start for the pair.
    const ioReset = counters({ ...after, io: { readBytes: 0, writeBytes: 0, meaningful: true } })
    expect(sampleFromCounters(before, ioReset, 1000).cpu.cores).toBeNull()
  })

  it('refuses a clock step: zero, negative, absurdly long or non-finite intervals give null rates', () => {
    for (const elapsed of [0, -1000, MAX_RATE_INTERVAL_MS + 1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const s = sampleFromCounters(before, after, elapsed)
      expect(s.cpu.cores, `elapsed ${elapsed}`).toBeNull()
      expect(s.cpu.throttledSeconds, `elapsed ${elapsed}`).toBeNull()
      expect(s.io.writeBytes, `elapsed ${elapsed}`).toBeNull()
    }
    expect(sampleFromCounters(before, after, MAX_RATE_INTERVAL_MS).cpu.cores).not.toBeNull()
  })

  it('keeps a rate null when either side could not read it, and the others', () => {
    const noCpu = counters({ ...after, cpu: { ...after.cpu, usageUsec: null } })
    const s = sampleFromCounters(before, noCpu, 1000)
    expect(s.cpu.cores).toBeNull()
    expect(s.cpu.periods).toBe(10)
    expect(s.io.readBytes).toBe(4096)
  })

  it('counts an idle interval as zero, not null', () => {
    const s = sampleFromCounters(after, after, 1000)
    expect(s.cpu.cores).toBe(0)
    expect(s.io).toEqual({ readBytes: 0, writeBytes: 0, meaningful: true })
  })
})

describe('throttledShare', () => {
  it('is throttled / periods, 0 without periods, null when unknown', () => {
    expect(throttledShare(sampleFromCounters(before, after, 1000).cpu)).toBe(0.9)
    expect(throttledShare({ cores: 0, quotaCores: null, periods: 0, throttledPeriods: 0, throttledSeconds: 0 })).toBe(0)
    expect(throttledShare({ cores: 0, quotaCores: null, periods: null, throttledPeriods: null, throttledSeconds: null })).toBeNull()
  })
})
