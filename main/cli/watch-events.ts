// The "Recent events" of `glasshouse watch`: what the stream said lately, one line per event, except
// that repeated throttling of one container is one line with a count and its span. Throttling can
// start a new episode every few seconds in many containers at once; coalesced, it cannot push an OOM
// kill out of sight. Pure: the list goes in and comes out.
import type { LiveEvent } from '../../shared/live'

export interface EventLine {
  kind: LiveEvent['kind']
  containerId: string
  containerName: string
  /** ISO time of the first event this line stands for, and of the newest. */
  firstAt: string
  lastAt: string
  /** How many events the line stands for (more than one only for coalesced kinds). */
  count: number
  /** The newest event's sentence. */
  message: string
  /** Who reported it, when the stream says ('kernel', 'docker'). */
  sources: readonly string[]
}

/** Kinds whose repeats for one container share a line. */
const COALESCED: ReadonlySet<LiveEvent['kind']> = new Set(['cpu-throttled'])
const OOM_KINDS: ReadonlySet<LiveEvent['kind']> = new Set(['oom-kill', 'container-oom'])
/** How long an OOM line keeps its place on screen however much else happens. */
export const OOM_PINNED_MS = 10 * 60_000
export const KEPT_EVENT_LINES = 50

export function isOomKind(kind: LiveEvent['kind']): boolean {
  return OOM_KINDS.has(kind)
}

/** The list with the event added as the newest line (oldest lines first); at most `keep` lines. */
export function recordEvent(lines: readonly EventLine[], event: LiveEvent, keep = KEPT_EVENT_LINES): EventLine[] {
  const next = [...lines]
  let line: EventLine = {
    kind: event.kind,
    containerId: event.containerId,
    containerName: event.containerName,
    firstAt: event.at,
    lastAt: event.at,
    count: 1,
    message: event.message,
    sources: event.sources ?? []
  }
  if (COALESCED.has(event.kind)) {
    const same = next.findIndex((l) => l.kind === event.kind && l.containerId === event.containerId)
    if (same >= 0) {
      const [earlier] = next.splice(same, 1)
      line = { ...line, firstAt: earlier!.firstAt, count: earlier!.count + 1 }
    }
  }
  next.push(line)
  // Full: the oldest line that is not an OOM goes first.
  while (next.length > keep) {
    const oldestOther = next.findIndex((l) => !isOomKind(l.kind))
    next.splice(oldestOther >= 0 ? oldestOther : 0, 1)
  }
  return next
}

/**
 * Up to `room` lines, newest first. OOM lines of the last ten minutes are shown before anything
 * else is, so a burst of other events cannot hide one.
 */
export function newestEventLines(lines: readonly EventLine[], room: number, now: Date): EventLine[] {
  const newestFirst = [...lines].reverse()
  const pinned = newestFirst.filter((l) => isOomKind(l.kind) && now.getTime() - Date.parse(l.lastAt) < OOM_PINNED_MS).slice(0, room)
  const chosen = new Set(pinned)
  for (const line of newestFirst) {
    if (chosen.size >= room) break
    chosen.add(line)
  }
  return newestFirst.filter((l) => chosen.has(l))
}

/**
 * "  16:59:40–17:00:01  web  cpu-throttled ×12: CPU throttled in …", one per line, the times (UTC,
 * like the stream's) in a column as wide as the widest of them.
 */
export function formatEventLines(lines: readonly EventLine[]): string[] {
  const whens = lines.map((line) => {
    const last = line.lastAt.slice(11, 19)
    return line.count > 1 ? `${line.firstAt.slice(11, 19)}–${last}` : last
  })
  const width = Math.max(0, ...whens.map((w) => w.length))
  return lines.map((line, i) => {
    const times = line.count > 1 ? ` ×${line.count}` : ''
    const sources = line.sources.length > 0 ? ` [${line.sources.join(' + ')}]` : ''
    return `  ${whens[i]!.padEnd(width)}  ${line.containerName}  ${line.kind}${times}: ${line.message}${sources}`
  })
}
