// `--probe auto|local|helper`: which kernel source a command uses, and the sentence that tells the
// user how the kernel was read. auto takes the local probe only when it can read the engine's
// kernel (helper-same-kernel.ts), else a helper container.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { KernelReadBy } from '../../shared/model'
import { dockerodeOf, type EngineReads } from '../engine/engine-reads'
import { askInfo, type InfoAnswer } from '../engine/engine-info'
import { DEFAULT_ENGINE_TIMEOUT_MS } from '../engine/read-engine'
import type { ProbeRoots } from '../probe/types'
import type { HelperKernelSource } from './helper-source'
import { HelperImageConsentError, type PullConsent } from './helper-image-pull'
import { chooseProbe, kernelPlace, type EngineFacts } from './helper-same-kernel'
import { InProcessKernelSource } from './in-process-source'
import type { KernelSource } from './kernel-source'

export const PROBE_CHOICES = ['auto', 'local', 'helper'] as const
export type ProbeOption = (typeof PROBE_CHOICES)[number]

export interface ChosenKernel {
  source: KernelSource
  readBy: KernelReadBy
  /** Starts another source like this one (a new helper container), for a live session whose helper was lost. */
  restart?: () => Promise<KernelSource>
  /** The daemon's answer to GET /info, asked once here: the first engine read takes it (read-engine.ts). */
  engineInfo?: Promise<InfoAnswer>
}

/** How a helper's image is chosen and fetched (issue 10 item 3). */
export interface HelperImageOptions {
  /** --helper-image or GLASSHOUSE_HELPER_IMAGE. */
  configuredImage?: string
  /** --pull-helper-image, or the app's consent; with progress lines. */
  pull?: PullConsent
}

/**
 * The bundled helper script, next to the bundle that runs (out/main/helper.js); a command loaded
 * from out/main/chunks/ finds it one folder up. In the packaged app the code runs from app.asar, which
 * the daemon cannot bind: the helper is taken from app.asar.unpacked (electron-builder.yml asarUnpack).
 */
export function bundledHelperScript(dir: string = __dirname): string {
  const outside = outsideAsar(dir)
  const candidates = [join(outside, 'helper.js'), join(outside, '..', 'helper.js')]
  const found = candidates.find((path) => existsSync(path))
  if (!found) throw new Error(`the helper script is not built (looked for ${candidates.join(', ')}): run npm run build`)
  return found
}

/** The same path with an app.asar folder replaced by its unpacked twin (files electron-builder kept outside). */
export function outsideAsar(path: string): string {
  return path.replace(/([\\/])app\.asar(?=[\\/]|$)/, '$1app.asar.unpacked')
}

/** The daemon's address and its /info answer, or why it did not answer. */
export async function engineFacts(docker: EngineReads, host: string, info?: Promise<InfoAnswer>): Promise<EngineFacts> {
  // The same deadline the engine read uses: a daemon that accepts and never answers must not hang us.
  const answer = await (info ?? askInfo(docker, DEFAULT_ENGINE_TIMEOUT_MS))
  if (!answer.ok) throw new Error(answer.error)
  return { host, info: answer.info as EngineFacts['info'] }
}

export async function chooseKernel(options: {
  probe: ProbeOption
  roots: ProbeRoots
  /** null: the engine is not asked (then only the local probe can run). */
  engine: { docker: EngineReads; host: string } | null
  helperScript?: string
  image?: HelperImageOptions
}): Promise<ChosenKernel> {
  const local = (reason: string, engineInfo?: Promise<InfoAnswer>): ChosenKernel => ({
    source: new InProcessKernelSource(options.roots),
    readBy: { source: 'in-process', reason },
    ...(engineInfo ? { engineInfo } : {})
  })
  if (options.probe === 'local') return local('--probe local')
  if (!options.engine) {
    if (options.probe === 'helper') throw new Error('--probe helper needs the Docker daemon (it starts a container); drop --no-engine')
    return local('the engine is not asked')
  }
  const { docker, host } = options.engine
  // Asked once: the first engine read takes this answer (or this failure) instead of waiting again.
  const info = askInfo(docker, DEFAULT_ENGINE_TIMEOUT_MS)
  const helper = async (facts: EngineFacts, reason: string): Promise<ChosenKernel> => {
    const restart = (): Promise<KernelSource> => startHelper(docker, facts, options)
    return { source: await restart(), readBy: { source: 'helper', reason, place: kernelPlace(facts) }, restart, engineInfo: info }
  }
  if (options.probe === 'helper') return helper(await engineFacts(docker, host, info), '--probe helper')
  // auto: never worse than the local probe alone. A daemon that does not answer, or a helper that
  // cannot start, leaves the local view, with the reason said.
  let facts: EngineFacts
  try {
    facts = await engineFacts(docker, host, info)
  } catch (error) {
    return local(`the engine did not answer: ${messageOf(error)}`, info)
  }
  const choice = chooseProbe(facts)
  if (choice.probe === 'local') return local(choice.reason, info)
  try {
    return await helper(facts, choice.reason)
  } catch (error) {
    // A pull the user has not allowed is theirs to decide: said, not silently replaced by a partial view.
    if (error instanceof HelperImageConsentError) throw error
    return local(`${choice.reason}, but ${messageOf(error)}`, info)
  }
}

// The helper's code (and the readline, child_process and crypto it needs) is loaded only when one starts:
// a snapshot read in-process never does (BENCHMARKS.md, a snapshot's cost).
async function startHelper(reads: EngineReads, facts: EngineFacts, options: { helperScript?: string; image?: HelperImageOptions }): Promise<HelperKernelSource> {
  const [{ HelperKernelSource }, docker] = await Promise.all([import('./helper-source'), dockerodeOf(reads)])
  return HelperKernelSource.start(docker, {
    helperScript: options.helperScript ?? bundledHelperScript(),
    engine: facts,
    ...(options.image?.configuredImage ? { configuredImage: options.image.configuredImage } : {}),
    ...(options.image?.pull ? { pull: options.image.pull } : {})
  })
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** One line for the text summary. */
export function readByLine(readBy: KernelReadBy): string {
  const place = readBy.place ? `${readBy.place}, ` : ''
  return readBy.source === 'helper'
    ? `kernel: ${place}read by a helper container (${readBy.reason})`
    : `kernel: ${place}read in-process by this process (${readBy.reason})`
}
