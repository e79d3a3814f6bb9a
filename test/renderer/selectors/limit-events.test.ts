import { describe, expect, it } from 'vitest'
import type { LiveEvent } from '../../../shared/live'
import { noticeText, selectLimitBadges, selectLimitHitCount, selectLimitRows } from '../../../renderer/selectors/limit-events'

function event(kind: LiveEvent['kind'], name: string, at: string, extra: Partial<LiveEvent> = {}): LiveEvent {
  return { type: 'event', kind, containerId: `id-${name}`, containerName: name, at, message: `${name} ${kind} at ${at}`, detail: {}, ...extra }
}

describe('limit events for the views', () => {
  const events: LiveEvent[] = [
    event('container-start', 'web', '2026-12-07T10:00:00Z'),
    event('cpu-throttled', 'web', '2026-12-07T10:00:01Z'),
    event('oom-kill', 'web', '2026-12-07T10:00:02Z', { sources: ['kernel', 'docker'] }),
    event('cpu-throttled', 'web', '2026-12-07T10:00:05Z'),
    event('pids-limit', 'forker', '2026-12-07T10:00:03Z'),
    event('container-oom', 'gone', '2026-12-07T10:00:04Z', { sources: ['docker'] }),
    event('memory-pressure', 'web', '2026-12-07T10:00:06Z'),
    event('cpu-throttled', 'web', '2026-12-07T10:00:07Z')
  ]

  it('gives each container one badge per kind of limit hit, OOM first, with a count; memory pressure is no hit', () => {
    const badges = selectLimitBadges(events)
    expect(badges.get('id-web')?.map((b) => [b.label, b.count])).toEqual([
      ['OOM-killed', 1],
      ['CPU throttled', 3]
    ])
    expect(badges.get('id-forker')?.map((b) => b.label)).toEqual(['pids limit'])
    // A kill only Docker saw is a kill too.
    expect(badges.get('id-gone')?.map((b) => b.label)).toEqual(['OOM-killed'])
    expect(selectLimitHitCount(events)).toBe(6)
  })

  it('lists one row per container and kind, newest first, with first and last time', () => {
    const rows = selectLimitRows(events)
    expect(rows.map((r) => [r.containerName, r.kind, r.count, r.lastAt.slice(11, 19)])).toEqual([
      ['web', 'throttled', 3, '10:00:07'],
      ['web', 'memory', 1, '10:00:06'],
      ['gone', 'oom', 1, '10:00:04'],
      ['forker', 'pids', 1, '10:00:03'],
      ['web', 'oom', 1, '10:00:02']
    ])
    expect(rows[0]?.firstAt).toBe('2026-12-07T10:00:01Z')
  })

  it('says a burst in one line: the worst first, repeats counted, the rest summed up', () => {
    expect(noticeText([events[2]!])).toBe('web was OOM-killed')
    expect(noticeText([events[4]!])).toBe('forker hit its pids limit')
    expect(noticeText(events)).toBe('6 limit hits: web OOM kill · gone OOM kill · and 2 more')
    expect(noticeText([events[1]!, events[3]!, events[4]!])).toBe('3 limit hits: forker pids limit hit · web CPU throttled ×2')
    expect(noticeText([events[0]!, events[6]!])).toBe('')
  })
})
