// `glasshouse watch`'s table as text: what fits at 120, 80 and 60 columns (and narrower), which
// containers come first, and the markers of limits that bit in the last minute.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { recordEvent, type EventLine } from '../../main/cli/watch-events'
import { bar, renderWatchFrame } from '../../main/cli/watch-table'
import type { ContainerSample, LiveEvent, SampleMessage } from '../../shared/live'
import type { HostSnapshot } from '../../shared/model'

const snapshot = JSON.parse(readFileSync(new URL('../fixtures/snapshots/host-varied.json', import.meta.url), 'utf8')) as HostSnapshot
const id = (name: string): string => snapshot.containers.find((c) => c.name === name)!.id
const MiB = 1024 * 1024

function containerSample(name: string, cores: number, workingSet: number, quota: number | null, limit: number | null, pidsMax: number | null = 50): ContainerSample {
  return {
    id: id(name),
    cpu: { cores, quotaCores: quota, periods: 10, throttledPeriods: 0, throttledSeconds: 0 },
    memory: { usageBytes: workingSet, workingSetBytes: workingSet, limitBytes: limit, highBytes: null, peakBytes: null, swapBytes: null, oomKills: 0 },
    pids: { current: 3, max: pidsMax, limitHits: 0 },
    io: { readBytes: 0, writeBytes: 0, meaningful: false },
    pressure: { cpu: null, memory: null, io: null }
  }
}

const sample: SampleMessage = {
  type: 'sample',
  at: '2026-11-28T17:00:00.000Z',
  intervalMs: 1000,
  containers: [
    containerSample('batch', 0.1, 1 * MiB, 1, 128 * MiB, null),
    containerSample('web', 0.5, 32 * MiB, 0.5, 64 * MiB),
    containerSample('sidecar', 0, 15 * MiB, null, 16 * MiB, null),
    containerSample('nested', 0.02, 700 * 1024, null, null, null)
  ],
  self: { cpuCores: 0.004, rssBytes: 60_000_000, readMs: 3 }
}

function event(kind: LiveEvent['kind'], name: string, at: string, message: string, sources?: LiveEvent['sources']): LiveEvent {
  return { type: 'event', kind, containerId: id(name), containerName: name, at: `2026-11-28T${at}.000Z`, message, detail: {}, ...(sources ? { sources } : {}) }
}

/** An idle container (sidecar) whose process was OOM-killed 30 s ago, and web throttled now. */
const events: EventLine[] = [
  event('oom-kill', 'sidecar', '16:59:30', 'The kernel OOM-killed 1 process at its 16 MiB memory limit (1 in total).', ['kernel', 'docker']),
  event('cpu-throttled', 'web', '16:59:40', 'CPU throttled in 9 of 10 periods (90%) at a quota of 0.5 cores.'),
  event('cpu-throttled', 'web', '16:59:58', 'CPU throttled in 8 of 10 periods (80%) at a quota of 0.5 cores.')
].reduce<EventLine[]>((lines, e) => recordEvent(lines, e), [])

const NOW = new Date('2026-11-28T17:00:00.500Z')
const frame = (width: number, height = 40, lines: readonly EventLine[] = events): string =>
  renderWatchFrame({ snapshot, sample, events: lines, engine: snapshot.engine, intervalMs: 1000, width, height, now: NOW })
const tableRows = (text: string): string[] => text.split('\n').filter((l) => /^(web|batch|sidecar|nested|debug|netadmin|old-job)/.test(l))

