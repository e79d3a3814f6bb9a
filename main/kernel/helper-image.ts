// The helper's image (b) of issue 10: empty, built locally on first use by importing an empty tar.
// No registry is asked; everything the helper runs is bound in from this host (helper-binds.ts).
import type Docker from 'dockerode'
import { Readable } from 'node:stream'

export const HELPER_IMAGE = 'glasshouse-helper:empty'
export const HELPER_IMAGE_LABEL = 'glasshouse.helper-image'

export async function ensureHelperImage(docker: Docker): Promise<string> {
  try {
    await docker.getImage(HELPER_IMAGE).inspect()
    return HELPER_IMAGE
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error
  }
  // An empty tar is its end marker alone: zero blocks (tar writes 10240 bytes, one record).
  const emptyTar = Readable.from([Buffer.alloc(10240)])
  const progress = (await docker.importImage(emptyTar, {
    repo: 'glasshouse-helper',
    tag: 'empty',
    changes: `LABEL ${HELPER_IMAGE_LABEL}=1`
  } as never)) as unknown as NodeJS.ReadableStream
  // The daemon answers with a JSON progress stream; an error arrives inside it, not as a status.
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(progress, (error: Error | null, output: Array<{ error?: string }>) => {
      const failed = error?.message ?? output.find((o) => o.error)?.error
      if (failed) reject(new Error(`could not build the empty helper image ${HELPER_IMAGE}: ${failed}`))
      else resolve()
    })
  })
  return HELPER_IMAGE
}
