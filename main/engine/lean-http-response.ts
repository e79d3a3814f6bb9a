// An incremental parser for one HTTP/1.1 answer to a GET, fed the bytes as the socket delivers
// them: status line, headers, then a body framed by Content-Length, by chunked transfer coding
// (the Docker daemon chunks its JSON answers above ~4 KB), or by the end of the connection.
// Strict where a lenient reading could mix two answers up; anything else is a MalformedResponse.

/** A body larger than this is refused: no answer to a GET the app makes comes near it. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024
/** Status line and headers together; Node's own limit is 16 KiB. */
const MAX_HEAD_BYTES = 64 * 1024
/** A chunk-size line or a trailer line. */
const MAX_LINE_BYTES = 4096

export interface LeanResponse {
  statusCode: number
  statusMessage: string
  /** Lower-case names; a repeated header's values joined with ", ". */
  headers: Map<string, string>
  body: Buffer
}

export class MalformedResponseError extends Error {
  override name = 'MalformedResponseError'

  constructor(detail: string) {
    super(`malformed HTTP answer: ${detail}`)
  }
}

type Stage =
  | { kind: 'head' }
  | { kind: 'length'; remaining: number }
  | { kind: 'chunk-size' }
  | { kind: 'chunk-data'; remaining: number }
  | { kind: 'chunk-end' }
  | { kind: 'trailer' }
  | { kind: 'to-close' }
  | { kind: 'done' }

const CRLF = Buffer.from('\r\n')
const HEAD_END = Buffer.from('\r\n\r\n')
const STATUS_LINE = /^HTTP\/1\.([01]) ([1-9]\d\d)(?: (.*))?$/
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
const CHUNK_SIZE = /^[0-9A-Fa-f]{1,8}$/

export class ResponseParser {
  /** True once any byte of the answer has arrived (a retry is safe only before). */
  started = false
  /** Whether the connection may carry another request; meaningful once the answer is complete. */
  keepAlive = false
  /** Bytes arrived after the end of the answer (nothing was asked for them). */
  trailing = false

  private stage: Stage = { kind: 'head' }
  private pending: Buffer = Buffer.alloc(0)
  private parts: Buffer[] = []
  private bodyBytes = 0
  private status = 0
  private statusMessage = ''
  private headers = new Map<string, string>()

  constructor(private readonly maxBody = MAX_BODY_BYTES) {}

  /** Takes the next bytes; the complete answer once it is, else null. Throws MalformedResponseError. */
  push(data: Buffer): LeanResponse | null {
    if (data.length === 0) return null
    this.started = true
    if (this.stage.kind === 'done') {
      this.trailing = true
      return null
    }
    const buf = this.pending.length > 0 ? Buffer.concat([this.pending, data]) : data
    this.pending = Buffer.alloc(0)
    const end = this.consume(buf)
    if (end < 0) return null
    if (end < buf.length) this.trailing = true
    return this.response()
  }

  /** The connection ended: the answer read to the end, else a MalformedResponseError. */
  end(): LeanResponse {
    if (this.stage.kind === 'to-close') {
      this.stage = { kind: 'done' }
      return this.response()
    }
    if (this.stage.kind === 'done') return this.response()
    throw new MalformedResponseError(this.started ? 'the connection closed in the middle of the answer' : 'the connection closed before any answer')
  }

  /** Whether the answer ends only when the connection does. */
  get readsToClose(): boolean {
    return this.stage.kind === 'to-close'
  }

  /** Consumes buf; the offset just past the answer once it is complete, else -1 (the rest kept). */
  private consume(buf: Buffer): number {
    let pos = 0
    for (;;) {
      const stage = this.stage
      switch (stage.kind) {
        case 'head': {
          const at = buf.indexOf(HEAD_END, pos)
          if (at < 0) return this.keep(buf, pos, MAX_HEAD_BYTES, 'the status line and headers are too long')
          if (at - pos > MAX_HEAD_BYTES) throw new MalformedResponseError('the status line and headers are too long')
          this.readHead(buf.toString('latin1', pos, at))
          pos = at + HEAD_END.length
          break
        }
        // A body of known length, or one chunk's data: after it, the end, or the chunk's CRLF.
        case 'length':
        case 'chunk-data': {
          const take = Math.min(stage.remaining, buf.length - pos)
          this.addBody(buf.subarray(pos, pos + take))
          pos += take
          stage.remaining -= take
          if (stage.remaining > 0) return -1
          this.stage = stage.kind === 'length' ? { kind: 'done' } : { kind: 'chunk-end' }
          break
        }
        case 'chunk-size': {
          const line = this.line(buf, pos, 'a chunk-size line is too long')
          if (line === null) return -1
          pos = line.next
          const size = line.text.split(';', 1)[0]!.trim()
          if (!CHUNK_SIZE.test(size)) throw new MalformedResponseError(`bad chunk size ${JSON.stringify(line.text.slice(0, 40))}`)
          const remaining = parseInt(size, 16)
          if (this.bodyBytes + remaining > this.maxBody) throw this.tooLarge()
          this.stage = remaining === 0 ? { kind: 'trailer' } : { kind: 'chunk-data', remaining }
          break
        }
        case 'chunk-end': {
          if (buf.length - pos < 2) return this.keep(buf, pos, 2, '')
          if (buf[pos] !== 0x0d || buf[pos + 1] !== 0x0a) throw new MalformedResponseError('a chunk does not end with CRLF')
          pos += 2
          this.stage = { kind: 'chunk-size' }
          break
        }
        case 'trailer': {
          const line = this.line(buf, pos, 'a trailer line is too long')
          if (line === null) return -1
          pos = line.next
          if (line.text === '') this.stage = { kind: 'done' }
          break
        }
        case 'to-close':
          this.addBody(buf.subarray(pos))
          return -1
        case 'done':
          return pos
      }
    }
  }

