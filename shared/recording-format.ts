// The recording file: newline-delimited JSON. An optional first line (the header: format version,
// host, start, the command line), then the LiveMessages exactly as `glasshouse watch --json` prints
// them (snapshot first), then an optional last line saying why the recording ended. A file without
// header or end line (the shipped demo, a `watch --json` capture) is read the same way.
import type { LiveMessage } from './live'

export const RECORDING_FORMAT = 'glasshouse-recording'
export const RECORDING_FORMAT_VERSION = 1

export interface RecordingHeader {
  type: 'header'
  format: typeof RECORDING_FORMAT
  version: number
  /** The recorded host's name (from its kernel), and the Docker endpoint it was read through. */
  host: string
  endpoint: string | null
  startedAt: string
  /** The command line that made it, e.g. ["glasshouse", "record", "-o", "run.ndjson"]. */
  command: string[]
  intervalMs: number
  /** The size bound the recorder kept to, in bytes. */
  maxBytes: number
}

export type RecordingEndReason = 'duration' | 'size-limit' | 'interrupted' | 'write-failed'

export interface RecordingEnd {
  type: 'end'
  at: string
  reason: RecordingEndReason
  /** LiveMessages in the file (header and end line not counted). */
  messages: number
}

export type RecordingLine = RecordingHeader | LiveMessage | RecordingEnd

/** Where reading stopped early: the 1-based line and what was wrong with it. */
export interface RecordingFault {
  line: number
  message: string
}

export interface ParsedRecording {
  header: RecordingHeader | null
  messages: LiveMessage[]
  end: RecordingEnd | null
  /** Set when the file is cut or corrupt: everything before this line is in `messages`. */
  fault: RecordingFault | null
}

const MESSAGE_TYPES = new Set(['snapshot', 'patch', 'sample', 'event', 'engine'])

/**
 * Reads a recording's text. Never throws on bad content: it stops at the first line it cannot
 * read and says which (the lines before it are kept), so a file cut mid-write still opens.
 */
export function parseRecording(text: string): ParsedRecording {
  const result: ParsedRecording = { header: null, messages: [], end: null, fault: null }
  const lines = text.split('\n')
  const cutAtEnd = !text.endsWith('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line.trim() === '') continue
    const number = i + 1
    const isLast = i === lines.length - 1
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      result.fault = {
        line: number,
        message: isLast && cutAtEnd ? `line ${number} is cut off (the file ends in the middle of it)` : `line ${number} is not valid JSON`
      }
      return result
    }
    const problem = lineProblem(value, result)
    if (problem !== null) {
      result.fault = { line: number, message: `line ${number}: ${problem}` }
      return result
    }
    const typed = value as RecordingLine
    if (typed.type === 'header') result.header = typed
    else if (typed.type === 'end') result.end = typed
    else result.messages.push(typed)
  }
  if (result.messages.length === 0) result.fault = { line: lines.length, message: 'the file holds no snapshot' }
  return result
}

function lineProblem(value: unknown, sofar: ParsedRecording): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a message (a JSON object with a type)'
  const type = (value as { type?: unknown }).type
  if (type === 'header') {
    if (sofar.header !== null || sofar.messages.length > 0) return 'a header after the first line'
    const header = value as Partial<RecordingHeader>
    if (header.format !== RECORDING_FORMAT) return `a header of another format (${String(header.format)})`
    if (typeof header.version !== 'number' || header.version > RECORDING_FORMAT_VERSION) {
      return `format version ${String(header.version)} is newer than this Glasshouse reads (${RECORDING_FORMAT_VERSION})`
    }
    return null
  }
  if (sofar.end !== null) return 'a line after the end line'
  if (type === 'end') return null
  if (typeof type !== 'string' || !MESSAGE_TYPES.has(type)) return `unknown message type ${JSON.stringify(type)}`
  if (sofar.messages.length === 0 && type !== 'snapshot') return `the first message is a ${type}, not a snapshot`
  if (type === 'snapshot' && typeof (value as { snapshot?: { takenAt?: unknown } }).snapshot?.takenAt !== 'string') return 'a snapshot without takenAt'
  return null
}

