// How a stopped container ended, in words the views and the sidebar share.
import type { ContainerInfo } from '../model'
import { killThatEndedIt } from './oom-kills'

export interface PostMortemBadge {
  label: string
  level: 'high' | 'medium' | 'low'
  description: string
}

/** What a signal number ends a process with, for exit codes above 128. */
const SIGNALS: Record<number, string> = { 1: 'SIGHUP', 2: 'SIGINT', 6: 'SIGABRT', 9: 'SIGKILL', 11: 'SIGSEGV', 15: 'SIGTERM' }

export function exitCodeMeaning(code: number): string {
  if (code === 0) return 'finished normally'
  if (code > 128 && code < 160) {
    const signal = SIGNALS[code - 128]
    return `killed by signal ${code - 128}${signal ? ` (${signal})` : ''}`
  }
  if (code === 125) return 'Docker could not run it'
  if (code === 126) return 'the command could not be executed'
  if (code === 127) return 'the command was not found'
  return 'the program reported a failure'
}

/** A sidebar badge for a container that exited; null while running or when nothing is known. */
export function postMortemBadge(c: ContainerInfo): PostMortemBadge | null {
  const e = c.exit
  if (!e || c.pid !== null) return null
  const restarts = c.restartCount ? ` after ${c.restartCount} restart${c.restartCount === 1 ? '' : 's'}` : ''
  if (e.oomKilled) {
    return { label: 'OOM-killed', level: 'high', description: `The kernel killed it at its memory limit (exit ${e.exitCode})${restarts}.` }
  }
  // Docker's flag can miss a kill of PID 1 that the kernel log shows just before the exit.
  const logged = killThatEndedIt(c)
  if (logged) {
    return {
      label: 'OOM-killed',
      level: 'high',
      description: `The kernel log shows the OOM killer killed ${logged.comm} just before it exited (exit ${e.exitCode}; Docker's OOMKilled missed it)${restarts}.`
    }
  }
  return {
    label: `exit ${e.exitCode}`,
    level: e.exitCode === 0 ? 'low' : 'medium',
    description: `It exited with code ${e.exitCode}: ${exitCodeMeaning(e.exitCode)}${restarts}.`
  }
}