  /** The CRLF-ended line at pos, or null with the partial line kept for the next bytes. */
  private line(buf: Buffer, pos: number, tooLong: string): { text: string; next: number } | null {
    const at = buf.indexOf(CRLF, pos)
    if (at < 0) {
      this.keep(buf, pos, MAX_LINE_BYTES, tooLong)
      return null
    }
    if (at - pos > MAX_LINE_BYTES) throw new MalformedResponseError(tooLong)
    return { text: buf.toString('latin1', pos, at), next: at + 2 }
  }

  private keep(buf: Buffer, pos: number, limit: number, tooLong: string): -1 {
    if (buf.length - pos > limit) throw new MalformedResponseError(tooLong)
    this.pending = Buffer.from(buf.subarray(pos))
    return -1
  }

  private readHead(head: string): void {
    const lines = head.split('\r\n')
    const match = STATUS_LINE.exec(lines[0]!)
    if (!match) throw new MalformedResponseError(`bad status line ${JSON.stringify(lines[0]!.slice(0, 80))}`)
    const minor = match[1]
    const status = Number(match[2])
    const headers = new Map<string, string>()
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':')
      const name = line.slice(0, colon)
      if (colon <= 0 || !TOKEN.test(name)) throw new MalformedResponseError(`bad header line ${JSON.stringify(line.slice(0, 80))}`)
      const key = name.toLowerCase()
      const value = line.slice(colon + 1).trim()
      const seen = headers.get(key)
      headers.set(key, seen === undefined ? value : `${seen}, ${value}`)
    }
    // An interim answer (100 Continue, 103 Early Hints) is followed by the real one.
    if (status < 200 && status !== 101) return
    if (status === 101) throw new MalformedResponseError('the server switched protocols on a GET')
    this.status = status
    this.statusMessage = match[3] ?? ''
    this.headers = headers
    const connection = (headers.get('connection') ?? '').toLowerCase().split(',').map((t) => t.trim())
    this.keepAlive = minor === '1' ? !connection.includes('close') : connection.includes('keep-alive')
    this.stage = this.framing(status, headers)
    if (this.stage.kind === 'to-close') this.keepAlive = false
  }

  private framing(status: number, headers: Map<string, string>): Stage {
    if (status === 204 || status === 304) return { kind: 'done' }
    const coding = headers.get('transfer-encoding')
    if (coding !== undefined) {
      // Chunked must be the last coding; any other framing ends with the connection (RFC 9112 §6.3).
      const last = coding.toLowerCase().split(',').pop()!.trim()
      return last === 'chunked' ? { kind: 'chunk-size' } : { kind: 'to-close' }
    }
    const length = headers.get('content-length')
    if (length === undefined) return { kind: 'to-close' }
    const values = new Set(length.split(',').map((v) => v.trim()))
    const [only] = values
    if (values.size !== 1 || !/^\d{1,15}$/.test(only!)) throw new MalformedResponseError(`bad Content-Length ${JSON.stringify(length.slice(0, 40))}`)
    const remaining = Number(only)
    if (remaining > this.maxBody) throw this.tooLarge()
    return remaining === 0 ? { kind: 'done' } : { kind: 'length', remaining }
  }

  private addBody(part: Buffer): void {
    if (part.length === 0) return
    this.bodyBytes += part.length
    if (this.bodyBytes > this.maxBody) throw this.tooLarge()
    this.parts.push(part)
  }

  private tooLarge(): MalformedResponseError {
    return new MalformedResponseError(`the body is larger than ${this.maxBody} bytes`)
  }

  private response(): LeanResponse {
    const body = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.bodyBytes)
    return { statusCode: this.status, statusMessage: this.statusMessage, headers: this.headers, body }
  }
}
