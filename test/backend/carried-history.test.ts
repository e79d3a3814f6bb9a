// Carrying the recorded history over a probe change: the merge of two sessions' dumps that overlapped in
// time, and the rule that only the same kernel (host name and release) carries it.
import { describe, expect, it } from 'vitest'
import type { HistoryDump, HistoryPoint } from '../../shared/contract'
import type { LiveEvent } from '../../shared/live'
import type { HostSnapshot } from '../../shared/model'
import { mergeHistory, sameKernel } from '../../main/backend/carried-history'

const T0 = Date.parse('2026-12-07T10:00:00Z')
const at = (s: number): string => new Date(T0 + s * 1000).toISOString()
const point = (s: number, pids: number): HistoryPoint => ({ at: at(s), cpuCores: 0, memoryBytes: 1, workingSetBytes: 1, pids, throttledShare: null })
const event = (s: number, containerId: string): LiveEvent => ({ type: 'event', kind: 'oom-kill', containerId, containerName: containerId, at: at(s), message: 'killed', detail: {} })
const dump = (containers: HistoryDump['containers'], events: LiveEvent[] = []): HistoryDump => ({ windowMs: 600_000, containers, events })

describe('mergeHistory', () => {
  it('keeps the earlier points, then only the later ones past each container\'s last earlier point', () => {
    const earlier = dump({ a: [point(1, 1), point(2, 1), point(3, 1)], gone: [point(1, 9)] }, [event(2, 'a')])
    // The later session started at 2.5 s while the earlier one still sampled until 3 s.
    const later = dump({ a: [point(2.5, 2), point(3.5, 2)], fresh: [point(3.5, 5)] }, [event(2, 'a'), event(3.6, 'fresh')])
    const merged = mergeHistory(earlier, later, T0 + 4000)
    expect(merged.containers.a?.map((p) => [p.at, p.pids])).toEqual([[at(1), 1], [at(2), 1], [at(3), 1], [at(3.5), 2]])
    expect(merged.containers.gone).toEqual([point(1, 9)])
    expect(merged.containers.fresh).toEqual([point(3.5, 5)])
    expect(merged.events).toEqual([event(2, 'a'), event(3.6, 'fresh')])
  })

  it('drops what left the window by now', () => {
    const merged = mergeHistory(dump({ a: [point(0, 1), point(500, 1)] }, [event(0, 'a')]), dump({ a: [point(650, 2)] }), T0 + 650_000)
    expect(merged.containers.a?.map((p) => p.at)).toEqual([at(500), at(650)])
    expect(merged.events).toEqual([])
  })
})

describe('sameKernel', () => {
  const host = (hostname: string, kernel: string): HostSnapshot => ({ host: { hostname, kernel } }) as HostSnapshot
  it('needs the same host name and kernel release, and two snapshots', () => {
    expect(sameKernel(host('vm', '6.18.44'), host('vm', '6.18.44'))).toBe(true)
    expect(sameKernel(host('vm', '6.18.44'), host('vm', '6.10.14-linuxkit'))).toBe(false)
    expect(sameKernel(host('vm', '6.18.44'), host('docker-desktop', '6.18.44'))).toBe(false)
    expect(sameKernel(null, host('vm', '6.18.44'))).toBe(false)
  })
})
