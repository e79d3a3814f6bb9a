// Decodes a chain of seccomp filters (index 0 = oldest, as PTRACE_SECCOMP_GET_FILTER numbers them) into a
// verdict per system call of every ABI table. Each filter is explored on its own; paths of different filters
// are joined when their conditions can hold together, and the kernel's precedence picks the action.
import { actionRank, combineActions, decodeAction, formatAction } from './actions'
import type { BpfInsn } from './bpf-insn'
import { explore, type ExplorePath } from './bpf-explore'
import { formatConditions } from './format-conditions'
import { AUDIT_ARCH, X32_SYSCALL_BIT } from './seccomp-data'
import { findWitness, type FieldTest } from './sym-tests'
import { SYSCALL_TABLES } from './syscall-tables'
import type { AbiDecoding, ChainDecoding, SyscallVerdict, VerdictCase } from './verdict'

const ABIS: { abi: AbiDecoding['abi']; arch: number; bias: number }[] = [
  { abi: 'x86_64', arch: AUDIT_ARCH.X86_64, bias: 0 },
  { abi: 'x32', arch: AUDIT_ARCH.X86_64, bias: X32_SYSCALL_BIT },
  { abi: 'i386', arch: AUDIT_ARCH.I386, bias: 0 },
  { abi: 'aarch64', arch: AUDIT_ARCH.AARCH64, bias: 0 }
]
/** An AUDIT_ARCH value no kernel uses, to learn a filter's answer for foreign architectures. */
const UNKNOWN_ARCH = 0x7eadbeef
const UNLISTED_NR = 1000
const JOIN_LIMIT = 4096

/** Paths of the whole chain for one call: the cross product of each filter's paths that can hold together. */
export function chainPaths(filters: readonly (readonly BpfInsn[])[], nr: number, arch: number): { paths: ExplorePath[]; truncated: boolean } {
  let truncated = false
  let joined: ExplorePath[] | null = null
  // Newest filter first: among equal actions its data (errno) is the one the kernel keeps.
  for (const filter of [...filters].reverse()) {
    const result = explore(filter, nr, arch)
    truncated ||= result.truncated
    if (joined === null) {
      joined = result.paths
      continue
    }
    const next: ExplorePath[] = []
    for (const left of joined) {
      for (const right of result.paths) {
        const tests = [...left.tests, ...right.tests]
        if (!possible(tests)) continue
        const ret = left.ret === null || right.ret === null ? null : combineActions([left.ret, right.ret])
        const path: ExplorePath = { tests, opaque: [...left.opaque, ...right.opaque], ret }
        const retText = left.retText ?? right.retText
        if (retText !== undefined) path.retText = retText
        next.push(path)
        if (next.length >= JOIN_LIMIT) {
          truncated = true
          break
        }
      }
    }
    joined = next
  }
  return { paths: joined ?? [], truncated }
}

function possible(tests: readonly FieldTest[]): boolean {
  const byOffset = new Map<number, FieldTest[]>()
  for (const t of tests) byOffset.set(t.offset, [...(byOffset.get(t.offset) ?? []), t])
  for (const onWord of byOffset.values()) if (findWitness(onWord) === undefined) return false
  return true
}

export function verdictFor(filters: readonly (readonly BpfInsn[])[], name: string, nr: number, arch: number): SyscallVerdict {
  if (filters.length === 0) return { kind: 'fixed', action: decodeAction(0x7fff0000) }
  const { paths, truncated } = chainPaths(filters, nr, arch)
  const byAction = new Map<string, VerdictCase>()
  for (const path of paths) {
    const action = path.ret === null ? null : decodeAction(path.ret)
    const key = action === null ? `computed:${path.retText ?? ''}` : formatAction(action)
    const entry = byAction.get(key) ?? { action, when: [] }
    entry.when.push(formatConditions(name, path.tests, path.opaque))
    byAction.set(key, entry)
  }
  // Canonical order (least restrictive first, conditions sorted) so that equal behaviour reads, and hashes, the same.
  const cases = [...byAction.values()]
    .map((c) => ({ ...c, when: [...c.when].sort((a, b) => a.join().localeCompare(b.join())) }))
    .sort((a, b) => (a.action === null ? 1 : b.action === null ? -1 : actionRank(b.action.raw) - actionRank(a.action.raw)))
  const only = cases[0]
  if (cases.length === 1 && only !== undefined && only.action !== null && !truncated) return { kind: 'fixed', action: only.action }
  return truncated ? { kind: 'depends', cases, truncated } : { kind: 'depends', cases }
}

const sameVerdict = (a: SyscallVerdict, b: SyscallVerdict): boolean =>
  a.kind === 'fixed' && b.kind === 'fixed' && a.action.raw === b.action.raw

export function decodeChain(filters: readonly (readonly BpfInsn[])[]): ChainDecoding {
  const unknownArch = verdictFor(filters, '', 0, UNKNOWN_ARCH)
  const abis = ABIS.map(({ abi, arch, bias }): AbiDecoding => {
    const syscalls = SYSCALL_TABLES[abi].map(([nr, name]) => ({ nr, name, verdict: verdictFor(filters, name, nr, arch) }))
    const unlisted = verdictFor(filters, '', UNLISTED_NR + bias, arch)
    // Rejected as a whole: every call gets the same denial an unknown architecture gets.
    const deniesForeign = unknownArch.kind === 'fixed' && unknownArch.action.kind !== 'allow' && unknownArch.action.kind !== 'log'
    const accepted = !(deniesForeign && syscalls.every((s) => sameVerdict(s.verdict, unknownArch)))
    return { abi, arch, accepted, syscalls, unlisted }
  })
  return { filterLengths: filters.map((f) => f.length), unknownArch, abis }
}
