// The daemon's pull progress (the JSON messages of POST /images/create, one per layer event) put into
// a few lines a person can follow: what is pulled, bytes downloaded across layers in 10 % steps, each
// layer finished, and the daemon's last word. A message carrying `error` ends the pull.

export interface PullMessage {
  status?: string
  id?: string
  progressDetail?: { current?: number; total?: number }
  error?: string
  errorDetail?: { message?: string }
}

interface Layer {
  current: number
  total: number
  done: boolean
}

/** Layer statuses that say nothing new on their own (their bytes are summed instead). */
const QUIET = new Set(['Waiting', 'Downloading', 'Extracting', 'Verifying Checksum', 'Download complete', 'Pulling fs layer'])
const DONE = new Set(['Pull complete', 'Already exists'])

export class PullProgress {
  private readonly layers = new Map<string, Layer>()
  private lastStep = -1

  /** The lines this message adds (often none); throws the daemon's error. */
  offer(message: PullMessage): string[] {
    const failed = message.errorDetail?.message ?? message.error
    if (failed) throw new Error(failed)
    const status = message.status ?? ''
    const id = message.id
    if (!id || !this.isLayerStatus(status)) return status ? [status] : []
    const layer = this.layers.get(id) ?? { current: 0, total: 0, done: false }
    this.layers.set(id, layer)
    if (status === 'Downloading' && message.progressDetail) {
      layer.current = message.progressDetail.current ?? layer.current
      layer.total = message.progressDetail.total ?? layer.total
      return this.downloadStep()
    }
    if (DONE.has(status) && !layer.done) {
      layer.done = true
      if (layer.total > 0) layer.current = layer.total
      const done = [...this.layers.values()].filter((l) => l.done).length
      return [`layer ${id} ${status === 'Already exists' ? 'already here' : 'done'} (${done} of ${this.layers.size})`]
    }
    return QUIET.has(status) ? [] : [`layer ${id}: ${status}`]
  }

  /** Messages with an id are about a layer, but for "Pulling from <repo>", whose id is the tag. */
  private isLayerStatus(status: string): boolean {
    return !status.startsWith('Pulling from')
  }

  private downloadStep(): string[] {
    let current = 0
    let total = 0
    for (const layer of this.layers.values()) {
      current += layer.current
      total += layer.total
    }
    if (total === 0) return []
    const step = Math.floor((current / total) * 10)
    if (step <= this.lastStep) return []
    this.lastStep = step
    return [`downloaded ${megabytes(current)} of ${megabytes(total)} MB so far (${step * 10} %)`]
  }
}

function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(1)
}
