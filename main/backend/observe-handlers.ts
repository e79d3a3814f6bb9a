// The backend's observe methods (issue 14): an explicit action from the page, one observation per
// container at a time (and one of every container, observe:all), and a verification of the backend's own last suggestion for that container.
import type Docker from 'dockerode'
import { OBSERVE_MAX_SECONDS, type ObserveAllResult, type ObserveResult } from '../../shared/observe/observe-request'
import { suggest, type Suggestion } from '../../shared/observe/suggestion'
import type { Verification } from '../../shared/observe/verification'
import { observeAllContainers } from '../observe/observe-all'
import { observeContainer, ObserveError } from '../observe/observe-container'
import { existsSync } from 'node:fs'
import { removeOrphanInstances } from '../observe/trace-instance-cleanup'
import { TRACEFS_ROOT, TracefsUnavailableError } from '../observe/tracefs'
import { removeOrphanCopies, verifySuggestion } from '../observe/verify-suggestion'
import { BackendError } from './backend'

export interface ObserveHandlers {
  'observe:run': (containerId: string, seconds: number) => Promise<ObserveResult>
  'observe:verify': (containerId: string) => Promise<Verification>
  'observe:all': (seconds: number) => Promise<ObserveAllResult>
}

export function createObserveHandlers(docker: Docker, signal?: AbortSignal): ObserveHandlers {
  // What a killed app left: tracing instances (only where tracefs is already mounted) and verification copies.
  if (existsSync(`${TRACEFS_ROOT}/instances`)) removeOrphanInstances(TRACEFS_ROOT)
  void removeOrphanCopies(docker).catch(() => undefined)
  const running = new Set<string>()
  const last = new Map<string, { suggestion: Suggestion; seconds: number }>()
  const once = async <T>(containerId: string, work: () => Promise<T>): Promise<T> => {
    if (running.has(containerId)) throw new BackendError('bad-request', 'this container is already being observed or verified')
    running.add(containerId)
    try {
      return await work()
    } catch (error) {
      if (error instanceof ObserveError || error instanceof TracefsUnavailableError) throw new BackendError('unavailable', error.message)
      if ((error as { statusCode?: number }).statusCode === 404) throw new BackendError('not-found', `no container ${containerId}`)
      throw error
    } finally {
      running.delete(containerId)
    }
  }
  return {
    'observe:run': (containerId, seconds) =>
      once(containerId, async () => {
        const observation = await observeContainer({ docker, container: containerId, seconds, signal })
        const suggestion = suggest(observation, `${observation.container.name}-seccomp.json`)
        last.set(containerId, { suggestion, seconds })
        return { observation, suggestion }
      }),
    // One at a time (keyed 'all'); each container's suggestion is then the one observe:verify checks.
    'observe:all': (seconds) =>
      once('all', async () => {
        const all = await observeAllContainers({ docker, seconds, signal })
        const results = all.observations.map((observation) => {
          const suggestion = suggest(observation, `${observation.container.name}-seccomp.json`)
          last.set(observation.container.id, { suggestion, seconds })
          return { observation, suggestion }
        })
        return { startedAt: all.startedAt, seconds: all.seconds, notes: all.notes, results }
      }),
    'observe:verify': (containerId) =>
      once(containerId, async () => {
        const made = last.get(containerId)
        if (!made) throw new BackendError('bad-request', 'observe this container first: there is no suggestion to verify')
        return verifySuggestion({ docker, container: containerId, capAdd: made.suggestion.capAdd, profile: made.suggestion.seccompProfile, seconds: Math.max(10, Math.min(made.seconds, OBSERVE_MAX_SECONDS)), signal })
      })
  }
}
