// Writes a recording file one line at a time, each line handed to the kernel as it comes (a crash
// or a kill loses nothing already written), and keeps to a size bound. When the next line would
// pass the bound the recording stops there, cleanly: the file stays a faithful prefix of the
// session (dropping samples instead would leave gaps a replay would draw as flat lines).
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs'
import type { LiveMessage } from '../../shared/live'
import type { RecordingEnd, RecordingEndReason, RecordingHeader } from '../../shared/recording-format'

/** Room kept for the end line, so a file at its bound still says why it ended. */
const END_LINE_RESERVE = 256

export type WriteOutcome = 'written' | 'size-limit' | 'write-failed'

export class RecordingWriter {
  private fd: number | null
  private bytes = 0
  private count = 0
  private ended: RecordingEndReason | null = null
  /** The error that stopped writing, when the disk refused a line. */
  failure: Error | null = null

  constructor(
    readonly path: string,
    private readonly maxBytes: number
  ) {
    this.fd = openSync(path, 'w')
  }

  get size(): number {
    return this.bytes
  }

  get messages(): number {
    return this.count
  }

  get endReason(): RecordingEndReason | null {
    return this.ended
  }

  writeHeader(header: RecordingHeader): WriteOutcome {
    return this.writeLine(JSON.stringify(header))
  }

  write(message: LiveMessage): WriteOutcome {
    const outcome = this.writeLine(JSON.stringify(message))
    if (outcome === 'written') this.count++
    return outcome
  }

  /** Writes the end line, flushes to disk and closes; later calls do nothing. */
  end(reason: RecordingEndReason, at: Date = new Date()): void {
    if (this.fd === null) return
    this.ended ??= reason
    const line: RecordingEnd = { type: 'end', at: at.toISOString(), reason: this.ended, messages: this.count }
    if (this.ended !== 'write-failed') this.append(JSON.stringify(line) + '\n')
    try {
      fsyncSync(this.fd)
    } catch {
      // A file system without fsync (a pipe, /dev/stdout): the lines were handed over already.
    }
    closeSync(this.fd)
    this.fd = null
  }

  private writeLine(json: string): WriteOutcome {
    if (this.fd === null || this.ended !== null) return this.ended === 'write-failed' ? 'write-failed' : 'size-limit'
    const text = json + '\n'
    if (this.bytes + Buffer.byteLength(text) + END_LINE_RESERVE > this.maxBytes) {
      this.ended = 'size-limit'
      return 'size-limit'
    }
    return this.append(text) ? 'written' : 'write-failed'
  }

  private append(text: string): boolean {
    if (this.fd === null) return false
    try {
      const buffer = Buffer.from(text)
      let done = 0
      while (done < buffer.length) done += writeSync(this.fd, buffer, done)
      this.bytes += buffer.length
      return true
    } catch (error) {
      this.failure = error as Error
      this.ended = 'write-failed'
      return false
    }
  }
}

/** "50M", "1.5G", "500K", "2000" (bytes) → bytes (K, M, G are 1024-based); null when unreadable. */
export function parseSize(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*([KMG])?i?B?$/i.exec(text.trim())
  if (!match) return null
  const power = { K: 1, M: 2, G: 3 }[(match[2] ?? '').toUpperCase() as 'K' | 'M' | 'G'] ?? 0
  return Math.floor(Number(match[1]) * 1024 ** power)
}
