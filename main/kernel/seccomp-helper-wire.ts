// GroupReads as JSON for the helper's NDJSON stream: the filter bytes travel as base64, everything
// else as it is. Both ends import this; Node's own modules only (the helper bundle has no dependencies).
import type { ProcessFilterRead } from '../../shared/seccomp/read-result'
import type { GroupRead, GroupReads } from './seccomp-group-read'

type WireResult = Exclude<ProcessFilterRead, { ok: true }> | (Omit<Extract<ProcessFilterRead, { ok: true }>, 'filters'> & { filters: string[] })
export type WireGroupReads = { obstacle: GroupReads['obstacle']; reads: Array<{ standsFor: number[]; result: WireResult }> | null }

export function toWire(reads: GroupReads): WireGroupReads {
  return {
    obstacle: reads.obstacle,
    reads:
      reads.reads?.map((r) => ({
        standsFor: r.standsFor,
        result: r.result.ok ? { ...r.result, filters: r.result.filters.map((f) => Buffer.from(f).toString('base64')) } : r.result
      })) ?? null
  }
}

export function fromWire(wire: WireGroupReads): GroupReads {
  if (wire.obstacle !== null || wire.reads === null) return { obstacle: wire.obstacle ?? 'error', reads: null }
  const reads: GroupRead[] = wire.reads.map((r) => ({
    standsFor: r.standsFor,
    result: r.result.ok ? { ...r.result, filters: r.result.filters.map((f) => new Uint8Array(Buffer.from(f, 'base64'))) } : r.result
  }))
  return { obstacle: null, reads }
}
