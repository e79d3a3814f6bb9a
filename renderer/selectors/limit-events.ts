// Limit events as the views show them: per-container badges, the host-wide list (one row per container
// and kind, with a count), and the one-line notice for a burst. Pure; memoised on the events array,
// which the store replaces on every event and leaves alone otherwise.
import type { LiveEvent } from '../../shared/live'

export type LimitKind = 'oom' | 'pids' | 'throttled' | 'memory'
export type LimitLevel = 'high' | 'medium' | 'low'

interface KindInfo {
  /** Sidebar badge ("OOM-killed"). */
  badge: string
  /** The list's kind column and the notice ("OOM kill"). */
  label: string
  level: LimitLevel
  /** Hits get a badge and a notice; near misses (memory close to its limit) only a row in the list. */
  hit: boolean
}

export const LIMIT_KINDS: Record<LimitKind, KindInfo> = {
  oom: { badge: 'OOM-killed', label: 'OOM kill', level: 'high', hit: true },
  pids: { badge: 'pids limit', label: 'pids limit hit', level: 'high', hit: true },
  throttled: { badge: 'CPU throttled', label: 'CPU throttled', level: 'medium', hit: true },
  memory: { badge: 'memory high', label: 'memory near its limit', level: 'low', hit: false }
}

const KIND_ORDER: readonly LimitKind[] = ['oom', 'pids', 'throttled', 'memory']

/** The limit kind of a live event, or null for the other events (create, start, die, …). */
export function limitKind(event: LiveEvent): LimitKind | null {
  switch (event.kind) {
    // One kill is one event: 'oom-kill' (the kernel, perhaps with Docker in `sources`), or 'container-oom'
    // when only Docker saw it (the cgroup was gone before the sampler's next tick).
    case 'oom-kill':
    case 'container-oom':
      return 'oom'
    case 'pids-limit':
      return 'pids'
    case 'cpu-throttled':
      return 'throttled'
    case 'memory-pressure':
      return 'memory'
    default:
      return null
  }
}

export function isLimitHit(event: LiveEvent): boolean {
  const kind = limitKind(event)
  return kind !== null && LIMIT_KINDS[kind].hit
}

export interface LimitBadge {
  kind: LimitKind
  label: string
  level: LimitLevel
  count: number
  /** The newest event's sentence, for the tooltip. */
  description: string
}

/** Per container id, one badge per kind of limit hit, most severe first. */
export const selectLimitBadges = memoOnEvents((events): ReadonlyMap<string, readonly LimitBadge[]> => {
  const byContainer = new Map<string, Map<LimitKind, LimitBadge>>()
  for (const event of events) {
    const kind = limitKind(event)
    if (!kind || !LIMIT_KINDS[kind].hit) continue
    const kinds = byContainer.get(event.containerId) ?? new Map<LimitKind, LimitBadge>()
    byContainer.set(event.containerId, kinds)
    const badge = kinds.get(kind)
    if (badge) {
      badge.count++
      badge.description = event.message
    } else {
      kinds.set(kind, { kind, label: LIMIT_KINDS[kind].badge, level: LIMIT_KINDS[kind].level, count: 1, description: event.message })
    }
  }
  return new Map([...byContainer].map(([id, kinds]) => [id, KIND_ORDER.flatMap((k) => kinds.get(k) ?? [])]))
})

export interface LimitRow {
  key: string
  containerId: string
  containerName: string
  kind: LimitKind
  count: number
  /** ISO times of the first and the newest event of the row. */
  firstAt: string
  lastAt: string
  /** The newest event's sentence. */
  message: string
}

/** One row per container and kind, newest first. */
export const selectLimitRows = memoOnEvents((events): readonly LimitRow[] => {
  const rows = new Map<string, LimitRow>()
  for (const event of events) {
    const kind = limitKind(event)
    if (!kind) continue
    const key = `${event.containerId}|${kind}`
    const row = rows.get(key)
    if (row) {
      row.count++
      if (event.at >= row.lastAt) {
        row.lastAt = event.at
        row.message = event.message
        row.containerName = event.containerName || row.containerName
      }
      if (event.at < row.firstAt) row.firstAt = event.at
    } else {
      rows.set(key, {
        key,
        containerId: event.containerId,
        containerName: event.containerName,
        kind,
        count: 1,
        firstAt: event.at,
        lastAt: event.at,
        message: event.message
      })
    }
  }
  return [...rows.values()].sort((a, b) => (a.lastAt < b.lastAt ? 1 : a.lastAt > b.lastAt ? -1 : 0))
})

/** The number of limit hits in the events (what the status line's button counts). */
export const selectLimitHitCount = memoOnEvents((events) => events.filter(isLimitHit).length)

/**
 * One short line for a burst of limit hits: "web was OOM-killed", "forker hit its pids limit", or
 * "3 limit hits: web OOM kill ×2 · db pids limit hit".
 */
export function noticeText(events: readonly LiveEvent[], maxParts = 2): string {
  const hits = events.filter(isLimitHit)
  if (hits.length === 0) return ''
  const groups = new Map<string, { name: string; kind: LimitKind; count: number }>()
  for (const event of hits) {
    const kind = limitKind(event) as LimitKind
    const key = `${event.containerId}|${kind}`
    const group = groups.get(key) ?? { name: containerLabel(event), kind, count: 0 }
    group.count++
    groups.set(key, group)
  }
  const ordered = [...groups.values()].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind))
  if (hits.length === 1) return `${oneHit(ordered[0]!.name, ordered[0]!.kind)}`
  const parts = ordered.slice(0, maxParts).map((g) => `${g.name} ${LIMIT_KINDS[g.kind].label}${g.count > 1 ? ` ×${g.count}` : ''}`)
  const more = ordered.length - maxParts
  return `${hits.length} limit hits: ${parts.join(' · ')}${more > 0 ? ` · and ${more} more` : ''}`
}

function oneHit(name: string, kind: LimitKind): string {
  if (kind === 'oom') return `${name} was OOM-killed`
  if (kind === 'pids') return `${name} hit its pids limit`
  return `${name} is CPU-throttled`
}

function containerLabel(event: LiveEvent): string {
  return event.containerName || event.containerId.slice(0, 12)
}

/** "3 times"; one event needs no count. */
export function timesText(count: number): string {
  return count === 1 ? 'once' : `${count} times`
}

function memoOnEvents<T>(fn: (events: readonly LiveEvent[]) => T): (events: readonly LiveEvent[]) => T {
  let lastInput: readonly LiveEvent[] | null = null
  let lastOutput: T
  return (events) => {
    if (events !== lastInput) {
      lastOutput = fn(events)
      lastInput = events
    }
    return lastOutput
  }
}
