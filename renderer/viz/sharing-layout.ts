// Layout of the sharing map: a grid of rows (host, containers) × eight namespace types, and
// for every namespace shared between rows a connector in the gutter right of its column.
import type { SharingCell, SharingGroup, SharingMap } from '../../shared/selectors/namespace-map'
import { RISKY_HOST_TYPES } from '../../shared/selectors/namespace-map'

export interface CellBox {
  rowId: string
  row: number
  col: number
  x: number
  y: number
  w: number
  h: number
  cell: SharingCell
}

export interface Connector {
  key: string
  group: number
  /** Container-to-container shares and risky host shares are drawn strong; Docker's default host shares faint. */
  strength: 'strong' | 'faint'
  d: string
  dots: Array<{ x: number; y: number }>
}

export interface SharingLayout {
  width: number
  height: number
  labelW: number
  headerH: number
  cellW: number
  cellH: number
  gutter: number
  columns: Array<{ type: string; x: number }>
  rows: Array<{ id: string; y: number }>
  cells: CellBox[]
  connectors: Connector[]
}

/** `labelW`: the row-label column's width (presenter mode widens it to the names); 10 em when absent. */
export function layoutSharingMap(map: SharingMap, options: { width: number; unit: number; labelW?: number }): SharingLayout {
  const { unit } = options
  const labelW = Math.round(options.labelW ?? unit * 10)
  const gutter = Math.round(unit * 1.3)
  const headerH = Math.round(unit * 2.2)
  const cellH = Math.round(unit * 3)
  const rowGap = Math.round(unit * 0.4)
  const columnsCount = map.types.length
  const cellW = Math.round(Math.min(unit * 9.5, Math.max(unit * 6.8, (options.width - labelW - gutter * columnsCount) / columnsCount)))
  const columns = map.types.map((type, i) => ({ type, x: labelW + i * (cellW + gutter) }))
  const rows = map.rows.map((row, i) => ({ id: row.id, y: headerH + i * (cellH + rowGap) }))
  const cells: CellBox[] = []
  map.rows.forEach((row, r) => {
    row.cells.forEach((cell, c) => {
      cells.push({ rowId: row.id, row: r, col: c, x: columns[c]?.x ?? 0, y: rows[r]?.y ?? 0, w: cellW, h: cellH, cell })
    })
  })
  const connectors = map.groups.flatMap((group, g) => (group.members.length < 2 ? [] : [connector(group, g, map, columns, rows, cellW, cellH, gutter)]))
  const width = labelW + columnsCount * (cellW + gutter)
  const height = headerH + map.rows.length * (cellH + rowGap)
  return { width, height, labelW, headerH, cellW, cellH, gutter, columns, rows, cells, connectors }
}

function connector(
  group: SharingGroup,
  g: number,
  map: SharingMap,
  columns: Array<{ x: number }>,
  rows: Array<{ id: string; y: number }>,
  cellW: number,
  cellH: number,
  gutter: number
): Connector {
  const col = map.types.indexOf(group.type)
  // Lanes inside the gutter, so two groups in one column do not draw over each other.
  const lanes = map.groups.filter((x) => x.type === group.type)
  const lane = lanes.indexOf(group)
  const laneX = (columns[col]?.x ?? 0) + cellW + (gutter * (lane + 1)) / (lanes.length + 1)
  const ys = group.members.map((id) => (rows.find((r) => r.id === id)?.y ?? 0) + cellH / 2).sort((a, b) => a - b)
  const top = ys[0] ?? 0
  const bottom = ys.at(-1) ?? 0
  const right = (columns[col]?.x ?? 0) + cellW
  const ticks = ys.map((y) => `M${right},${y}H${laneX}`).join('')
  return {
    key: group.key,
    group: g,
    strength: !group.includesHost || RISKY_HOST_TYPES.has(group.type) ? 'strong' : 'faint',
    d: `M${laneX},${top}V${bottom}${ticks}`,
    dots: ys.map((y) => ({ x: laneX, y }))
  }
}
