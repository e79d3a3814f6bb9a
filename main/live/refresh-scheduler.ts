// Structural refreshes on demand: requests that arrive close together are folded into one
// (a `docker run` sends create and start within milliseconds), and at most one refresh runs at a
// time; a request that arrives while one runs schedules exactly one more after it.

export interface Timers {
  setTimeout: (fn: () => void, ms: number) => unknown
  clearTimeout: (handle: unknown) => void
}

const REAL_TIMERS: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout)
}

export class RefreshScheduler {
  private timer: unknown = null
  private running: Promise<void> | null = null
  private pending = false
  private stopped = false

  constructor(
    private readonly refresh: () => Promise<void>,
    private readonly debounceMs: number,
    private readonly onError: (error: unknown) => void,
    private readonly timers: Timers = REAL_TIMERS
  ) {}

  request(): void {
    if (this.stopped) return
    if (this.running) {
      this.pending = true
      return
    }
    if (this.timer !== null) return
    this.timer = this.timers.setTimeout(() => {
      this.timer = null
      this.run()
    }, this.debounceMs)
  }

  /** Resolves once no refresh is running or scheduled. */
  async idle(): Promise<void> {
    while (this.running || this.timer !== null) {
      if (this.running) await this.running
      else await new Promise((resolve) => setTimeout(resolve, this.debounceMs))
    }
  }

  stop(): void {
    this.stopped = true
    if (this.timer !== null) this.timers.clearTimeout(this.timer)
    this.timer = null
    this.pending = false
  }

  private run(): void {
    this.running = this.refresh()
      .catch(this.onError)
      .finally(() => {
        this.running = null
        if (this.pending && !this.stopped) {
          this.pending = false
          this.request()
        }
      })
  }
}
