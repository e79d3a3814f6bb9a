// The backend's demo methods: list, run one step, clean. A step runs only when the page asks (a
// teacher's key press; in serve mode that request carries the token). At start, what crashed runs
// left is removed; at close, what this app's runs created.
import type Docker from 'dockerode'
import { DEMOS, listing } from '../../shared/demos/index'
import { DemoRunner, DemoStepError } from '../demos/demo-runner'
import { BackendError, type ContractHandlers } from './backend'

export type DemoHandlers = Pick<ContractHandlers, 'demo:list' | 'demo:run-step' | 'demo:clean'>

export interface DemoService {
  handlers: DemoHandlers
  /** Settles once what crashed runs left has been removed. */
  swept: Promise<void>
  /** Removes the containers and images this app's demo runs created. */
  close(): Promise<void>
}

/** How long closing waits for the daemon to remove what this app's demo runs created. */
const CLOSE_DEADLINE_MS = 15_000

export function createDemoService(docker: Docker, onWarning?: (text: string) => void): DemoService {
  const runner = new DemoRunner({ docker })
  // Only an app that ran a step has anything of its own to remove when it closes.
  let ranAStep = false
  // Not awaited: a slow daemon must not hold the app's start; a step waits for it instead.
  const swept = runner.sweepOrphans().then(
    (removed) => {
      if (removed > 0) onWarning?.(`removed ${removed} demo container(s) or image(s) left by a Glasshouse that stopped without cleaning up`)
    },
    (error: unknown) => onWarning?.(`could not look for demo containers left by a crash: ${error instanceof Error ? error.message : String(error)}`)
  )
  // One step at a time: a second key press while a step runs must not start the next one beside it.
  let queue: Promise<unknown> = swept
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work)
    queue = next.catch(() => undefined)
    return next
  }
  return {
    swept,
    handlers: {
      'demo:list': async () => DEMOS.map(listing),
      'demo:run-step': (demoId, step, consent) =>
        serially(async () => {
          const demo = runner.find(demoId)
          if (!demo) throw new BackendError('not-found', `no demo named "${demoId}"`)
          if (step >= demo.steps.length) throw new BackendError('bad-request', `"${demoId}" has ${demo.steps.length} steps`)
          ranAStep = true
          try {
            return await runner.runStep(demoId, step, { swarmInit: consent === 'swarm-init' })
          } catch (error) {
            if (error instanceof DemoStepError) throw new BackendError('unavailable', error.message)
            throw error
          }
        }),
      'demo:clean': (demoId) => serially(async () => ({ removed: await runner.clean(demoId ?? undefined) }))
    },
    close: async () => {
      // Without a step run here there is nothing of ours (a crash's leftovers are swept at the next start),
      // and a daemon that stopped answering must not hold the app's exit: the next start sweeps then too.
      if (!ranAStep) return
      let timer: NodeJS.Timeout | undefined
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the daemon did not finish removing the demo containers within ${CLOSE_DEADLINE_MS / 1000} s`)), CLOSE_DEADLINE_MS)
      })
      try {
        await Promise.race([queue.then(() => runner.clean()), deadline])
      } finally {
        clearTimeout(timer)
      }
    }
  }
}
