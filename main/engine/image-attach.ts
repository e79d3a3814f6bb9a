// Each container's image details, reading each distinct image once per engine read.
import type { EngineReads } from './engine-reads'
import type { EngineContainer } from './types'
import { imageReference, readImage } from './image-read'

/** Parallel image reads: few distinct images on a host, each two quick calls. */
const IMAGE_CONCURRENCY = 4

export async function attachImageDetails(
  docker: EngineReads,
  containers: EngineContainer[],
  signal: AbortSignal,
  failure: (error: unknown, what: string) => string
): Promise<void> {
  const ids = [...new Set(containers.map((c) => c.declaredExtra?.imageId ?? '').filter((id) => id !== ''))]
  const readings = new Map<string, Awaited<ReturnType<typeof readImage>>>()
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const id = ids[next++] as string
      readings.set(id, await readImage(docker, id, signal))
    }
  }
  await Promise.all(Array.from({ length: Math.min(IMAGE_CONCURRENCY, ids.length) }, worker))
  for (const c of containers) {
    const id = c.declaredExtra?.imageId ?? ''
    const reading = readings.get(id)
    if (!reading) continue
    if ('details' in reading) {
      c.imageDetails = { ...reading.details, reference: imageReference(c.declaredExtra?.imageRef ?? c.image) }
    } else {
      c.imageDetails = null
      c.imageProblem = { field: 'imageDetails', reason: 'unavailable', message: failure(reading.error, `GET /images/${id.replace(/^sha256:/, '').slice(0, 12)}/json and /history`) }
    }
  }
}
