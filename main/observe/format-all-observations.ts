// The text `glasshouse observe --all` prints: the summary table (most over-privileged first), then each
// container exactly as `glasshouse observe <container>` prints it (formatObservation, the one formatter).
import { allSummary } from '../../shared/observe/all-summary'
import type { AllObservation } from '../../shared/observe/observe-all-result'
import type { Suggestion } from '../../shared/observe/suggestion'
import type { Verification } from '../../shared/observe/verification'
import { formatObservation } from './format-observation'

export interface ContainerOutcome {
  suggestion: Suggestion
  verification: Verification | null
}

export function formatAllObservations(all: AllObservation, outcomes: ReadonlyMap<string, ContainerOutcome>): string {
  const out: string[] = []
  out.push(`Observed ${all.observations.length} containers for ${all.seconds.toFixed(1)} s from ${all.startedAt} (one trace instance for all)`)
  for (const note of all.notes) out.push(`  note: ${note}`)
  out.push('')
  const rows = allSummary(all.observations)
  const header = ['container', 'uses', 'holds but never used']
  const cells = rows.map((r) => [r.name, r.uses.join(' ') || 'none', r.heldUnused.length > 0 ? `${r.heldUnused.length}: ${r.heldUnused.join(' ')}` : 'none'])
  const nameWidth = Math.max(header[0]!.length, ...cells.map((c) => c[0]!.length))
  const usesWidth = Math.max(header[1]!.length, ...cells.map((c) => c[1]!.length))
  const line = (c: string[]): string => `  ${c[0]!.padEnd(nameWidth)}  ${c[1]!.padEnd(usesWidth)}  ${c[2]}`.trimEnd()
  out.push('Summary, most over-privileged first:')
  out.push(line(header))
  for (const c of cells) out.push(line(c))
  const verified = [...outcomes.values()].filter((o) => o.verification)
  if (verified.length > 0) out.push(`Verified: ${verified.filter((o) => o.verification!.ok).length} of ${verified.length} passed`)
  for (const o of all.observations) {
    const outcome = outcomes.get(o.container.id)
    if (!outcome) continue
    out.push('')
    out.push(`── ${o.container.name} ${'─'.repeat(Math.max(3, 60 - o.container.name.length))}`)
    out.push(formatObservation(o, outcome.suggestion, outcome.verification).trimEnd())
  }
  return out.join('\n') + '\n'
}
