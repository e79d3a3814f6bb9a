// What the engine hands to the model: Docker's side of the story (names, declared config).
import type { ContainerExit, DeclaredConfig, DeclaredExtra, EngineState, ImageDetails, Problem, SwarmState } from '../../shared/model'

export interface EngineContainer {
  /** 64 hex characters. */
  id: string
  /** Without the leading slash. */
  name: string
  image: string
  state: string
  /** State.Pid when running (host PID of the container's init), else null. */
  pid: number | null
  declared: DeclaredConfig
  labels: Record<string, string>
  createdAt: string
  startedAt: string | null
  /** Docker's RestartCount; null when the daemon did not say. */
  restartCount: number | null
  /** How its last run ended; null while running or before its first start. */
  exit: ContainerExit | null
  /** Issue 15: more of the inspect, and the image's details (null when they could not be read: see imageProblem). */
  declaredExtra?: DeclaredExtra
  imageDetails?: ImageDetails | null
  imageProblem?: Problem
}

export interface EngineReport {
  state: EngineState
  containers: EngineContainer[]
  /** Per-container troubles, e.g. a container removed between list and inspect. */
  problems: Problem[]
  /** The swarm this engine is in (issue 15); absent when /info said nothing about one. */
  swarm?: SwarmState
}
