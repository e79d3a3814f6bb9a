// What an image is made of: GET /images/{id}/json (tags, digests, size, RootFS layers) and
// GET /images/{id}/history (the build steps docker history lists). History is immutable for an
// image id, so it is kept between reads; the inspect is asked again (tags move).
import type { EngineReads } from './engine-reads'
import type { ImageDetails, ImageHistoryStep } from '../../shared/model'
import { engineGet } from './swarm-get'

/** Image ids are content addresses: their history never changes. Bounded, oldest dropped first. */
const historyCache = new Map<string, ImageHistoryStep[]>()
const HISTORY_CACHE_LIMIT = 200

export type ImageReading = { details: Omit<ImageDetails, 'reference'> } | { error: unknown }

export async function readImage(docker: EngineReads, imageId: string, signal: AbortSignal): Promise<ImageReading> {
  try {
    const path = `/images/${imageId}`
    const [inspect, history] = await Promise.all([
      engineGet(docker, `${path}/json`, signal),
      historyCache.get(imageId) ?? engineGet(docker, `${path}/history`, signal).then(historySteps)
    ])
    if (!isRecord(inspect) || typeof inspect.Id !== 'string') return { error: new Error(`GET /images/${imageId.slice(7, 19)}/json did not answer with an image`) }
    remember(imageId, history)
    const rootFs = isRecord(inspect.RootFS) ? inspect.RootFS : {}
    return {
      details: {
        id: inspect.Id,
        tags: strings(inspect.RepoTags),
        repoDigests: strings(inspect.RepoDigests),
        sizeBytes: typeof inspect.Size === 'number' ? inspect.Size : 0,
        createdAt: typeof inspect.Created === 'string' ? inspect.Created : null,
        layers: strings(rootFs.Layers),
        history
      }
    }
  } catch (error) {
    return { error }
  }
}

/** The history answer, checked; Created is in unix seconds, Id is `<missing>` for steps built elsewhere. */
export function historySteps(answer: unknown): ImageHistoryStep[] {
  if (!Array.isArray(answer)) throw new Error('GET /images/{id}/history did not answer with a list')
  return answer.filter(isRecord).map((step) => ({
    id: typeof step.Id === 'string' && step.Id.startsWith('sha256:') ? step.Id : null,
    createdAt: typeof step.Created === 'number' && step.Created > 0 ? new Date(step.Created * 1000).toISOString() : null,
    createdBy: typeof step.CreatedBy === 'string' ? step.CreatedBy : '',
    sizeBytes: typeof step.Size === 'number' ? step.Size : 0,
    comment: typeof step.Comment === 'string' ? step.Comment : '',
    tags: strings(step.Tags)
  }))
}

/** Whether the container named its image by digest (name@sha256:…), as the docker CLI does under content trust. */
export function imageReference(text: string): ImageDetails['reference'] {
  return { text, byDigest: /@sha256:[0-9a-f]{64}$/.test(text) }
}

function remember(imageId: string, history: ImageHistoryStep[]): void {
  historyCache.delete(imageId)
  historyCache.set(imageId, history)
  if (historyCache.size > HISTORY_CACHE_LIMIT) historyCache.delete(historyCache.keys().next().value as string)
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
