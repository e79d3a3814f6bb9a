// `--print-helper-command`: the helper's `docker run` command with the image it would use: the configured
// one, else the one for where the daemon runs (asked; when it does not answer, the command for a daemon
// on this host, said so). Loaded only when asked for.
import type Docker from 'dockerode'
import { helperCommand } from '../kernel/helper-command'
import { planHelperImage } from '../kernel/helper-image-choice'
import { engineFacts, type HelperImageOptions } from '../kernel/helper-kernel-choice'
import { otherKernelReason } from '../kernel/helper-same-kernel'

export async function chosenHelperCommand(image: HelperImageOptions, engine: { docker: Docker; origin: { host: string } } | null): Promise<string> {
  if (image.configuredImage) return helperCommand(planHelperImage({ configured: image.configuredImage, otherKernel: null }))
  if (!engine) return helperCommand()
  try {
    const facts = await engineFacts(engine.docker, engine.origin.host)
    return helperCommand(planHelperImage({ otherKernel: otherKernelReason(facts) }))
  } catch (error) {
    return `# the daemon did not answer (${error instanceof Error ? error.message : String(error)}): the command for a daemon on this host\n${helperCommand()}`
  }
}
