// Replays a recording's LiveMessages into the store at the pace they were recorded. The first
// snapshot (and anything stamped at the same moment) is applied at once, so a recording is never
// an empty screen; the rest follows in real time, all at once with showAll(), or up to any moment
// with seek() (the time scrubber).
import type { LiveMessage } from '../../shared/live'
import { messageOffsets, messageTime } from '../../shared/recording-state'
import type { Playback } from '../store/source-slice'

export interface PlayerClock {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface PlayerSink {
  /** Applies messages in order, in one store update. */
  apply(messages: readonly LiveMessage[]): void
  /** Clears what an earlier run left (series, events) before a replay. */
  reset(): void
  progress(playback: Playback): void
}

export { messageTime }

export class RecordingPlayer {
  private readonly offsets: number[]
  private position = 0
  private timer: unknown = null
  private playing = false
  private startedAt = 0
  /** Where playback stands, in ms from the first message (a seek can stop between messages). */
  private at = 0
  /** Each event's offset and kind, for the scrubber's marks. */
  private readonly marks: Playback['marks']

  constructor(
    private readonly messages: readonly LiveMessage[],
    private readonly sink: PlayerSink,
    private readonly clock: PlayerClock,
    private readonly now: () => number = () => Date.now()
  ) {
    // Relative times in ms; messages without a usable time follow their predecessor by a second.
    this.offsets = messageOffsets(messages)
    this.marks = messages.flatMap((m, i) => (m.type === 'event' ? [{ offsetMs: this.offsets[i] ?? 0, kind: m.kind }] : []))
  }

  get duration(): number {
    return this.offsets.at(-1) ?? 0
  }

  /** Applies the opening moment and starts playing the rest. */
  start(): void {
    this.stop()
    this.sink.reset()
    this.position = 0
    this.at = 0
    this.applyUpTo(0)
    this.startedAt = this.now()
    this.playing = true
    this.schedule()
    // Said at once: the first report (of the opening moment) went out before playing began.
    if (this.playing) this.report()
  }

  pause(): void {
    if (!this.playing) return
    this.stop()
    this.report()
  }

  resume(): void {
    if (this.playing || this.position >= this.messages.length) return
    // Continue from where it stopped: pretend it started that long ago.
    this.startedAt = this.now() - this.at
    this.playing = true
    this.schedule()
  }

  /** Applies everything that is left at once. */
  showAll(): void {
    this.stop()
    this.applyUpTo(this.duration)
  }

  /**
   * Shows the recording as it was offsetMs in: forward, the messages up to then are applied; back,
   * the store is cleared and the recording applied again up to then. Playing goes on from there.
   */
  seek(offsetMs: number): void {
    const wasPlaying = this.playing
    this.stop()
    const target = Math.min(Math.max(0, offsetMs), this.duration)
    if (target < this.at) {
      this.sink.reset()
      this.position = 0
    }
    this.applyUpTo(target)
    if (wasPlaying && this.position < this.messages.length) {
      this.startedAt = this.now() - this.at
      this.playing = true
      this.schedule()
      this.report()
    }
  }

  dispose(): void {
    this.stop()
  }

  private stop(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = null
    this.playing = false
  }

  private applyUpTo(offset: number): void {
    const from = this.position
    while (this.position < this.messages.length && (this.offsets[this.position] ?? 0) <= offset) this.position++
    if (this.position > from) this.sink.apply(this.messages.slice(from, this.position))
    this.at = Math.min(this.duration, Math.max(offset, this.offsets[this.position - 1] ?? 0))
    if (this.position >= this.messages.length) this.playing = false
    this.report()
  }

  private schedule(): void {
    if (!this.playing || this.position >= this.messages.length) {
      this.playing = false
      this.report()
      return
    }
    const due = this.offsets[this.position] ?? 0
    const wait = Math.max(0, due - (this.now() - this.startedAt))
    this.timer = this.clock.setTimeout(() => {
      this.timer = null
      this.applyUpTo(Math.max(due, this.now() - this.startedAt))
      this.schedule()
    }, wait)
  }

  private report(): void {
    this.sink.progress({
      playing: this.playing,
      position: this.position,
      total: this.messages.length,
      elapsedSeconds: Math.round(this.at / 1000),
      durationSeconds: Math.round(this.duration / 1000),
      elapsedMs: this.at,
      durationMs: this.duration,
      marks: this.marks
    })
  }
}
