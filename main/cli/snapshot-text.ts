// What `glasshouse snapshot` prints without --json: the summary, how the kernel was read, and with
// --seccomp-filters the live filters' digest and findings. Loaded only for text output: --json needs none
// of the selectors behind it (BENCHMARKS.md, a snapshot's cost).
import type { HostSnapshot, KernelReadBy } from '../../shared/model'
import { reportDigest } from '../../shared/seccomp/summary'
import { seccompFindingsText, type ContainerSeccompFindings } from '../../shared/selectors/seccomp-findings-summary'
import { readByLine } from '../kernel/helper-kernel-choice'
import { formatSummary } from './format-summary'

export function snapshotText(snapshot: HostSnapshot, readBy: KernelReadBy, seccompFindings: ContainerSeccompFindings[] | null): string {
  const filters = snapshot.seccompFilters
  const digest = filters ? reportDigest(filters) + (seccompFindings ? seccompFindingsText(seccompFindings) : '') : ''
  return withReadBy(formatSummary(snapshot), readByLine(readBy)) + digest
}

/** The summary with how the kernel was read, under its first two lines (title, kernel). */
function withReadBy(summary: string, line: string): string {
  const lines = summary.split('\n')
  lines.splice(2, 0, line)
  return lines.join('\n')
}
