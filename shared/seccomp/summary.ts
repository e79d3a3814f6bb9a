// Plain-text digest of a chain and of a container's read, for the command line and the views.
import { formatAction } from './actions'
import { compareWithDefault, defaultTableFor } from './compare'
import type { ChainSummary, ContainerFilters, SeccompFiltersReport } from './report'
import { READ_REASON_TEXT } from './read-result'
import type { AbiDecoding } from './verdict'

export interface VerdictCounts {
  allowed: number
  denied: number
  depends: number
  /** ERRNO(1 EPERM) → 70 … for the denying actions. */
  byAction: Record<string, number>
}

export function countVerdicts(abi: AbiDecoding): VerdictCounts {
  const counts: VerdictCounts = { allowed: 0, denied: 0, depends: 0, byAction: {} }
  for (const { verdict } of abi.syscalls) {
    if (verdict.kind === 'depends') counts.depends++
    else if (verdict.action.kind === 'allow' || verdict.action.kind === 'log') counts.allowed++
    else {
      counts.denied++
      const key = formatAction(verdict.action)
      counts.byAction[key] = (counts.byAction[key] ?? 0) + 1
    }
  }
  return counts
}

/** The native ABI of the decoded chain: x86_64 when the filter accepts it, else the first it accepts. */
export function nativeAbi(chain: ChainSummary): AbiDecoding | undefined {
  const abis = chain.decoded?.abis ?? []
  return abis.find((a) => a.abi === 'x86_64' && a.accepted) ?? abis.find((a) => a.accepted)
}

export function chainDigest(chain: ChainSummary): string {
  if (chain.match === 'unconfined') return chain.label
  const abi = nativeAbi(chain)
  const size = `${chain.filterLengths.length} filter${chain.filterLengths.length === 1 ? '' : 's'}, ${chain.filterLengths.join('+')} instructions`
  if (abi === undefined) return `${chain.label} (${size})`
  const c = countVerdicts(abi)
  const denied = Object.entries(c.byAction).map(([action, n]) => `${n} ${action}`).join(', ')
  return `${chain.label} (${size}): ${abi.abi} ${c.allowed} allowed, ${c.denied} denied${denied ? ` (${denied})` : ''}, ${c.depends} depend on arguments${versusDefault(chain, abi)}`
}

/** For a chain that is not a default: how it differs from the default it is compared with. */
function versusDefault(chain: ChainSummary, abi: AbiDecoding): string {
  const table = defaultTableFor(chain, abi)
  if (chain.dockerDefault === undefined || chain.dockerDefault.matched || table === undefined) return ''
  const vs = compareWithDefault(abi, table)
  const why = chain.dockerDefault.why === 'daemon' ? "the daemon's release" : 'the closest'
  return `; against the default of ${chain.dockerDefault.label} (${why}): ${vs.differences.length} difference${vs.differences.length === 1 ? '' : 's'}, ${vs.allowsBlocked.length} allowed that it blocks`
}

/** One line per container: what its live filter is, which pid was read, how long it was stopped. */
export function containerDigest(report: SeccompFiltersReport, container: ContainerFilters): string {
  if (report.obstacle !== null) return `not read: ${report.obstacle.text}; the declared profile is shown instead`
  const first = container.reads.find((r) => r.fingerprint !== null)
  if (first === undefined) {
    const failed = container.reads[0]
    return failed?.reason !== undefined ? `not read (pid ${failed.pid}): ${READ_REASON_TEXT[failed.reason]}` : 'not read'
  }
  const chain = report.chains.find((ch) => ch.fingerprint === first.fingerprint)
  const others = container.reads.length > 1 ? `; ${container.reads.length - 1} more process group(s) read, see JSON` : ''
  const shared = container.sharesWith.length > 0 ? `; same chain as ${container.sharesWith.length <= 3 ? container.sharesWith.join(', ') : `${container.sharesWith.length} other containers`}` : ''
  const stopped = first.stoppedMs > 0 ? `, stopped ${first.stoppedMs.toFixed(2)} ms` : ''
  return `${chain ? chainDigest(chain) : first.fingerprint} · read pid ${first.pid} (for ${first.standsFor.length} process${first.standsFor.length === 1 ? '' : 'es'}${stopped})${shared}${others}`
}

export function reportDigest(report: SeccompFiltersReport): string {
  const lines = ['', 'Live seccomp filters (read on request with --seccomp-filters; each read process was stopped briefly by ptrace):']
  if (report.obstacle !== null) lines.push(`  not read: ${report.obstacle.text}; the declared profiles above stand instead`)
  for (const c of report.containers) lines.push(`  ${c.name}: ${containerDigest(report, c)}`)
  if (report.containers.length === 0) lines.push('  no running containers')
  lines.push(`  total stop time ${report.totalStoppedMs.toFixed(2)} ms, ${report.chains.length} distinct chain(s) decoded`)
  return lines.join('\n') + '\n'
}
