// The Docker event stream, one line at a time: GET /events answers newline-delimited JSON whose
// chunk boundaries do not follow lines (kernel-facts §6.2), and whose timeNano is larger than a
// double holds exactly, so JSON.parse would round it (§6.3).

/** One daemon event, legacy fields (status/id/from) folded in and absent ones tolerated. */
export interface DockerEvent {
  /** 'container', 'network', … */
  type: string
  /** The verb: 'exec_create' from 'exec_create: sh -c …'. */
  action: string
  /** The text after ': ' in the Action (exec command, health status), else null. */
  detail: string | null
  /** Actor.ID: the container id for container events. */
  id: string
  /** Actor.Attributes.name ('' when absent); for container events the current name, no slash. */
  name: string
  /** Actor.Attributes.image, else the legacy `from` ('' when neither). */
  image: string
  /** Every Actor.Attribute, container labels included (the daemon merges them in). */
  attributes: Record<string, string>
  /** Unix seconds. */
  time: number
  /** Unix nanoseconds as the daemon wrote them, every digit kept. */
  timeNano: string
  /** ISO 8601 with milliseconds, from timeNano. */
  at: string
}

export type ParsedEventLine = { ok: true; event: DockerEvent } | { ok: false; reason: string }

/** Longer lines are dropped: no event comes near it; something else is talking on the socket. */
export const MAX_LINE_BYTES = 1024 * 1024
const NEWLINE = 0x0a
const CARRIAGE_RETURN = 0x0d
const NS_PER_MS = 1_000_000n
const NS_PER_S = 1_000_000_000n
const PREVIEW_CHARS = 80

export interface LineSplitter {
  /** The complete, non-empty lines this chunk finishes, without their line endings. */
  push(chunk: Uint8Array | string): string[]
  /** What is left once the stream ends: a last line without its newline, or null. */
  end(): string | null
}

export interface LineSplitterOptions {
  maxLineBytes?: number
  /** Told the size of each line dropped for being longer than maxLineBytes. */
  onDropped?: (bytes: number) => void
}

/**
 * Splits on the newline byte before decoding, so a UTF-8 character cut between two chunks is
 * decoded whole (0x0a never occurs inside a multi-byte sequence).
 */
export function createLineSplitter(options: LineSplitterOptions = {}): LineSplitter {
  const maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES
  let pending: Buffer = Buffer.alloc(0)
  // Bytes of an over-long line already thrown away; its tail is skipped up to the next newline.
  let skipped = 0

  const drop = (bytes: number): void => options.onDropped?.(bytes)

  return {
    push(chunk) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
      const data = pending.length > 0 ? Buffer.concat([pending, bytes]) : bytes
      const lines: string[] = []
      let start = 0
      for (let nl = data.indexOf(NEWLINE, start); nl >= 0; nl = data.indexOf(NEWLINE, start)) {
        if (skipped > 0) {
          drop(skipped + nl - start)
          skipped = 0
        } else if (nl - start > maxLineBytes) {
          drop(nl - start)
        } else {
          const line = decodeLine(data, start, nl)
          if (line !== '') lines.push(line)
        }
        start = nl + 1
      }
      const rest = data.length - start
      if (skipped > 0 || rest > maxLineBytes) {
        skipped += rest
        pending = Buffer.alloc(0)
      } else {
        // A copy, so a partial line does not pin the whole chunk it came in.
        pending = Buffer.from(data.subarray(start))
      }
      return lines
    },
    end() {
      const line = skipped > 0 ? '' : decodeLine(pending, 0, pending.length)
      if (skipped > 0) drop(skipped)
      pending = Buffer.alloc(0)
      skipped = 0
      return line === '' ? null : line
    }
  }
}

/** Without a trailing CR (CRLF endings), and blank if only whitespace is left. */
function decodeLine(data: Buffer, start: number, end: number): string {
  const stop = end > start && data[end - 1] === CARRIAGE_RETURN ? end - 1 : end
  const text = data.toString('utf8', start, stop)
  return text.trim() === '' ? '' : text
}

/** One line of GET /events. Never throws: a line that is not an event comes back with the reason. */
export function parseEventLine(line: string): ParsedEventLine {
  let raw: unknown
  try {
    raw = JSON.parse(line)
  } catch (error) {
    return { ok: false, reason: `not JSON (${error instanceof Error ? error.message : String(error)}): ${preview(line)}` }
  }
  if (!isRecord(raw)) return { ok: false, reason: `not a JSON object: ${preview(line)}` }

  // API ≥ 1.52 (Docker 29) sends only Type/Action/Actor; older daemons also status/id/from.
  const actor = isRecord(raw.Actor) ? raw.Actor : {}
  const fullAction = text(raw.Action) || text(raw.status)
  if (fullAction === '') return { ok: false, reason: `no Action: ${preview(line)}` }
  const id = text(actor.ID) || text(raw.id)
  const time = typeof raw.time === 'number' && Number.isSafeInteger(raw.time) ? raw.time : null
  const timeNano = exactTimeNano(line, raw.timeNano) ?? (time !== null ? String(BigInt(time) * NS_PER_S) : null)
  if (timeNano === null) return { ok: false, reason: `no time: ${preview(line)}` }
  const at = isoFromNanos(timeNano)
  if (at === null) return { ok: false, reason: `time out of range: ${preview(line)}` }

  const attributes = stringRecord(actor.Attributes)
  const cut = fullAction.indexOf(': ')
  return {
    ok: true,
    event: {
      // Events before API 1.22 had no Type; they were all container events and carried `from`.
      type: text(raw.Type) || (typeof raw.from === 'string' ? 'container' : ''),
      action: cut < 0 ? fullAction : fullAction.slice(0, cut),
      detail: cut < 0 ? null : fullAction.slice(cut + 2),
      id,
      name: attributes.name ?? '',
      image: attributes.image ?? text(raw.from),
      attributes,
      time: time ?? Number(BigInt(timeNano) / NS_PER_S),
      timeNano,
      at
    }
  }
}

/**
 * The digits of the top-level timeNano from the raw text. Inside a JSON string every quote is
 * escaped, so `"timeNano":<digits>` can only be a real key; and the digits must round to what
 * JSON.parse made of that key, which rules out a nested namesake.
 */
function exactTimeNano(line: string, parsed: unknown): string | null {
  if (typeof parsed !== 'number') return null
  for (const match of line.matchAll(/"timeNano"\s*:\s*(\d+)(?![\d.eE])/g)) {
    const digits = match[1] as string
    if (Number(digits) === parsed) return digits
  }
  // A float or exponent form: no daemon writes one, but the rounded value is still a time.
  return Number.isSafeInteger(parsed) && parsed >= 0 ? String(parsed) : null
}

/** Truncated to whole milliseconds (exactly, in BigInt); null beyond what a Date can hold. */
function isoFromNanos(timeNano: string): string | null {
  const date = new Date(Number(BigInt(timeNano) / NS_PER_MS))
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (!isRecord(value)) return out
  for (const [key, v] of Object.entries(value)) if (typeof v === 'string') out[key] = v
  return out
}

function preview(line: string): string {
  return line.length > PREVIEW_CHARS ? `${line.slice(0, PREVIEW_CHARS)}…` : line
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : ''
}
