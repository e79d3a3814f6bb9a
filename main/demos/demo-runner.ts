// Runs the steps of a demo through the Docker API, one at a time (a presenter steps through them), and
// removes what a demo created: when asked, when a step fails, when the app closes, and, for what a
// crashed app left, at the next start (sweepOrphans). Nothing here runs unless a user asked for it.
import type Docker from 'dockerode'
import { committedImage, containerName, DEMO_IMAGE, DEMO_LABEL, displayCommand, secretName, type DemoNaming } from '../../shared/demos/docker-command'
import { DEMOS } from '../../shared/demos/index'
import type { ActionResult, Demo, DemoAction, StepResult } from '../../shared/demos/types'
import { createOptions } from './create-options'
import { ensureDemoImage } from './demo-image'
import { demoLabels, demoOwnerGone, ownedByMe } from './demo-labels'
import { commit, diffOf, execIn, historyOf, securityOptions, waitFor, type Outcome } from './docker-actions'
import { createSecret, createService, initSwarm, inspectForSecret, inspectSecret, taskContainerOf } from './swarm-actions'
import { leaveDemoSwarm, removeDemoSecrets, removeDemoServices } from './swarm-cleanup'

export const DEMO_TAG_LABEL = 'glasshouse.demo.tag'

export interface DemoRunnerOptions {
  docker: Docker
  /** Appended to every name, so two runs of one demo (tests in parallel) do not collide. */
  tag?: string
  /** More labels on everything created (a test run's own label). */
  extraLabels?: Record<string, string>
  /** Said while it happens: the image being built. */
  onNote?: (note: string) => void
  demos?: readonly Demo[]
}

/** What the teacher agreed to for this run (a demo's `consent`). */
export interface RunConsent {
  swarmInit?: boolean
}

/** Actions whose exit code says whether the step did what it shows. */
const CHECKED_KINDS: ReadonlySet<DemoAction['kind']> = new Set(['exec', 'task-exec', 'inspect-for-secret'])

export class DemoStepError extends Error {
  constructor(
    message: string,
    readonly partial: ActionResult[]
  ) {
    super(message)
  }
}

export class DemoRunner {
  private readonly docker: Docker
  private readonly demos: readonly Demo[]
  /** The values of the secrets this runner created, by secret name: only to look for them in docker inspect. */
  private readonly secretValues = new Map<string, string>()

  constructor(private readonly options: DemoRunnerOptions) {
    this.docker = options.docker
    this.demos = options.demos ?? DEMOS
  }

  find(demoId: string): Demo | undefined {
    return this.demos.find((demo) => demo.id === demoId)
  }

  naming(demoId: string): DemoNaming {
    return this.options.tag ? { demoId, tag: this.options.tag } : { demoId }
  }

  /** Runs step `index` (from 0). Step 0 first removes what an earlier run of this demo left. On failure, cleans the demo and throws. */
  async runStep(demoId: string, index: number, consent: RunConsent = {}): Promise<StepResult> {
    const demo = this.find(demoId)
    const step = demo?.steps[index]
    if (!demo || !step) throw new Error(`no step ${index + 1} in demo "${demoId}"`)
    const notes: string[] = []
    const say = (note: string): void => {
      notes.push(note)
      this.options.onNote?.(note)
    }
    if (index === 0) {
      const removed = await this.clean(demoId)
      if (removed > 0) say(`Removed ${removed} leftover${removed === 1 ? '' : 's'} of an earlier run.`)
    }
    await ensureDemoImage(this.docker, say)
    const results: ActionResult[] = []
    try {
      for (const action of step.actions) {
        const outcome = await this.perform(demoId, action, consent)
        results.push({ command: displayCommand(action, this.naming(demoId)), ...outcome })
      }
    } catch (error) {
      await this.clean(demoId)
      const message = error instanceof Error ? error.message : String(error)
      throw new DemoStepError(`step ${index + 1} of "${demoId}" failed: ${message} (the demo's containers were removed)`, results)
    }
    const execCodes = step.actions.flatMap((action, i) => (CHECKED_KINDS.has(action.kind) ? [results[i]?.exitCode ?? null] : []))
    const asExpected = step.expectFailure ? execCodes.length > 0 && execCodes.at(-1) !== 0 : execCodes.every((code) => code === 0)
    return { demoId, step: index, actions: results, containers: await this.containerIds(demoId), notes, asExpected }
  }

  /** Runs every step in order; the caller cleans up. */
  async runAll(demoId: string, onStep?: (result: StepResult) => void, consent: RunConsent = {}): Promise<StepResult[]> {
    const demo = this.find(demoId)
    if (!demo) throw new Error(`no demo named "${demoId}"`)
    const results: StepResult[] = []
    for (let i = 0; i < demo.steps.length; i++) {
      const result = await this.runStep(demoId, i, consent)
      results.push(result)
      onStep?.(result)
    }
    return results
  }

