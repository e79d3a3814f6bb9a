// Turns a stream of limit hits into at most one notice at a time. A burst (200 containers throttled in
// the same tick, a fork bomb refused every second) is gathered for a moment and said in one line; hits
// that arrive while a notice is up wait for it to end and are said together in the next one, so a
// screen reader hears one sentence every few seconds at most, never a flood.
import type { LiveEvent } from '../../shared/live'

export interface NoticeTimer {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface LimitNoticeQueueOptions {
  /** Says one batch of hits (the caller shows it for holdMs). */
  show: (events: LiveEvent[]) => void
  /** How long the first hit of a burst waits for the rest of it. */
  gatherMs: number
  /** How long a notice stays up; hits in the meantime wait for the next one. */
  holdMs: number
  timer?: NoticeTimer
}

const SYSTEM_TIMER: NoticeTimer = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
}

export class LimitNoticeQueue {
  private pending: LiveEvent[] = []
  private handle: unknown = null
  private holding = false
  private readonly timer: NoticeTimer

  constructor(private readonly options: LimitNoticeQueueOptions) {
    this.timer = options.timer ?? SYSTEM_TIMER
  }

  offer(events: readonly LiveEvent[]): void {
    if (events.length === 0) return
    this.pending.push(...events)
    if (this.handle === null && !this.holding) this.handle = this.timer.setTimeout(() => this.flush(), this.options.gatherMs)
  }

  dispose(): void {
    if (this.handle !== null) this.timer.clearTimeout(this.handle)
    this.handle = null
    this.pending = []
  }

  private flush(): void {
    this.handle = null
    const batch = this.pending
    this.pending = []
    if (batch.length === 0) return
    this.options.show(batch)
    this.holding = true
    this.handle = this.timer.setTimeout(() => {
      this.handle = null
      this.holding = false
      // What came in while the notice was up is said next, without another wait.
      if (this.pending.length > 0) this.flush()
    }, this.options.holdMs)
  }
}
