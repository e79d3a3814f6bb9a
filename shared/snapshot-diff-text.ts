// The snapshot diff in words, one line per change: `glasshouse diff` prints it, the Compare view
// lists the same lines (so both say a change the same way).
import { formatBytes, formatCores, shortId } from './format'
import type { ContainerDiff, SnapshotDiff, ValueChange } from './selectors/snapshot-diff'

export function formatValue(field: string, value: ValueChange['before']): string {
  if (value === null) return field.endsWith('Bytes') || field.endsWith('Cores') || field.endsWith('pidsMax') ? 'none' : 'unset'
  if (typeof value === 'number' && field.endsWith('Bytes')) return value < 0 ? 'unlimited' : formatBytes(value)
  if (typeof value === 'number' && field.endsWith('Cores')) return formatCores(value)
  return String(value)
}

/** Lines describing one container's changes (no heading). */
export function containerChangeLines(d: ContainerDiff): string[] {
  const lines: string[] = []
  const value = (c: ValueChange): string => `${formatValue(c.field, c.before)} → ${formatValue(c.field, c.after)}`
  if (d.imageChange) lines.push(`image: ${value(d.imageChange)}`)
  if (d.stateChange) lines.push(`state: ${value(d.stateChange)}`)
  for (const c of d.limits) lines.push(`${c.field}: ${value(c)}`)
  for (const c of d.capabilities) lines.push(`capabilities ${c.set}: ${[...c.added.map((x) => `+${x}`), ...c.removed.map((x) => `-${x}`)].join(' ')}`)
  for (const c of d.namespaces) lines.push(`namespace ${c.field}: ${c.before} → ${c.after}`)
  for (const m of d.mounts.added) lines.push(`mount added: ${m}`)
  for (const m of d.mounts.removed) lines.push(`mount removed: ${m}`)
  for (const c of d.mounts.changed) lines.push(`mount ${c.field}: ${c.before} → ${c.after}`)
  if (d.processes.added.length) lines.push(`processes started: ${d.processes.added.join(', ')}`)
  if (d.processes.removed.length) lines.push(`processes gone: ${d.processes.removed.join(', ')}`)
  return lines
}

export function formatSnapshotDiff(d: SnapshotDiff, labels: { before: string; after: string }): string {
  const out = [`A: ${labels.before} (host ${d.before.host}, ${d.before.takenAt})`, `B: ${labels.after} (host ${d.after.host}, ${d.after.takenAt})`]
  if (d.before.host !== d.after.host) out.push(`Note: A and B are different hosts.`)
  if (d.added.length + d.removed.length + d.changed.length === 0) {
    out.push('', 'No changes in containers, limits, capabilities, namespaces, mounts or processes.')
    return out.join('\n') + '\n'
  }
  out.push('')
  for (const c of d.added) out.push(`+ ${c.name} (${shortId(c.id)}, ${c.image}): added`)
  for (const c of d.removed) out.push(`- ${c.name} (${shortId(c.id)}, ${c.image}): removed`)
  for (const c of d.changed) {
    out.push(`~ ${c.name} (${shortId(c.id)}):`)
    for (const line of containerChangeLines(c)) out.push(`    ${line}`)
  }
  return out.join('\n') + '\n'
}
