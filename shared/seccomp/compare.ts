// Comparing decoded verdicts: against Docker's default profile (shipped, see docker-default-verdicts.ts)
// and between two containers.
import { formatAction } from './actions'
import { DOCKER_DEFAULT_X86_64 } from './docker-default-verdicts'
import { SYSCALL_FAMILIES } from './families'
import type { AbiDecoding, SyscallVerdict } from './verdict'

/** ALLOW, ERRNO(1 EPERM)… or "depends: ALLOW | ERRNO(1 EPERM)". */
export function verdictKey(v: SyscallVerdict): string {
  if (v.kind === 'fixed') return formatAction(v.action)
  // The conditions are part of the key: two chains that split a call differently must not compare equal.
  // Each conjunction in sorted order: libseccomp emits a call's rules newest first, so the same profile
  // checks personality's values in reverse, and a profile evaluated in order must read the same.
  const conjunctions = (when: string[][]): string => when.map((w) => [...w].sort().join(' and ')).sort().join(' or ')
  return `depends: ${v.cases.map((c) => `${c.action === null ? 'computed' : formatAction(c.action)} when ${conjunctions(c.when)}`).join(' | ')}`
}

/** Does the call get through: always, for some arguments, or never. */
export function permits(key: string): 'always' | 'sometimes' | 'never' {
  if (key === 'ALLOW' || key === 'LOG') return 'always'
  if (key.startsWith('depends:') && /\b(ALLOW|LOG)\b/.test(key)) return 'sometimes'
  return 'never'
}

export interface VerdictDifference {
  name: string
  left: string
  right: string
}

export function diffVerdicts(left: Record<string, string>, right: Record<string, string>): VerdictDifference[] {
  const names = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort()
  return names.filter((n) => left[n] !== right[n]).map((name) => ({ name, left: left[name] ?? 'not in table', right: right[name] ?? 'not in table' }))
}

export function verdictTable(abi: AbiDecoding): Record<string, string> {
  return Object.fromEntries(abi.syscalls.map((s) => [s.name, verdictKey(s.verdict)]))
}

export interface DefaultComparison {
  /** Calls Docker's default blocks (never gets through) that this chain lets through, at least for some arguments. */
  allowsBlocked: string[]
  /** Calls the default allows (always) that this chain blocks, at least for some arguments. */
  blocksAllowed: string[]
  differences: VerdictDifference[]
}

/** Compared on x86_64, the ABI the shipped default table covers. */
export function compareWithDefault(abi: AbiDecoding): DefaultComparison {
  const ours = verdictTable(abi)
  const differences = diffVerdicts(ours, DOCKER_DEFAULT_X86_64)
  return {
    allowsBlocked: byFamily(differences.filter((d) => permits(d.right) === 'never' && permits(d.left) !== 'never').map((d) => d.name)),
    blocksAllowed: differences.filter((d) => permits(d.right) === 'always' && permits(d.left) !== 'always').map((d) => d.name),
    differences
  }
}

const FAMILY_RANK = new Map(SYSCALL_FAMILIES.flatMap((f, i) => f.names.map((n) => [n, i] as const)))

/** Calls of the named families first (mount, modules, namespaces…), in family order; the rest by name. */
function byFamily(names: string[]): string[] {
  const rank = (n: string): number => FAMILY_RANK.get(n) ?? SYSCALL_FAMILIES.length
  return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
}
