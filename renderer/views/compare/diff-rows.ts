// The snapshot diff of one container as rows for the Compare view: what kind of change, and the
// change said as `glasshouse diff` says it (shared/snapshot-diff-text).
import type { ContainerDiff } from '../../../shared/selectors/snapshot-diff'
import { containerChangeLines } from '../../../shared/snapshot-diff-text'

export type ChangeKind = 'image' | 'state' | 'limits' | 'capabilities' | 'namespaces' | 'mounts' | 'processes'

export interface ChangeRow {
  kind: ChangeKind
  text: string
}

/** In the order containerChangeLines gives them; the kind read from how each line starts. */
export function changeRows(d: ContainerDiff): ChangeRow[] {
  return containerChangeLines(d).map((text) => ({ kind: kindOf(text), text }))
}

function kindOf(line: string): ChangeKind {
  if (line.startsWith('image')) return 'image'
  if (line.startsWith('state')) return 'state'
  if (line.startsWith('limits.') || line.startsWith('declared.')) return 'limits'
  if (line.startsWith('capabilities')) return 'capabilities'
  if (line.startsWith('namespace')) return 'namespaces'
  if (line.startsWith('mount')) return 'mounts'
  return 'processes'
}
