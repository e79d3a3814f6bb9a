import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { bar, renderWatchFrame } from '../../main/cli/watch-table'
import type { ContainerSample, LiveEvent, SampleMessage } from '../../shared/live'
import type { HostSnapshot } from '../../shared/model'

const snapshot = JSON.parse(readFileSync(new URL('../fixtures/snapshots/host-varied.json', import.meta.url), 'utf8')) as HostSnapshot
const id = (name: string): string => snapshot.containers.find((c) => c.name === name)!.id

function containerSample(name: string, cores: number, workingSet: number, quota: number | null, limit: number | null): ContainerSample {
  return {
    id: id(name),
    cpu: { cores, quotaCores: quota, periods: 10, throttledPeriods: 0, throttledSeconds: 0 },
    memory: { usageBytes: workingSet, workingSetBytes: workingSet, limitBytes: limit, highBytes: null, peakBytes: null, swapBytes: null, oomKills: 0 },
    pids: { current: 3, max: 50, limitHits: 0 },
    io: { readBytes: 0, writeBytes: 0, meaningful: false },
    pressure: { cpu: null, memory: null, io: null }
  }
}

const sample: SampleMessage = {
  type: 'sample',
  at: '2026-11-28T17:00:00.000Z',
  intervalMs: 1000,
  containers: [containerSample('batch', 0.1, 1024 * 1024, 1, 128 * 1024 * 1024), containerSample('web', 0.5, 32 * 1024 * 1024, 0.5, 64 * 1024 * 1024)],
  self: { cpuCores: 0.004, rssBytes: 60_000_000, readMs: 3 }
}

const throttled: LiveEvent = {
  type: 'event',
  kind: 'cpu-throttled',
  containerId: id('web'),
  containerName: 'web',
  at: '2026-11-28T16:59:58.000Z',
  message: 'throttled in 62 of 74 periods (84%) at a 0.5-core quota',
  detail: {}
}

describe('watch table', () => {
  const frame = renderWatchFrame({
    snapshot,
    sample,
    events: [throttled],
    engine: snapshot.engine,
    intervalMs: 1000,
    width: 160,
    height: 40,
    now: new Date('2026-11-28T17:00:00.500Z')
  })
  const rows = frame.split('\n')

  it('sorts running containers by CPU, busiest first', () => {
    const order = rows.filter((l) => /^(web|batch|sidecar|nested) /.test(l)).map((l) => l.split(' ')[0])
    expect(order.slice(0, 2)).toEqual(['web', 'batch'])
    expect(frame).not.toMatch(/^old-job/m)
  })

  it('draws bars against the limits and marks a limit that bit in the last minute', () => {
    const web = rows.find((l) => l.startsWith('web '))!
    expect(web).toContain(` 0.50 ${bar(1)} of 0.5`)
    expect(web).toContain(`32 MiB ${bar(0.5)} 64 MiB`)
    expect(web).toContain('THROTTLED')
    expect(rows.find((l) => l.startsWith('batch '))).not.toContain('THROTTLED')
  })

  it('states the scale and what watching costs', () => {
    expect(frame).toContain('1.0 = one full core')
    expect(frame).toContain('watching costs 0.4% of one core')
    expect(frame).toContain('throttled in 62 of 74 periods')
  })

  it('fits the terminal width', () => {
    const narrow = renderWatchFrame({ snapshot, sample, events: [], engine: snapshot.engine, intervalMs: 1000, width: 60, height: 40, now: new Date() })
    expect(Math.max(...narrow.split('\n').map((l) => l.length))).toBeLessThanOrEqual(60)
  })

  it('bar() fills in tenths and shows no limit as dots', () => {
    expect(bar(0.5)).toBe('▕█████░░░░░▏')
    expect(bar(2)).toBe('▕██████████▏')
    expect(bar(null)).toBe('▕··········▏')
  })
})
