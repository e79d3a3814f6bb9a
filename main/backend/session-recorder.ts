// The Record button's backend (record:start / record:stop): keeps the live session from the moment
// the user asks, in the very format `glasshouse record` writes. It reuses the CLI's RecordingWriter
// (a private temporary file, so the size bound and end line behave exactly as in the CLI) and hands
// the text back on stop; the page saves it the way it saves exports.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RecordStatus, RecordResult } from '../../shared/contract'
import type { LiveMessage } from '../../shared/live'
import type { HostSnapshot } from '../../shared/model'
import { RECORDING_FORMAT, RECORDING_FORMAT_VERSION } from '../../shared/recording-format'
import { DEFAULT_MAX_SIZE } from '../cli/record-command'
import { parseSize, RecordingWriter } from '../cli/recording-writer'
import { BackendError } from './backend'

export interface SessionRecorderOptions {
  current: () => HostSnapshot | null
  /** Subscribes to the live messages; returns the unsubscribe. */
  subscribe: (listener: (message: LiveMessage) => void) => () => void
  intervalMs: number
  /** Who made it, for the header's command line (e.g. "serve"). */
  carrier: string
  /** Default: the CLI's --max-size default. */
  maxBytes?: number
  now?: () => number
}

interface Running {
  writer: RecordingWriter
  dir: string
  startedAt: number
  unsubscribe: () => void
}

export class SessionRecorder {
  private running: Running | null = null
  private readonly maxBytes: number
  private readonly now: () => number

  constructor(private readonly options: SessionRecorderOptions) {
    this.maxBytes = options.maxBytes ?? (parseSize(DEFAULT_MAX_SIZE) as number)
    this.now = options.now ?? Date.now
  }

  start(): RecordStatus {
    if (this.running) throw new BackendError('bad-request', 'a recording is already running: stop it first')
    const snapshot = this.options.current()
    if (!snapshot) throw new BackendError('unavailable', 'the first snapshot is still being taken')
    const dir = mkdtempSync(join(tmpdir(), 'glasshouse-record-'))
    const writer = new RecordingWriter(join(dir, 'recording.ndjson'), this.maxBytes)
    const startedAt = this.now()
    writer.writeHeader({
      type: 'header',
      format: RECORDING_FORMAT,
      version: RECORDING_FORMAT_VERSION,
      host: snapshot.host.hostname,
      endpoint: snapshot.engine.endpoint ?? null,
      startedAt: new Date(startedAt).toISOString(),
      command: ['glasshouse', this.options.carrier === 'electron' ? 'app' : this.options.carrier, '(Record button)'],
      intervalMs: this.options.intervalMs,
      maxBytes: this.maxBytes
    })
    const running: Running = { writer, dir, startedAt, unsubscribe: () => undefined }
    this.running = running
    // The snapshot as it is now comes first; the patches that follow apply to it.
    if (!this.keep(running, { type: 'snapshot', snapshot })) return this.status()
    running.unsubscribe = this.options.subscribe((message) => this.keep(running, message))
    return this.status()
  }

  status(): RecordStatus {
    const running = this.running
    if (!running) return { recording: false, startedAt: null, elapsedMs: 0, bytes: 0, maxBytes: this.maxBytes, messages: 0, ended: null }
    return {
      recording: true,
      startedAt: new Date(running.startedAt).toISOString(),
      elapsedMs: this.now() - running.startedAt,
      bytes: running.writer.size,
      maxBytes: this.maxBytes,
      messages: running.writer.messages,
      ended: running.writer.endReason
    }
  }

  stop(): RecordResult {
    const running = this.running
    if (!running) throw new BackendError('bad-request', 'nothing is being recorded')
    this.running = null
    running.unsubscribe()
    running.writer.end('interrupted', new Date(this.now()))
    try {
      const text = readFileSync(running.writer.path, 'utf8')
      return {
        text,
        startedAt: new Date(running.startedAt).toISOString(),
        host: this.options.current()?.host.hostname ?? '',
        messages: running.writer.messages,
        bytes: Buffer.byteLength(text),
        reason: running.writer.endReason ?? 'interrupted'
      }
    } finally {
      rmSync(running.dir, { recursive: true, force: true })
    }
  }

  /** Ends a recording nobody stopped (the backend closes); its file goes with it. */
  close(): void {
    const running = this.running
    if (!running) return
    this.running = null
    running.unsubscribe()
    running.writer.end('interrupted')
    rmSync(running.dir, { recursive: true, force: true })
  }

  /** Writes one message; at the size bound the recording stops there (complete up to it). */
  private keep(running: Running, message: LiveMessage): boolean {
    if (running.writer.endReason !== null) return false
    const outcome = running.writer.write(message)
    if (outcome === 'written') return true
    running.unsubscribe()
    running.writer.end(outcome, new Date(this.now()))
    return false
  }
}