  /** Removes the containers, images, services and secrets this runner created for a demo (or for every demo), and a swarm it initialised; returns how many. */
  async clean(demoId?: string): Promise<number> {
    const label = demoId ? `${DEMO_LABEL}=${demoId}` : DEMO_LABEL
    const mine = (labels: Record<string, string> | null | undefined): boolean =>
      ownedByMe(labels) && (labels?.[DEMO_TAG_LABEL] ?? '') === (this.options.tag ?? '')
    for (const name of this.secretValues.keys()) if (!demoId || name.startsWith(`gh-${demoId}-`)) this.secretValues.delete(name)
    return removeLabelled(this.docker, label, mine, this.options.onNote)
  }

  /** Removes what demo runs of processes gone from this host left (a crash, a SIGKILL). */
  async sweepOrphans(): Promise<number> {
    return removeLabelled(this.docker, DEMO_LABEL, demoOwnerGone, this.options.onNote)
  }

  /** Container ids of a demo's roles that exist now. */
  async containerIds(demoId: string): Promise<Record<string, string>> {
    const list = await this.docker.listContainers({ all: true, filters: { label: [`${DEMO_LABEL}=${demoId}`] } })
    const byName = new Map(list.map((c) => [(c.Names[0] ?? '').replace(/^\//, ''), c.Id]))
    const ids: Record<string, string> = {}
    for (const step of this.find(demoId)?.steps ?? []) {
      for (const action of step.actions) {
        const id = action.kind === 'run' ? byName.get(containerName(this.naming(demoId), action.role)) : undefined
        if (action.kind === 'run' && id) ids[action.role] = id
        if (action.kind === 'service-create') {
          const task = await taskContainerOf(this.docker, containerName(this.naming(demoId), action.role)).catch(() => undefined)
          if (task) ids[action.role] = task
        }
      }
    }
    return ids
  }

  private labels(demoId: string): Record<string, string> {
    return { ...this.options.extraLabels, ...demoLabels(demoId), ...(this.options.tag ? { [DEMO_TAG_LABEL]: this.options.tag } : {}) }
  }

  private async perform(demoId: string, action: DemoAction, consent: RunConsent): Promise<Outcome> {
    const naming = this.naming(demoId)
    const name = (role: string): string => containerName(naming, role)
    const secret = (short: string): string => secretName(naming, short)
    switch (action.kind) {
      case 'run': {
        const container = await this.docker.createContainer(createOptions(action, naming, this.labels(demoId)))
        await container.start()
        return { exitCode: 0, output: `${container.id}\n` }
      }
      case 'exec':
        return execIn(this.docker, name(action.container), action.command)
      case 'wait':
        return waitFor(this.docker, name(action.container))
      case 'diff':
        return diffOf(this.docker, name(action.container))
      case 'commit':
        return commit(this.docker, name(action.container), committedImage(naming, action.tag), this.labels(demoId))
      case 'history':
        return historyOf(this.docker, action.tag === null ? DEMO_IMAGE : committedImage(naming, action.tag))
      case 'info':
        return securityOptions(this.docker)
      case 'swarm-init':
        return initSwarm(this.docker, this.labels(demoId), consent.swarmInit === true)
      case 'secret-create': {
        const { outcome, value } = await createSecret(this.docker, secret(action.secret), this.labels(demoId))
        this.secretValues.set(secret(action.secret), value)
        return outcome
      }
      case 'secret-inspect':
        return inspectSecret(this.docker, secret(action.secret))
      case 'service-create':
        return createService(this.docker, action, { service: name(action.role), secret }, this.labels(demoId))
      case 'task-exec':
        return execIn(this.docker, await taskContainerOf(this.docker, name(action.service)), action.command)
      case 'inspect-for-secret':
        return inspectForSecret(this.docker, name(action.service), this.secretValues.get(secret(action.secret)))
    }
  }
}

/**
 * Removes everything carrying `label` whose labels pass `which`: services (before their containers, which swarm
 * would restart), containers, images, secrets, and last the swarm when a demo initialised it and nothing runs in it.
 */
export async function removeLabelled(
  docker: Docker,
  label: string,
  which: (labels: Record<string, string>) => boolean = () => true,
  say: (note: string) => void = () => undefined
): Promise<number> {
  const services = await removeDemoServices(docker, label, which)
  const containers = (await docker.listContainers({ all: true, filters: { label: [label] } })).filter((c) => which(c.Labels))
  await Promise.all(containers.map((c) => ignoreGone(docker.getContainer(c.Id).remove({ force: true }))))
  const images = (await docker.listImages({ filters: { label: [label] } })).filter((i) => which(i.Labels ?? {}))
  for (const image of images) await ignoreGone(docker.getImage(image.Id).remove({ force: true }))
  const secrets = await removeDemoSecrets(docker, label, which)
  const left = await leaveDemoSwarm(docker, label, which)
  if (left) say('Left the swarm the demo had initialised.')
  return services + containers.length + images.length + secrets + (left ? 1 : 0)
}

async function ignoreGone(removal: Promise<unknown>): Promise<void> {
  try {
    await removal
  } catch (error) {
    // Gone already, or being removed by its owner at the same moment.
    if (![404, 409].includes((error as { statusCode?: number }).statusCode ?? 0)) throw error
  }
}
