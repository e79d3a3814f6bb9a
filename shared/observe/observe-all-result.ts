// What one observation of every running container gives back (`glasshouse observe --all`, the Security
// view's "Watch what every container uses"): one Observation per container, exactly as for one container,
// from one shared window.
import type { Observation } from './observation'

export interface AllObservation {
  /** ISO time the window opened. */
  startedAt: string
  /** Length of the window actually observed, seconds. */
  seconds: number
  /** One per container running when the window opened or started during it, by name. */
  observations: Observation[]
  /** Events of tasks that belonged to no container (left out). */
  ignoredEvents: number
  /** Notes on the whole window (missing kernel features, how new containers were followed). */
  notes: string[]
}
