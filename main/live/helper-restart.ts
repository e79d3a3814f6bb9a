// Replacing a lost kernel source (a helper container that was killed, or whose report failed): the
// live session says it is gone, starts another with backoff until one starts and resyncs, and says
// it recovered. Used for a loss during the session's start too: the first snapshot then comes
// through the replacement. The session keeps its own state; this file holds only the retry loop.
import { DEFAULT_BACKOFF } from '../engine/engine-events'
import type { KernelSource } from '../kernel/kernel-source'

export interface HelperRestartOptions {
  /** Starts a new source like the lost one. */
  restart: () => Promise<KernelSource>
  /** Retry delays (default: the engine stream's, DEFAULT_BACKOFF). */
  backoff?: { initialMs: number; maxMs: number }
  /** The session is stopping: no more attempts. */
  signal: AbortSignal
  warn: (text: string) => void
  /** Stops using the lost source (its container is removed now) and says it is gone. */
  drop: (reason: string) => Promise<void>
  /** Puts a new source in place; from now on the session owns it. */
  adopt: (next: KernelSource) => void
  /** Reads a whole snapshot through the adopted source, sends it and starts sampling; throws when it cannot. */
  resync: () => Promise<void>
}

export class HelperRestart {
  private running: Promise<void> | null = null

  constructor(private readonly options: HelperRestartOptions) {}

  /** A replacement is under way. */
  get active(): boolean {
    return this.running !== null
  }

  /** Starts replacing the source, or joins the replacement already under way; resolves when it is done or the session stops. */
  begin(reason: string): Promise<void> {
    if (this.options.signal.aborted) return Promise.resolve()
    this.running ??= this.replace(reason).finally(() => (this.running = null))
    return this.running
  }

  idle(): Promise<void> {
    return this.running ?? Promise.resolve()
  }

  private async replace(reason: string): Promise<void> {
    const { restart, signal, warn } = this.options
    await this.options.drop(reason)
    warn(`${reason}; starting a new helper container`)
    const { initialMs, maxMs } = this.options.backoff ?? DEFAULT_BACKOFF
    let delay = initialMs
    let lastFailure: string | null = null
    for (;;) {
      if (!(await pause(delay, signal))) return
      let next: KernelSource
      try {
        next = await restart()
      } catch (error) {
        const failure = messageOf(error)
        // The same failure again and again is said once.
        if (failure !== lastFailure) warn(`${failure}; trying again`)
        lastFailure = failure
        delay = Math.min(delay * 2, maxMs)
        continue
      }
      // Adopted even when stopping: the session then closes it with its other sources.
      this.options.adopt(next)
      if (signal.aborted) return
      try {
        await this.options.resync()
      } catch (error) {
        // The new one failed at once: its loss (if it is lost) or the next round replaces it.
        warn(`resync through the new helper failed: ${messageOf(error)}`)
        delay = Math.min(delay * 2, maxMs)
        continue
      }
      warn('recovered: a new helper container reads the kernel')
      return
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Waits `ms`; false when the signal fired first. */
function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false)
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve(true)
    }, ms)
    const onAbort = (): void => {
      clearTimeout(timer)
      resolve(false)
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
