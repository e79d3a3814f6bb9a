// What a container's image is made of, for people: the build steps newest first with their size and
// age, which steps wrote a layer (matched to RootFS digests when the count allows it), the total, and
// what can honestly be said about content trust (enforced by the docker client, unknown to the daemon).
import type { ContainerChange, ContainerChanges, ContainerInfo, ImageDetails, ImageHistoryStep, KernelMount } from '../model'

export interface ImageStepRow {
  /** The instruction without the `/bin/sh -c #(nop)` prefix the legacy builder writes. */
  instruction: string
  sizeBytes: number
  createdAt: string | null
  /** The RootFS layer digest this step wrote; null for metadata steps or when steps and layers cannot be matched. */
  layer: string | null
  metadataOnly: boolean
  id: string | null
}

export interface ImageSummary {
  details: ImageDetails
  steps: ImageStepRow[]
  /** Sum of the steps' sizes: equals details.sizeBytes for an image whose whole history is local. */
  historyBytes: number
  /** Whether each layer digest could be tied to a step. */
  layersMatched: boolean
  trust: { verdict: 'pinned' | 'tag' | 'local'; sentence: string }
}

export function imageSummary(c: ContainerInfo): ImageSummary | null {
  const details = c.imageDetails
  if (!details) return null
  const oldestFirst = [...details.history].reverse()
  const writes = oldestFirst.map(writesLayer)
  const writers = writes.filter(Boolean).length
  const bySize = oldestFirst.map((s) => s.sizeBytes > 0)
  // Steps that wrote a layer, bottom up, pair with RootFS.Layers when the counts agree.
  const pick = writers === details.layers.length ? writes : bySize.filter(Boolean).length === details.layers.length ? bySize : null
  let layerIndex = 0
  const stepsOldestFirst = oldestFirst.map((s, i): ImageStepRow => {
    const layer = pick?.[i] ? (details.layers[layerIndex++] ?? null) : null
    return { instruction: instruction(s), sizeBytes: s.sizeBytes, createdAt: s.createdAt, layer, metadataOnly: !writes[i], id: s.id }
  })
  return {
    details,
    steps: stepsOldestFirst.reverse(),
    historyBytes: details.history.reduce((sum, s) => sum + s.sizeBytes, 0),
    layersMatched: pick !== null,
    trust: trustOf(details)
  }
}

/** The legacy builder marks steps that only change metadata with #(nop); BuildKit leaves them at size 0. */
function writesLayer(step: ImageHistoryStep): boolean {
  if (step.createdBy.includes('#(nop)')) return false
  if (step.comment.startsWith('buildkit') && step.sizeBytes === 0 && !/^(RUN|COPY|ADD)\b/.test(step.createdBy)) return false
  return true
}

export function instruction(step: ImageHistoryStep): string {
  const text = step.createdBy.replace(/^\/bin\/sh -c #\(nop\)\s+/, '').replace(/^\/bin\/sh -c /, 'RUN ').trim()
  if (text !== '') return text
  return step.comment || '(not recorded)'
}

function trustOf(d: ImageDetails): ImageSummary['trust'] {
  if (d.reference.byDigest) {
    return {
      verdict: 'pinned',
      sentence: `Created from a digest (${d.reference.text}): the image is pinned. The docker client does this under DOCKER_CONTENT_TRUST=1 after checking the tag's signature; a digest may also be typed by hand, so this shows pinning, not that a signature was checked.`
    }
  }
  if (d.repoDigests.length === 0) {
    return {
      verdict: 'local',
      sentence: 'Built or imported on this host: it has no registry digest, so content trust (signatures on images pulled from a registry) did not take part.'
    }
  }
  return {
    verdict: 'tag',
    sentence: `Created from a tag (${d.reference.text}), not a digest: content trust was not in force when it was created (the docker client would have replaced the tag with the signed digest). The daemon keeps no other record of it.`
  }
}

export interface ChangeRow extends ContainerChange {
  /** An empty file or directory runc made in the writable layer to mount something on (or a directory above one). */
  forMount: boolean
}

export interface ChangeCounts {
  added: number
  modified: number
  deleted: number
  /** Bytes of the added and modified files whose size could be read. */
  bytes: number
  /** Mount points runc created: changes of Docker's, not of the container's programs. */
  mountPoints: number
}

export function changeRows(changes: ContainerChanges, mounts: readonly KernelMount[] | null): ChangeRow[] {
  const points = (mounts ?? []).map((m) => m.mountPoint).filter((p) => p !== '/')
  return changes.changes.map((c) => ({
    ...c,
    forMount: c.kind === 'added' && points.some((p) => p === c.path || p.startsWith(c.path + '/')) && (c.sizeBytes ?? 0) === 0
  }))
}

export function changeCounts(rows: readonly ChangeRow[]): ChangeCounts {
  const counts: ChangeCounts = { added: 0, modified: 0, deleted: 0, bytes: 0, mountPoints: 0 }
  for (const c of rows) {
    if (c.forMount) {
      counts.mountPoints++
      continue
    }
    counts[c.kind]++
    counts.bytes += c.sizeBytes ?? 0
  }
  return counts
}
