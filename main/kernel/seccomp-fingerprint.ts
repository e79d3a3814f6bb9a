// A chain's identity: sha256 over each filter's instruction bytes, length-prefixed so that two filters
// cannot read as one. Containers with identical chains are decoded once.
import { createHash } from 'node:crypto'

export function fingerprintChain(filters: readonly Uint8Array[]): string {
  if (filters.length === 0) return 'none'
  const hash = createHash('sha256')
  if (filters.length === 1) return hash.update(filters[0] as Uint8Array).digest('hex')
  for (const filter of filters) {
    const length = Buffer.alloc(4)
    length.writeUInt32LE(filter.length / 8)
    hash.update(length).update(filter)
  }
  return hash.digest('hex')
}
