// The observation window: its end (time up, aborted, or nothing left to watch) and whether a process lives.
import { readFileSync } from 'node:fs'
import type Docker from 'dockerode'

const TICK_MS = 1000

export interface WindowOptions {
  seconds: number
  signal?: AbortSignal
}

/** What every observation is given, of one container or of all. */
export interface ObservationOptions extends WindowOptions {
  docker: Docker
  withSyscalls?: boolean
  /** Count every syscall (costly on a syscall-heavy workload) instead of recording each number once. */
  countSyscalls?: boolean
  root?: string
  procRoot?: string
  cgroupRoot?: string
  /** Called once the instance follows what is observed (tests start the workload then). */
  onStarted?: (instanceName: string) => void
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
