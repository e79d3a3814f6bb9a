// What the kernel does for one system call under a filter chain: one action, or several depending on
// the arguments, each with the conditions recovered by path exploration.
import type { SeccompAction } from './actions'

export type SyscallVerdict =
  | { kind: 'fixed'; action: SeccompAction }
  | { kind: 'depends'; cases: VerdictCase[]; truncated?: boolean }

export interface VerdictCase {
  /** null when the returned value itself is computed from the arguments. */
  action: SeccompAction | null
  /** One entry per path reaching this action; each entry is a conjunction of conditions. */
  when: string[][]
}

export interface SyscallEntry {
  nr: number
  name: string
  verdict: SyscallVerdict
}

export interface AbiDecoding {
  abi: 'x86_64' | 'x32' | 'i386' | 'aarch64'
  arch: number
  /** false when every call of this ABI gets the denial an unknown architecture gets: the filter rejects the ABI as a whole. */
  accepted: boolean
  syscalls: SyscallEntry[]
  /** A number in no table (1000 plus the ABI's bias): what calls newer than the filter get. */
  unlisted: SyscallVerdict
}

export interface ChainDecoding {
  /** Instruction count of each filter, index 0 = oldest. */
  filterLengths: number[]
  /** What a call from an architecture the filter does not name gets. */
  unknownArch: SyscallVerdict
  abis: AbiDecoding[]
}
