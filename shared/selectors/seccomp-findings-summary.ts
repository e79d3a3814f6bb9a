// The seccomp findings of each container whose live filter was read (`snapshot --seccomp-filters`), for
// the text summary and the JSON. The three live checks (the Security view's live panel shows them) plus
// the two the Seccomp mode line gives: a container declared unconfined gets no live finding (it asked for
// none), yet "seccomp disabled" is what the user needs to read next to its empty filter.
import type { HostSnapshot } from '../model'
import { findingsFor, type Finding, type FindingKind } from './findings'

export const LIVE_SECCOMP_KINDS: ReadonlySet<FindingKind> = new Set<FindingKind>([
  'seccomp-allows-default-blocked',
  'seccomp-custom-more-permissive',
  'seccomp-live-unconfined'
])
const MODE_SECCOMP_KINDS: ReadonlySet<FindingKind> = new Set<FindingKind>(['seccomp-disabled', 'seccomp-differs'])

export interface ContainerSeccompFindings {
  containerId: string
  name: string
  /** Most severe first; `live` tells a finding from the decoded filter from one from the Seccomp mode line. */
  findings: Array<Finding & { live: boolean }>
}

/** Per container in the live-filter report, its seccomp findings; null when no filters were read. */
export function seccompFindingsOfRead(snapshot: HostSnapshot): ContainerSeccompFindings[] | null {
  const report = snapshot.seccompFilters
  if (!report) return null
  return report.containers.flatMap((read) => {
    const container = snapshot.containers.find((c) => c.id === read.containerId)
    if (!container) return []
    const findings = findingsFor(snapshot, container)
      .filter((f) => LIVE_SECCOMP_KINDS.has(f.kind) || MODE_SECCOMP_KINDS.has(f.kind))
      .map((f) => ({ ...f, live: LIVE_SECCOMP_KINDS.has(f.kind) }))
    return [{ containerId: container.id, name: container.name, findings }]
  })
}

/** The text block under the live-filter digest: one line per finding, one line for the containers without. */
export function seccompFindingsText(perContainer: readonly ContainerSeccompFindings[]): string {
  const lines = ['', 'Seccomp findings (from the live filters above and the Seccomp mode line):']
  const clean: string[] = []
  for (const c of perContainer) {
    if (c.findings.length === 0) clean.push(c.name)
    for (const f of c.findings) {
      lines.push(`  ${f.severity.padEnd(7)}${c.name}: ${f.title}. ${f.why}${f.evidence ? ` (${f.evidence})` : ''}`)
    }
  }
  if (clean.length > 0) lines.push(`  none for ${clean.length <= 5 ? clean.join(', ') : `${clean.length} containers`}`)
  if (perContainer.length === 0) lines.push('  no running containers read')
  return lines.join('\n') + '\n'
}
