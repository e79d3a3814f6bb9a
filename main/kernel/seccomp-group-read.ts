// The ptrace half of reading containers' filters: for each group of processes (same Seccomp line), read
// one process, the next if it exited meanwhile (at most three tries). Runs where the reader has the
// capabilities: in this process as root, or in the short-lived seccomp helper container
// (seccomp-helper-read.ts). Raw bytes only; fingerprinting and decoding happen on the app's side.
import type { FilterReadReason, ProcessFilterRead } from '../../shared/seccomp/read-result'
import { readSeccompFilters, readerObstacle, type SeccompReadOptions } from './seccomp-read'

export interface GroupRead {
  /** The processes this read stands for; the read process is result.pid. */
  standsFor: number[]
  result: ProcessFilterRead
}

/** Reads of every group in order, or why nothing can be read here (checked before stopping anybody). */
export type GroupReads = { obstacle: FilterReadReason; reads: null } | { obstacle: null; reads: GroupRead[] }

export function readGroups(groups: readonly number[][], options: SeccompReadOptions = {}): GroupReads {
  const obstacle = readerObstacle(options.procRoot)
  if (obstacle !== null) return { obstacle, reads: null }
  return { obstacle: null, reads: groups.map((group) => readGroup(group, options)) }
}

function readGroup(group: number[], options: SeccompReadOptions): GroupRead {
  let result: ProcessFilterRead | undefined
  for (const pid of group.slice(0, 3)) {
    result = readSeccompFilters(pid, options)
    if (result.ok || result.reason !== 'exited') break
  }
  return { standsFor: group, result: result ?? { ok: false, pid: 0, reason: 'exited', detail: 'no process left in the group', stoppedMs: 0 } }
}
