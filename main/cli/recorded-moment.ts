// Reads "a moment" named on the command line: a snapshot JSON file (`snapshot --json > FILE`), a
// recording (its last moment), or FILE@30s (that far into the recording; FILE@0 is its first
// snapshot). A cut or corrupt recording still gives what it holds up to the fault, with a note.
import { existsSync, readFileSync } from 'node:fs'
import type { HostSnapshot } from '../../shared/model'
import { parseRecording } from '../../shared/recording-format'
import { formatOffset, messageOffsets, parseOffset, stateAt, type RecordedState } from '../../shared/recording-state'

export interface Moment {
  label: string
  snapshot: HostSnapshot
  /** Set for a moment of a recording. */
  recorded: RecordedState | null
  /** The recording's length, for a moment of a recording. */
  durationMs: number | null
  /** Something the user should know: the file is cut, the offset was past the end. */
  notes: string[]
}

export class MomentError extends Error {}

/** `spec` is FILE or FILE@OFFSET; `at` (e.g. from --at) applies when spec names no offset. */
export function readMoment(spec: string, at: string | null = null): Moment {
  let path = spec
  let offsetText = at
  const marker = spec.lastIndexOf('@')
  if (marker > 0 && !existsSync(spec) && parseOffset(spec.slice(marker + 1)) !== null) {
    path = spec.slice(0, marker)
    offsetText = spec.slice(marker + 1)
  }
  let offsetMs: number | null = null
  if (offsetText !== null) {
    offsetMs = parseOffset(offsetText)
    if (offsetMs === null) throw new MomentError(`"${offsetText}" is not a time into the recording (such as 30s, 2m, 1h or 0)`)
  }
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new MomentError(`cannot read ${path}: ${(error as Error).message}`)
  }
  const whole = plainSnapshot(text)
  if (whole) {
    if (offsetMs !== null) throw new MomentError(`${path} is one snapshot, not a recording: it has no ${offsetText}`)
    return { label: path, snapshot: whole, recorded: null, durationMs: null, notes: [] }
  }
  const parsed = parseRecording(text)
  if (parsed.messages.length === 0) throw new MomentError(`${path} is neither a snapshot nor a recording: ${parsed.fault?.message ?? 'no snapshot in it'}`)
  const notes: string[] = []
  if (parsed.fault) notes.push(`${path}: ${parsed.fault.message}; read up to the line before it`)
  const offsets = messageOffsets(parsed.messages)
  const durationMs = offsets.at(-1) ?? 0
  if (offsetMs !== null && offsetMs > durationMs) notes.push(`${path} is ${formatOffset(durationMs)} long${parsed.fault ? ' (as far as it could be read)' : ''}: ${offsetText} is past its end, its last moment is used`)
  const recorded = stateAt(parsed.messages, offsetMs ?? durationMs, offsets)!
  return { label: `${path}@${formatOffset(recorded.offsetMs)}`, snapshot: recorded.snapshot, recorded, durationMs, notes }
}

/** A file that is one JSON document with a host snapshot's shape, else null. */
function plainSnapshot(text: string): HostSnapshot | null {
  const trimmed = text.trim()
  // A recording's first line is an object too: the whole text parses as one only for a snapshot file.
  if (!trimmed.startsWith('{')) return null
  try {
    const value = JSON.parse(trimmed) as Partial<HostSnapshot> & { type?: unknown }
    return value.type === undefined && typeof value.takenAt === 'string' && Array.isArray(value.containers) ? (value as HostSnapshot) : null
  } catch {
    return null
  }
}
