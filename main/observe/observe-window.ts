// The observation window: its end (time up, aborted, or nothing left to watch) and whether a process lives.
import { readFileSync } from 'node:fs'

const TICK_MS = 1000

export interface WindowOptions {
  seconds: number
  signal?: AbortSignal
}

/** Resolves when the window is over, the signal fires, or `tick` (each second) says there is nothing left. */
export function waitWindow(options: WindowOptions, tick: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const end = (): void => {
      clearTimeout(timeout)
      clearInterval(ticker)
      options.signal?.removeEventListener('abort', end)
      resolve()
    }
    const timeout = setTimeout(end, options.seconds * 1000)
    const ticker = setInterval(() => {
      if (!tick()) end()
    }, TICK_MS)
    if (options.signal?.aborted) end()
    else options.signal?.addEventListener('abort', end, { once: true })
  })
}

export function isAlive(pid: number, procRoot: string): boolean {
  try {
    readFileSync(`${procRoot}/${pid}/stat`)
    return true
  } catch {
    return false
  }
}
