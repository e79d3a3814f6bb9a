// A decoded ABI table grouped by family for display: each family's calls with their verdicts, and a
// one-word state for the family as a whole.
import { formatAction } from './actions'
import { permits, verdictKey } from './compare'
import { DOCKER_DEFAULT_X86_64 } from './docker-default-verdicts'
import { OTHER_FAMILY, SYSCALL_FAMILIES, familyOf, type SyscallFamily } from './families'
import type { AbiDecoding } from './verdict'

export interface CallView {
  name: string
  nr: number
  /** ALLOW, ERRNO(1 EPERM), depends: … */
  key: string
  permits: 'always' | 'sometimes' | 'never'
  /** For calls that depend on arguments: "ALLOW when flags args[0] & 0x7e020000 == 0x0 (…)". */
  conditions: string[]
}

export interface FamilyGroup {
  family: SyscallFamily
  calls: CallView[]
  state: 'allowed' | 'blocked' | 'mixed'
  /** Docker's default profile blocks at least one call of the family (on this ABI's table of the reference). */
  defaultBlocks: boolean
}

/**
 * reference: the default to mark against (name → verdictKey of the same ABI, e.g. the chain's dockerDefault
 * table); without one, Docker 20.10's default as dumped, on x86_64 only.
 */
export function groupByFamily(abi: AbiDecoding, reference?: Record<string, string>): FamilyGroup[] {
  const defaults = reference ?? (abi.abi === 'x86_64' ? DOCKER_DEFAULT_X86_64 : {})
  const groups = new Map<string, FamilyGroup>()
  for (const s of abi.syscalls) {
    const family = familyOf(s.name)
    const conditions =
      s.verdict.kind === 'depends'
        ? s.verdict.cases.flatMap((c) => c.when.map((w) => `${c.action ? formatAction(c.action) : 'computed'} when ${w.join(' and ') || 'always'}`))
        : []
    const key = verdictKey(s.verdict)
    const call: CallView = { name: s.name, nr: s.nr, key, permits: permits(key), conditions }
    const group = groups.get(family.id) ?? { family, calls: [], state: 'allowed', defaultBlocks: false }
    const byDefault = defaults[s.name]
    if (byDefault !== undefined && permits(byDefault) !== 'always') group.defaultBlocks = true
    group.calls.push(call)
    groups.set(family.id, group)
  }
  for (const g of groups.values()) {
    const all = new Set(g.calls.map((c) => c.permits))
    g.state = all.size === 1 && all.has('always') ? 'allowed' : all.size === 1 && all.has('never') ? 'blocked' : 'mixed'
  }
  const order = [...SYSCALL_FAMILIES, OTHER_FAMILY].map((f) => f.id)
  return [...groups.values()].sort((a, b) => order.indexOf(a.family.id) - order.indexOf(b.family.id))
}
