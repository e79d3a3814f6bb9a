// Comparing decoded verdicts: against Docker's default profile (shipped, see docker-default-verdicts.ts)
// and between two containers.
import { formatAction } from './actions'
import { DOCKER_DEFAULT_X86_64 } from './docker-default-verdicts'
import { SYSCALL_FAMILIES } from './families'
import type { ChainSummary } from './report'
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

/**
 * Compared with a default's verdict table of the same ABI (a ChainSummary's dockerDefault.table, evaluated
 * for its release and container); without one, with Docker 20.10's default as dumped on x86_64.
 */
export function compareWithDefault(abi: AbiDecoding, reference: Record<string, string> = DOCKER_DEFAULT_X86_64): DefaultComparison {
  const ours = verdictTable(abi)
  const differences = diffVerdicts(ours, reference)
  return {
    allowsBlocked: byFamily(differences.filter((d) => permits(d.right) === 'never' && permits(d.left) !== 'never').map((d) => d.name)),
    blocksAllowed: differences.filter((d) => permits(d.right) === 'always' && permits(d.left) !== 'always').map((d) => d.name),
    differences
  }
}

/** The chain's own default (its release, its container) when it covers this ABI; else undefined (20.10 on x86_64). */
export function defaultTableFor(chain: Pick<ChainSummary, 'dockerDefault'>, abi: AbiDecoding): Record<string, string> | undefined {
  return chain.dockerDefault?.abi === abi.abi ? chain.dockerDefault.table : undefined
}

const WHY: Record<NonNullable<ChainSummary['dockerDefault']>['why'], string> = {
  matched: 'the one this filter is',
  daemon: "the daemon's release",
  nearest: 'the closest; the daemon release is unknown'
}

/** Which default a comparison is against, for a sentence: "Docker's default profile in Docker 28.2.0–29.4.1 (the daemon's release)". */
export function defaultReferenceText(chain: Pick<ChainSummary, 'dockerDefault'>, abi: AbiDecoding): string {
  const d = chain.dockerDefault
  if (d === undefined || defaultTableFor(chain, abi) === undefined) return "Docker's default profile"
  return `Docker's default profile in ${d.label} (${WHY[d.why]})`
}

/** "Docker 28.2.0–29.4.1 default" for the chain's own default, else the dumped 20.10 one. */
export function defaultTitleFor(chain: Pick<ChainSummary, 'dockerDefault'>, abi: AbiDecoding): string {
  return defaultTableFor(chain, abi) !== undefined ? `${chain.dockerDefault?.label ?? 'Docker'} default` : 'Docker default (20.10)'
}

const FAMILY_RANK = new Map(SYSCALL_FAMILIES.flatMap((f, i) => f.names.map((n) => [n, i] as const)))

/** Calls of the named families first (mount, modules, namespaces…), in family order; the rest by name. */
function byFamily(names: string[]): string[] {
  const rank = (n: string): number => FAMILY_RANK.get(n) ?? SYSCALL_FAMILIES.length
  return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
}
