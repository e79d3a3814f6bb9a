// A helper image that is not on the daemon is pulled only with the user's consent (--pull-helper-image
// on the command line, a prompt in the app), its progress said as it goes. Without consent the user
// is told which image, its digest, and how to allow it: nothing is fetched behind their back.
import type Docker from 'dockerode'
import { imageDigest } from './helper-node-image'
import { PullProgress, type PullMessage } from './pull-progress'

export interface PullConsent {
  /** The user allowed pulling the helper image. */
  allowed: boolean
  /** Progress lines while pulling (stderr in the CLI, progress messages in the app). */
  onProgress?: (line: string) => void
}

/** The image is missing and the user has not allowed pulling it. */
export class HelperImageConsentError extends Error {
  constructor(readonly image: string) {
    super(consentMessage(image))
  }
}

export function consentMessage(image: string): string {
  const digest = imageDigest(image)
  return (
    `the helper image ${image.replace(/@sha256:[0-9a-f]{64}$/, '')}${digest ? ` (digest ${digest})` : ''} is not on the daemon, and ` +
    `Glasshouse pulls it only when allowed: run again with --pull-helper-image (or pull it yourself: docker pull ${image})`
  )
}

export async function imagePresent(docker: Docker, image: string): Promise<boolean> {
  try {
    await docker.getImage(image).inspect()
    return true
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false
    throw error
  }
}

/** Resolves when the image is on the daemon: present, or pulled with consent. */
export async function ensurePulled(docker: Docker, image: string, consent: PullConsent): Promise<void> {
  if (await imagePresent(docker, image)) return
  if (!consent.allowed) throw new HelperImageConsentError(image)
  await pullImage(docker, image, consent.onProgress ?? (() => undefined))
}

export async function pullImage(docker: Docker, image: string, onProgress: (line: string) => void): Promise<void> {
  onProgress(`pulling the helper image ${image}`)
  let stream: NodeJS.ReadableStream
  try {
    stream = (await docker.pull(image)) as NodeJS.ReadableStream
  } catch (error) {
    throw new Error(`could not pull the helper image ${image}: ${pullFailure(error)}`)
  }
  const progress = new PullProgress()
  await new Promise<void>((resolve, reject) => {
    let failed: string | null = null
    docker.modem.followProgress(
      stream,
      (error: Error | null) => {
        const reason = failed ?? error?.message
        if (reason) reject(new Error(`could not pull the helper image ${image}: ${reason}`))
        else resolve()
      },
      (message: PullMessage) => {
        if (failed) return
        try {
          for (const line of progress.offer(message)) onProgress(line)
        } catch (error) {
          failed = (error as Error).message
        }
      }
    )
  })
}

/** The daemon's own message for a refused pull (HTTP 404/500 with a JSON body), else the error's. */
function pullFailure(error: unknown): string {
  const json = (error as { json?: { message?: string } }).json
  return json?.message ?? (error instanceof Error ? error.message : String(error))
}
