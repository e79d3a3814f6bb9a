// A recording's time line: each message's offset from the first, and the host's state at any
// offset (the snapshot with the patches up to it applied, the events and last sample so far).
// Used by `snapshot --from FILE --at 30s`, `diff FILE@30s …` and the renderer's time scrubber.
import type { LiveEvent, LiveMessage, SampleMessage } from './live'
import type { HostSnapshot } from './model'
import { applyPatch } from './snapshot-patch'

export function messageTime(m: LiveMessage): number {
  switch (m.type) {
    case 'snapshot':
      return Date.parse(m.snapshot.takenAt)
    case 'patch':
      return Date.parse(m.patch.takenAt)
    default:
      return Date.parse(m.at)
  }
}

/**
 * Milliseconds from the first message, never going back: a message without a usable time follows
 * its predecessor by a second, one stamped earlier than its predecessor shares its offset.
 */
export function messageOffsets(messages: readonly LiveMessage[]): number[] {
  let previous = 0
  const first = messages.map(messageTime).find(Number.isFinite) ?? 0
  return messages.map((m) => {
    const t = messageTime(m)
    previous = Number.isFinite(t) ? Math.max(previous, t - first) : previous + 1000
    return previous
  })
}

export interface RecordedState {
  /** Milliseconds from the recording's first message. */
  offsetMs: number
  /** The wall time of that moment. */
  at: string
  snapshot: HostSnapshot
  events: LiveEvent[]
  lastSample: SampleMessage | null
  /** Messages applied (0..n). */
  applied: number
}

/** The state at offsetMs (clamped to the recording); null when no snapshot comes before it. */
export function stateAt(messages: readonly LiveMessage[], offsetMs: number, offsets: readonly number[] = messageOffsets(messages)): RecordedState | null {
  let snapshot = null as HostSnapshot | null
  let lastSample: SampleMessage | null = null
  const events: LiveEvent[] = []
  let applied = 0
  for (const [i, m] of messages.entries()) {
    if ((offsets[i] ?? 0) > offsetMs) break
    applied = i + 1
    if (m.type === 'snapshot') snapshot = m.snapshot
    else if (m.type === 'patch' && snapshot) snapshot = applyPatch(snapshot, m.patch)
    else if (m.type === 'engine' && snapshot) snapshot = { ...snapshot, engine: m.state }
    else if (m.type === 'event') events.push(m)
    else if (m.type === 'sample') lastSample = m
  }
  if (snapshot === null) return null
  const first = messages.map(messageTime).find(Number.isFinite) ?? Date.parse(snapshot.takenAt)
  const reached = Math.min(offsetMs, offsets.at(-1) ?? 0)
  return { offsetMs: reached, at: new Date(first + reached).toISOString(), snapshot, events, lastSample, applied }
}

/** The recording's length in milliseconds. */
export function recordingDuration(messages: readonly LiveMessage[]): number {
  return messageOffsets(messages).at(-1) ?? 0
}

/**
 * "30s", "1.5m", "2h", "500ms", or a plain number of seconds → milliseconds; null when unreadable.
 * For offsets into a recording (--at, FILE@30s) and lengths (--for).
 */
export function parseOffset(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim())
  if (!match) return null
  const value = Number(match[1])
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] ?? 's'] ?? 1000
  return value * unit
}

/** "1:05" style, or "0:05.3" when there are tenths of a second to show. */
export function formatOffset(ms: number): string {
  const tenths = Math.round(Math.max(0, ms) / 100)
  const minutes = Math.floor(tenths / 600)
  const seconds = Math.floor((tenths % 600) / 10)
  const fraction = tenths % 10
  return `${minutes}:${String(seconds).padStart(2, '0')}${fraction ? `.${fraction}` : ''}`
}
