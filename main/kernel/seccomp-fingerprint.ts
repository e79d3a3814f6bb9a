// Two identities of a chain. The bytes: sha256 over each filter's instructions, length-prefixed so that
// two filters cannot read as one; identical bytes are decoded once. The behaviour: sha256 of the decoded
// verdicts. runc renders the same profile with its per-architecture prologue in varying order (a Go map),
// so two containers with Docker's default profile can differ in bytes and still behave identically.
import { createHash } from 'node:crypto'
import type { ChainDecoding } from '../../shared/seccomp/verdict'

export function behaviourFingerprint(decoded: ChainDecoding): string {
  return createHash('sha256').update(JSON.stringify({ unknownArch: decoded.unknownArch, abis: decoded.abis })).digest('hex')
}

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
