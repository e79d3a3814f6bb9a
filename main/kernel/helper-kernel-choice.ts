// `--probe auto|local|helper`: which kernel source a command uses, and the sentence that tells the
// user how the kernel was read. auto takes the local probe only when it can read the engine's
// kernel (helper-same-kernel.ts), else a helper container.
import type Docker from 'dockerode'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { DEFAULT_ENGINE_TIMEOUT_MS } from '../engine/read-engine'
import type { ProbeRoots } from '../probe/types'
import { HELPER_IMAGE, HELPER_IMAGE_LABEL } from './helper-image'
import { HelperKernelSource } from './helper-source'
import { chooseProbe, type EngineFacts } from './helper-same-kernel'
import { helperSpec, dockerRunCommand } from './helper-spec'
import { InProcessKernelSource } from './in-process-source'
import type { KernelSource } from './kernel-source'

export const PROBE_CHOICES = ['auto', 'local', 'helper'] as const
export type ProbeOption = (typeof PROBE_CHOICES)[number]

export interface ChosenKernel {
  source: KernelSource
  readBy: { source: 'in-process' | 'helper'; reason: string }
  /** Starts another source like this one (a new helper container), for a live session whose helper was lost. */
  restart?: () => Promise<KernelSource>
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

export async function engineFacts(docker: Docker, host: string): Promise<EngineFacts> {
  // The same deadline the engine read uses: a daemon that accepts and never answers must not hang us.
  const calls: Docker.CallsWithOptions = docker
  const info: unknown = await calls.info({ abortSignal: AbortSignal.timeout(DEFAULT_ENGINE_TIMEOUT_MS) })
  return { host, info: info as EngineFacts['info'] }
}

export async function chooseKernel(options: {
  probe: ProbeOption
  roots: ProbeRoots
  /** null: the engine is not asked (then only the local probe can run). */
  engine: { docker: Docker; host: string } | null
  helperScript?: string
}): Promise<ChosenKernel> {
  const local = (reason: string): ChosenKernel => ({ source: new InProcessKernelSource(options.roots), readBy: { source: 'in-process', reason } })
  if (options.probe === 'local') return local('--probe local')
  if (!options.engine) {
    if (options.probe === 'helper') throw new Error('--probe helper needs the Docker daemon (it starts a container); drop --no-engine')
    return local('the engine is not asked')
  }
  if (options.probe === 'helper') {
    const facts = await engineFacts(options.engine.docker, options.engine.host)
    return helperChoice(options.engine.docker, facts, '--probe helper', options.helperScript)
  }
  // auto: never worse than the local probe alone. A daemon that does not answer, or a helper that
  // cannot start, leaves the local view, with the reason said.
  let facts: EngineFacts
  try {
    facts = await engineFacts(options.engine.docker, options.engine.host)
  } catch (error) {
    return local(`the engine did not answer: ${messageOf(error)}`)
  }
  const choice = chooseProbe(facts)
  if (choice.probe === 'local') return local(choice.reason)
  try {
    return await helperChoice(options.engine.docker, facts, choice.reason, options.helperScript)
  } catch (error) {
    return local(`${choice.reason}, but ${messageOf(error)}`)
  }
}

async function helperChoice(docker: Docker, facts: EngineFacts, reason: string, helperScript?: string): Promise<ChosenKernel> {
  const restart = (): Promise<KernelSource> => startHelper(docker, facts, helperScript)
  return { source: await restart(), readBy: { source: 'helper', reason }, restart }
}

function startHelper(docker: Docker, facts: EngineFacts, helperScript?: string): Promise<HelperKernelSource> {
  return HelperKernelSource.start(docker, { helperScript: helperScript ?? bundledHelperScript(), engine: facts })
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The `docker run` command equivalent to the helper this process would start. */
export function helperCommand(helperScript: string = bundledHelperScript()): string {
  return [
    `# the image, built once if missing (empty; everything the helper runs is bound in read-only):`,
    `#   tar cf - -T /dev/null | docker import -c 'LABEL ${HELPER_IMAGE_LABEL}=1' - ${HELPER_IMAGE}`,
    dockerRunCommand(helperSpec({ helperScript }))
  ].join('\n')
}

/** One line for the text summary. */
export function readByLine(readBy: ChosenKernel['readBy']): string {
  return readBy.source === 'helper'
    ? `kernel: read by a helper container (${readBy.reason})`
    : `kernel: read in-process by this process (${readBy.reason})`
}
