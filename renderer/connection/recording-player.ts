// Replays a recording's LiveMessages into the store at the pace they were recorded. The first
// snapshot (and anything stamped at the same moment) is applied at once, so a recording is never
// an empty screen; the rest follows in real time, or all at once with showAll().
import type { LiveMessage } from '../../shared/live'
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

export class RecordingPlayer {
  private readonly offsets: number[]
  private position = 0
  private timer: unknown = null
  private playing = false
  private startedAt = 0

  constructor(
    private readonly messages: readonly LiveMessage[],
    private readonly sink: PlayerSink,
    private readonly clock: PlayerClock,
    private readonly now: () => number = () => Date.now()
  ) {
    // Relative times in ms; messages without a usable time follow their predecessor by a second.
    let previous = 0
    const first = messages.map(messageTime).find(Number.isFinite) ?? 0
    this.offsets = messages.map((m) => {
      const t = messageTime(m)
      previous = Number.isFinite(t) ? Math.max(previous, t - first) : previous + 1000
      return previous
    })
  }

  get duration(): number {
    return this.offsets.at(-1) ?? 0
  }

  /** Applies the opening moment and starts playing the rest. */
  start(): void {
    this.stop()
    this.sink.reset()
    this.position = 0
    this.applyUpTo(0)
    this.startedAt = this.now()
    this.playing = true
    this.schedule()
  }

  pause(): void {
    if (!this.playing) return
    this.stop()
    this.report()
  }

  resume(): void {
    if (this.playing || this.position >= this.messages.length) return
    // Continue from where it stopped: pretend it started that long ago.
    this.startedAt = this.now() - (this.offsets[this.position - 1] ?? 0)
    this.playing = true
    this.schedule()
  }

  /** Applies everything that is left at once. */
  showAll(): void {
    this.stop()
    this.applyUpTo(this.duration)
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
      elapsedSeconds: Math.round((this.offsets[this.position - 1] ?? 0) / 1000),
      durationSeconds: Math.round(this.duration / 1000)
    })
  }
}
