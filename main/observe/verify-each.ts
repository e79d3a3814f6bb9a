// `observe --all --verify`: each container's suggestion checked in turn, never at once. A copy runs the
// container's command with its mounts and network for up to the window: started together, copies of every
// container would compete for the same volumes and ports and load the host the observation just measured.
import type Docker from 'dockerode'
import type { Observation } from '../../shared/observe/observation'
import type { Suggestion } from '../../shared/observe/suggestion'
import type { Verification } from '../../shared/observe/verification'
import { verifySuggestion } from './verify-suggestion'

export interface VerifyEachOptions {
  docker: Docker
  observations: readonly Observation[]
  suggestionOf: (containerId: string) => Suggestion
  seconds: number
  signal?: AbortSignal
  labels?: Record<string, string>
  /** Before each copy starts (n from 1), and after it ended (with its outcome or why it could not run). */
  onProgress?: (step: { n: number; total: number; name: string; verification?: Verification; error?: string }) => void
}

/** Verifications by container id; a container that could not be checked (removed meanwhile) has none. */
export async function verifyEach(options: VerifyEachOptions): Promise<Map<string, Verification>> {
  const done = new Map<string, Verification>()
  const total = options.observations.length
  let n = 0
  for (const observation of options.observations) {
    if (options.signal?.aborted) break
    const { id, name } = observation.container
    n++
    options.onProgress?.({ n, total, name })
    const suggestion = options.suggestionOf(id)
    try {
      const verification = await verifySuggestion({ docker: options.docker, container: id, capAdd: suggestion.capAdd, profile: suggestion.seccompProfile, seconds: options.seconds, signal: options.signal, labels: options.labels })
      done.set(id, verification)
      options.onProgress?.({ n, total, name, verification })
    } catch (error) {
      options.onProgress?.({ n, total, name, error: (error as Error).message })
    }
  }
  return done
}