describe('watch table', () => {
  it('at 120 columns: long bars, every column, the limits that bit', () => {
    expect(frame(120)).toMatchInlineSnapshot(`
      "glasshouse watch · 6 running containers · every 1 s · engine connected · watching costs 0.4% of one core
      CPU in cores (1.0 = one full core) against the quota; memory = working set (usage − inactive file cache) against the
      limit.

      NAME                 CPU                         MEMORY                            PIDS        LIMITS HIT (last minute)
      sidecar               0.00 ▕░░░░░░░░░░▏ no quota    15 MiB ▕█████████░▏ 16 MiB     3 / ∞       OOM KILL
      web                   0.50 ▕██████████▏ of 0.5      32 MiB ▕█████░░░░░▏ 64 MiB     3 / 50      THROTTLED
      batch                 0.10 ▕█░░░░░░░░░▏ of 1         1 MiB ▕░░░░░░░░░░▏ 128 MiB    3 / ∞
      nested                0.02 ▕░░░░░░░░░░▏ no quota   700 KiB ▕··········▏ no limit   3 / ∞
      debug-tools              … ▕··········▏ no quota         … ▕··········▏ no limit   … / ∞
      netadmin                 … ▕··········▏ no quota         … ▕··········▏ no limit   … / ∞

      Recent events (newest first):
        16:59:40–16:59:58  web  cpu-throttled ×2: CPU throttled in 8 of 10 periods (80%) at a quota of 0.5 cores.
        16:59:30           sidecar  oom-kill: The kernel OOM-killed 1 process at its 16 MiB memory limit (1 in total). [kerne…

      Ctrl-C to quit."
    `)
  })

  it('at 80 columns: shorter bars and compact numbers, PIDS and LIMITS HIT still there', () => {
    expect(frame(80)).toMatchInlineSnapshot(`
      "glasshouse watch · 6 running containers · every 1 s · engine connected
      watching costs 0.4% of one core
      CPU in cores (1.0 = one full core) against the quota; memory = working set
      (usage − inactive file cache) against the limit.

      NAME           CPU                MEMORY              PIDS      LIMITS HIT
      sidecar         0.00 ▕░░░░░▏ ∞      15M ▕█████▏ 16M   3/∞       OOM KILL
      web             0.50 ▕█████▏ 0.5    32M ▕███░░▏ 64M   3/50      THROTTLED
      batch           0.10 ▕█░░░░▏ 1       1M ▕░░░░░▏ 128M  3/∞
      nested          0.02 ▕░░░░░▏ ∞     700K ▕·····▏ ∞     3/∞
      debug-tools        … ▕·····▏ ∞        … ▕·····▏ ∞     …/∞
      netadmin           … ▕·····▏ ∞        … ▕·····▏ ∞     …/∞

      Recent events (newest first):
        16:59:40–16:59:58  web  cpu-throttled ×2: CPU throttled in 8 of 10 periods (8…
        16:59:30           sidecar  oom-kill: The kernel OOM-killed 1 process at its …

      Ctrl-C to quit."
    `)
  })

  it('at 60 columns: no bars, every column still there', () => {
    expect(frame(60)).toMatchInlineSnapshot(`
      "glasshouse watch · 6 running containers · every 1 s
      engine connected · watching costs 0.4% of one core
      CPU in cores (1.0 = one full core) against the quota; memory
      = working set (usage − inactive file cache) against the
      limit.

      NAME         CPU        MEMORY      PIDS      LIMITS HIT
      sidecar      0.00/∞     15M/16M     3/∞       OOM KILL
      web          0.50/0.5   32M/64M     3/50      THROTTLED
      batch        0.10/1     1M/128M     3/∞
      nested       0.02/∞     700K/∞      3/∞
      debug-tools  …/∞        …/∞         …/∞
      netadmin     …/∞        …/∞         …/∞

      Recent events (newest first):
        16:59:40–16:59:58  web  cpu-throttled ×2: CPU throttled i…
        16:59:30           sidecar  oom-kill: The kernel OOM-kill…

      Ctrl-C to quit."
    `)
  })

  it('never drops the limits column, however narrow, and never overflows', () => {
    for (const width of [200, 160, 120, 100, 90, 80, 79, 70, 60, 50, 40, 36]) {
      const text = frame(width)
      expect(Math.max(...text.split('\n').map((l) => l.length)), `width ${width}`).toBeLessThanOrEqual(width)
      const sidecar = tableRows(text).find((l) => l.startsWith('sidec'))
      expect(sidecar, `width ${width}`).toMatch(/OOM/)
      expect(text.split('\n').find((l) => l.startsWith('NAME')), `width ${width}`).toMatch(/HITS|LIMITS/)
      if (width >= 58) expect(text.split('\n').find((l) => l.startsWith('NAME')), `width ${width}`).toContain('PIDS')
    }
  })

  it('ranks a container with a recent OOM kill first, then other limit hits, then by CPU', () => {
    const order = tableRows(frame(120)).map((l) => l.split(' ')[0])
    expect(order).toEqual(['sidecar', 'web', 'batch', 'nested', 'debug-tools', 'netadmin'])
    // Without the events, CPU alone decides: the idle sidecar sinks.
    expect(tableRows(frame(120, 40, [])).map((l) => l.split(' ')[0])).toEqual(['web', 'batch', 'nested', 'sidecar', 'debug-tools', 'netadmin'])
  })

  it('keeps the OOM-killed container on screen when there is room for one row only', () => {
    const short = frame(80, 13)
    expect(tableRows(short)).toHaveLength(1)
    expect(tableRows(short)[0]).toMatch(/^sidecar .*OOM KILL$/)
  })

  it('marks only limits that bit in the last minute', () => {
    const later = renderWatchFrame({ snapshot, sample, events, engine: snapshot.engine, intervalMs: 1000, width: 120, height: 40, now: new Date('2026-11-28T17:00:35.000Z') })
    const rows = tableRows(later)
    expect(rows.find((l) => l.startsWith('sidecar'))).not.toContain('OOM')
    expect(rows.find((l) => l.startsWith('web'))).toContain('THROTTLED')
  })

  it('bar() fills in tenths and shows no limit as dots', () => {
    expect(bar(0.5)).toBe('▕█████░░░░░▏')
    expect(bar(2)).toBe('▕██████████▏')
    expect(bar(null)).toBe('▕··········▏')
    expect(bar(0.5, 4)).toBe('▕██░░▏')
  })

  it('says in its heading how the kernel was read, and when its helper stopped', () => {
    const withReadBy = (kernelReadBy: HostSnapshot['kernelReadBy']): string =>
      renderWatchFrame({ snapshot: { ...snapshot, kernelReadBy }, sample, events, engine: snapshot.engine, intervalMs: 1000, width: 160, height: 40, now: NOW })
    expect(withReadBy({ source: 'helper', reason: '--probe helper' }).split('\n')[0]).toContain(' · kernel read by a helper container · ')
    expect(withReadBy({ source: 'in-process', reason: 'root' }).split('\n')[0]).toContain(' · kernel read in-process · ')
    const desktop = { source: 'helper' as const, reason: 'the daemon is Docker Desktop', place: 'Docker Desktop VM, kernel 6.10.14-linuxkit' }
    expect(withReadBy(desktop).split('\n')[0]).toContain(' · Docker Desktop VM, kernel 6.10.14-linuxkit, read by a helper container')
    expect(withReadBy({ source: 'helper', reason: '--probe helper', lost: 'the helper container 0123456789ab stopped' })).toContain('kernel helper stopped, starting a new one')
    expect(withReadBy(undefined)).not.toContain('kernel read')
  })
})
