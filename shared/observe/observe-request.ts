// What the page may ask of an observation, and what it gets back (contract channels observe:run and
// observe:verify). The page names a container and a duration only: the suggestion it may verify is the one
// the backend made, never flags or a profile sent by the page.
import type { Observation } from './observation'
import type { Suggestion } from './suggestion'

// serve mode closes a connection on which nothing moved for 60 s (main/server/limits.ts): the answer must
// come before that. Longer windows: `glasshouse observe --for`.
export const OBSERVE_MIN_SECONDS = 5
export const OBSERVE_MAX_SECONDS = 45
export const OBSERVE_DURATIONS = [10, 20, 30, 45] as const

export interface ObserveResult {
  observation: Observation
  suggestion: Suggestion
}

/** Every running container in one window (observe:all): one ObserveResult per container, as for one. */
export interface ObserveAllResult {
  startedAt: string
  seconds: number
  notes: string[]
  results: ObserveResult[]
}

const CONTAINER_ID = /^[0-9a-f]{12,64}$/

export function checkObserveArgs(args: readonly unknown[]): string | null {
  if (args.length !== 2 || typeof args[0] !== 'string' || !CONTAINER_ID.test(args[0])) return 'observe:run takes a container id and a number of seconds'
  const seconds = args[1]
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < OBSERVE_MIN_SECONDS || seconds > OBSERVE_MAX_SECONDS) {
    return `observe:run: seconds must be between ${OBSERVE_MIN_SECONDS} and ${OBSERVE_MAX_SECONDS}`
  }
  return null
}

export function checkObserveAllArgs(args: readonly unknown[]): string | null {
  const seconds = args[0]
  if (args.length !== 1 || typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < OBSERVE_MIN_SECONDS || seconds > OBSERVE_MAX_SECONDS) {
    return `observe:all takes a number of seconds between ${OBSERVE_MIN_SECONDS} and ${OBSERVE_MAX_SECONDS}`
  }
  return null
}

export function checkVerifyArgs(args: readonly unknown[]): string | null {
  return args.length === 1 && typeof args[0] === 'string' && CONTAINER_ID.test(args[0]) ? null : 'observe:verify takes one container id'
}
