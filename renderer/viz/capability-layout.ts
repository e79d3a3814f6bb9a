// Layout of the capability matrix: containers down, the 41 capabilities across in groups,
// names rotated above (or, in presenter mode, short names horizontal on staggered lines). Pure: positions only.
import type { CapabilityDef, CapabilityGroup } from '../../shared/capabilities'
import { shortCapabilityName } from './capability-short-names'

export interface CapabilityLayout {
  cell: number
  labelW: number
  headerH: number
  legendH: number
  colX: number[]
  rowY: number[]
  groups: Array<{ group: CapabilityGroup; x: number; w: number }>
  width: number
  height: number
  /** Presenter mode: names horizontal, staggered on this many lines so each can be wider than its column. */
  horizontal: { fontSize: number; lines: number; lineH: number } | null
}

/** Cells shrink to fit the width (down to a legible minimum), never grow past 1.7 em. */
export function layoutCapabilityMatrix(
  rowCount: number,
  columns: readonly CapabilityDef[],
  unit: number,
  width = Infinity,
  options: { horizontal?: boolean; labelW?: number } = {}
): CapabilityLayout {
  const gap = Math.round(unit * 0.7)
  // The names' column: 10 em, or as presenter mode widens it to the names.
  const labelW = Math.round(options.labelW ?? unit * 10)
  const groupCount = new Set(columns.map((c) => c.group)).size
  // Horizontal short names (presenter mode) a little above the text size; their widest, in a monospace face.
  const shortFont = Math.round(unit * 1.2)
  const shortW = Math.max(...columns.map((c) => shortCapabilityName(c.name).length)) * 0.6 * shortFont + unit * 0.4
  // The last names lean right past their column (rotated) or stand centred on it (horizontal): keep room for them.
  const lastName = options.horizontal ? shortW / 2 : (columns.at(-1)?.name.replace(/^CAP_/, '').length ?? 0) * 0.6 * unit * 0.85 * 0.5
  const fitting = Math.floor((width - labelW - unit - lastName - gap * (groupCount - 1)) / columns.length)
  const cell = Math.round(Math.max(unit * 1.25, Math.min(unit * 1.7, fitting)))
  const legendH = Math.round(unit * 4.4)
  const longest = Math.max(...columns.map((c) => c.name.replace(/^CAP_/, '').length))
  // Names at −60°: their height is length × char width × sin 60°, plus the group labels above.
  const lineH = Math.round(unit * 1.45)
  // Enough lines that a name and its neighbours on the same line never touch.
  const lines = Math.max(2, Math.ceil(shortW / cell))
  const horizontal = options.horizontal ? { fontSize: shortFont, lines, lineH } : null
  const headerH = horizontal ? Math.round(unit * 2.3 + lines * lineH + unit * 0.6) : Math.round(longest * 0.6 * unit * 0.85 * 0.87 + unit * 3)
  const colX: number[] = []
  const groups: CapabilityLayout['groups'] = []
  let x = labelW
  columns.forEach((c, i) => {
    const previous = columns[i - 1]
    if (previous && previous.group !== c.group) x += gap
    if (!previous || previous.group !== c.group) groups.push({ group: c.group, x, w: 0 })
    colX.push(x)
    const current = groups.at(-1)
    if (current) current.w = x + cell - current.x
    x += cell
  })
  const rowY = Array.from({ length: rowCount }, (_, r) => legendH + headerH + r * cell)
  return { cell, labelW, headerH, legendH, colX, rowY, groups, width: x + unit + lastName, height: legendH + headerH + rowCount * cell + unit * 0.5, horizontal }
}
