// The kernel read by a helper container next to the containers (issue 10): the same reports and
// ticks as the in-process source, carried as NDJSON over the helper's attach stream.
import type Docker from 'dockerode'
import type { History } from '../live/history'
import type { SamplerTarget } from '../live/sampler'
import { HelperContainer } from './helper-container'
import { ensureHelperImage } from './helper-image'
import { removeOrphanHelpers } from './helper-owner'
import type { HelperMessage } from './helper-protocol'
import { imageHasNode, planHelperImage, type HelperImagePlan } from './helper-image-choice'
import { ensurePulled, HelperImageConsentError, type PullConsent } from './helper-image-pull'
import { otherKernelReason, type EngineFacts } from './helper-same-kernel'
import { helperSpec, type HelperSpec } from './helper-spec'
import type { KernelReport, KernelRequest, KernelSampler, KernelSource } from './kernel-source'
import type { KernelLogReading } from './kmsg-reader'

export class HelperStartError extends Error {}

export interface HelperSourceOptions {
  /** The bundled helper script (out/main/helper.js). */
  helperScript: string
  /** The daemon's address and `docker info`: the local-binds image needs a daemon on this host. */
  engine: EngineFacts
  /** --helper-image / GLASSHOUSE_HELPER_IMAGE: used as-is (it must have `node` on its PATH). */
  configuredImage?: string
  /** Whether a missing image (configured, or the pinned Node image for another kernel) may be pulled. */
  pull?: PullConsent
  spec?: Partial<HelperSpec>
}

export class HelperKernelSource implements KernelSource {
  readonly kind = 'helper'
  private nextId = 1
  private pending = new Map<number, { resolve: (report: KernelReport) => void; reject: (error: Error) => void }>()
  private stopped: string | null = null

  private constructor(
    readonly helper: HelperContainer,
    /** The daemon and the container's settings: the short-lived seccomp helper starts beside it (seccomp-helper-read.ts). */
    readonly docker: Docker,
    readonly spec: HelperSpec
  ) {
    helper.onMessage((message) => this.receive(message))
    helper.onExit((reason) => {
      this.stopped = reason
      for (const { reject } of this.pending.values()) reject(new Error(reason))
      this.pending.clear()
    })
  }

  /** Removes helpers left by crashed apps, builds the empty image if needed, starts one helper. */
  static async start(docker: Docker, options: HelperSourceOptions): Promise<HelperKernelSource> {
    const plan = planHelperImage({ configured: options.configuredImage, otherKernel: otherKernelReason(options.engine) })
    const spec = { ...helperSpecFor(plan, options.helperScript), ...options.spec }
    try {
      await removeOrphanHelpers(docker)
      if (plan.kind === 'local-binds') await ensureHelperImage(docker)
      else await ensurePulled(docker, plan.image, options.pull ?? { allowed: false })
      return new HelperKernelSource(await HelperContainer.start(docker, spec), docker, spec)
    } catch (error) {
      // Without consent the message is the whole story (image, digest, the flag to allow it).
      if (error instanceof HelperImageConsentError) throw error
      throw new HelperStartError(`cannot start the helper container: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  report(request: KernelRequest): Promise<KernelReport> {
    if (this.stopped) return Promise.reject(new Error(this.stopped))
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.helper.send({ op: 'report', id, request })
    })
  }

  /** The kernel log's kills now, for the live OOM event: a report of no container that reads the log (rare: one per OOM event). */
  async kernelLog(): Promise<KernelLogReading> {
    return (await this.report({ containers: [], engineSawKill: true })).kernelLog ?? { kills: [], problem: null, overwritten: false }
  }

  sampler(options: { history: History }): KernelSampler {
    let unsubscribe: (() => void) | null = null
    return {
      setTargets: (targets: readonly SamplerTarget[], limitsChanged?: readonly string[]) =>
        this.helper.send({ op: 'targets', targets: [...targets], limitsChanged: limitsChanged && [...limitsChanged] }),
      start: (intervalMs, onTick) => {
        unsubscribe?.()
        // The helper's sampler records into a scratch history; this side records what arrives.
        unsubscribe = this.helper.onMessage((message) => {
          if (message.type !== 'tick') return
          options.history.record(Date.parse(message.tick.sample.at), message.tick.sample.containers, [])
          onTick(message.tick)
        })
        this.helper.send({ op: 'start', intervalMs })
      },
      stop: () => {
        unsubscribe?.()
        unsubscribe = null
        if (!this.stopped) this.helper.send({ op: 'stop' })
      }
    }
  }

  onLost(listener: (reason: string) => void): () => void {
    return this.helper.onExit(listener)
  }

  close(): Promise<void> {
    return this.helper.close()
  }

  private receive(message: HelperMessage): void {
    if (message.type !== 'report' && message.type !== 'error') return
    if (message.id === null) return
    const waiting = this.pending.get(message.id)
    if (!waiting) return
    this.pending.delete(message.id)
    if (message.type === 'report') waiting.resolve(message.report)
    else waiting.reject(new Error(`the helper could not read the kernel: ${message.message}`))
  }
}

/** The container for an image plan: the image's own Node, or this host's bound into the empty image. */
export function helperSpecFor(plan: HelperImagePlan, helperScript: string): HelperSpec {
  return helperSpec({ helperScript, ...(imageHasNode(plan) ? { imageWithNode: plan.image } : {}) })
}
