// The sharing map: rows are the host and each container, columns the eight namespace types.
// Equal namespaces share a colour and a letter and are linked; the host's stand out; a
// namespace joined from another container says from which. Arrow keys move between cells.
import { memo, useMemo, useRef, useState } from 'react'
import { namespaceKey } from '../../../shared/identity'
import type { HostSnapshot } from '../../../shared/model'
import { RISKY_HOST_TYPES, type SharingCell, type SharingGroup, type SharingMap as SharingMapData } from '../../../shared/selectors/namespace-map'
import { containerName } from '../../../shared/selectors/snapshot-index'
import { AtMeasuredWidth } from '../../components/at-measured-width'
import { useVizUnit } from '../../hooks/use-snapshot'
import { selectSharingMap } from '../../selectors/derived'
import { useApp } from '../../store/app-store'
import { createSharer } from '../../selectors/reuse-equal'
import { layoutSharingMap, type CellBox, type SharingLayout } from '../../viz/sharing-layout'
import { rowLabelWidth } from '../../viz/row-label-width'
import { fitText, sansWidth } from '../../viz/text-metrics'

export function SharingMap({ snapshot }: { snapshot: HostSnapshot }): React.JSX.Element {
  return <AtMeasuredWidth className="sharing-map">{(width) => <SharingMapBody snapshot={snapshot} width={width} />}</AtMeasuredWidth>
}

/** Before the selected container's name. */
const SELECTED_MARK = '▸ '

function SharingMapBody({ snapshot, width }: { snapshot: HostSnapshot; width: number }): React.JSX.Element {
  const unit = useVizUnit()
  const fullMap = selectSharingMap(snapshot)
  const [showAll, setShowAll] = useState(false)
  const hovered = useApp((s) => s.hoveredNamespace)
  const hover = useApp((s) => s.hoverNamespace)
  const selected = useApp((s) => s.selectedContainerId)
  // Many containers: the host, the first rows and the selected one, until asked for all of them.
  const capped = !showAll && fullMap.rows.length > ROW_LIMIT
  // Rows, groups and cells a patch left as they were keep their identity, so only changed cells render again.
  const [shareMap] = useState(() => createSharer<SharingMapData>())
  const [shareLayout] = useState(() => createSharer<SharingLayout>())
  const map = useMemo(() => shareMap(capped ? limitRows(fullMap, ROW_LIMIT, selected) : fullMap), [shareMap, fullMap, capped, selected])
  const hiddenRows = fullMap.rows.length - map.rows.length
  // In presenter mode the names' column grows to the selected container's name: a room reads the demo's container
  // whole (other long names stay cut, with a tooltip, so that the matrix is not scaled down for them).
  const presenting = useApp((s) => s.presenter !== null)
  const selectedLabel = map.rows.find((row) => row.id === selected)?.label
  const labelW = presenting && selectedLabel ? rowLabelWidth([selectedLabel], unit, unit, sansWidth(SELECTED_MARK, unit) + unit) : undefined
  const layout = useMemo(() => shareLayout(layoutSharingMap(map, { width, unit, labelW })), [shareLayout, map, width, unit, labelW])
  const select = useApp((s) => s.selectContainer)
  const [focus, setFocus] = useState<[number, number]>([0, 0])
  const svgRef = useRef<SVGSVGElement>(null)

  const legendLines = Math.max(...legendRows(LEGEND_ITEMS.map((i) => i[2]), unit, layout.width).map((r) => r.row)) + 1
  const legendH = Math.round(unit * 0.6 + legendLines * (unit * 1.8))
  const height = layout.height + legendH
  const nameOf = (id: string): string => containerName(snapshot, id)

  const onKeyDown = (e: React.KeyboardEvent): void => {
    const [r, c] = focus
    const moves: Record<string, [number, number]> = { ArrowUp: [r - 1, c], ArrowDown: [r + 1, c], ArrowLeft: [r, c - 1], ArrowRight: [r, c + 1] }
    const next = moves[e.key]
    if (!next) return
    e.preventDefault()
    const nr = Math.max(0, Math.min(map.rows.length - 1, next[0]))
    const nc = Math.max(0, Math.min(map.types.length - 1, next[1]))
    setFocus([nr, nc])
    svgRef.current?.querySelector<SVGGElement>(`[data-cell="${nr}-${nc}"]`)?.focus()
  }

  const hoveredGroup = map.groups.find((g) => g.key === hovered)
  return (
    <>
      <svg
        ref={svgRef}
        data-export="Namespace sharing: rows = host and containers, columns = namespace types"
        width={layout.width}
        height={height}
        viewBox={`0 0 ${layout.width} ${height}`}
        role="grid"
        aria-label="Namespace sharing map"
        aria-rowcount={map.rows.length}
        onKeyDown={onKeyDown}
        className="sharing-svg"
      >
        <defs>
          <pattern id="hatch-host" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" className="hatch__bg" />
            <line x1="0" y1="0" x2="0" y2="6" className="hatch__line" />
          </pattern>
        </defs>
        <SharingLegend unit={unit} width={layout.width} />
        <g transform={`translate(0,${legendH})`}>
          {layout.columns.map((col) => (
            <text key={col.type} x={col.x + layout.cellW / 2} y={unit * 1.3} textAnchor="middle" className="sharing__col-head" fontSize={unit}>
              {col.type}
            </text>
          ))}
          {map.rows.map((row, r) => (
            <g key={row.id} role="row" className={`sharing__row${row.id === selected ? ' is-selected' : ''}`}>
              {/* The whole name on hover: the column may cut it. */}
              <g className="sharing__row-name">
                <title>{row.label}</title>
                <text
                  x={0}
                  y={(layout.rows[r]?.y ?? 0) + layout.cellH / 2 + unit * 0.35}
                  className={`sharing__row-label${row.isHost ? ' is-host' : ''}${row.running ? '' : ' is-stopped'}`}
                  fontSize={unit}
                  onClick={() => !row.isHost && select(row.id)}
                >
                  {row.id === selected ? SELECTED_MARK : ''}
                  {/* The mark takes its own room: the name is cut to what is left, not drawn over the cells. */}
                  {fitText(row.label, layout.labelW - unit - (row.id === selected ? sansWidth(SELECTED_MARK, unit) : 0), unit)}
                </text>
              </g>
            </g>
          ))}
          {layout.connectors.map((c) => (
            <g key={c.key} className={`connector connector--${c.strength} group-${c.group % 8}${hovered === c.key ? ' is-hovered' : ''}`} aria-hidden="true">
              <path d={c.d} />
              {c.dots.map((d, i) => (
                <circle key={i} cx={d.x} cy={d.y} r={unit * 0.22} />
              ))}
            </g>
          ))}
          {layout.cells.map((box) => (
            <Cell
              key={`${box.rowId}-${box.col}`}
              box={box}
              unit={unit}
              group={box.cell.group === null ? null : (map.groups[box.cell.group] ?? null)}
              hovered={box.cell.key !== null && box.cell.key === hovered}
              focusable={focus[0] === box.row && focus[1] === box.col}
              isHostRow={box.rowId === 'host'}
              joinedName={box.cell.joinedFrom ? nameOf(box.cell.joinedFrom) : null}
              onHover={hover}
              onFocusCell={setFocus}
            />
          ))}
        </g>
      </svg>
      {(hiddenRows > 0 || showAll) && fullMap.rows.length > ROW_LIMIT && (
        <button type="button" className="link" onClick={() => setShowAll(!showAll)} aria-expanded={showAll}>
          {showAll ? `Show the first ${ROW_LIMIT} rows only` : `Show all ${fullMap.rows.length} rows (${hiddenRows} more containers)`}
        </button>
      )}
      <p className="sharing-map__detail" aria-live="polite">
        {hoveredGroup
          ? describeGroup(hoveredGroup, nameOf)
          : hovered
            ? describeSingle(hovered, snapshot)
            : 'Hover or focus a cell to highlight every process in that namespace (in the PID picture too).'}
      </p>
    </>
  )
}

const ROW_LIMIT = 40

/** The first rows (the host first) plus the selected one; groups keep their index, members only shown rows. */
export function limitRows(map: SharingMapData, limit: number, selected: string | null): SharingMapData {
  const keep = new Set(map.rows.slice(0, limit).map((r) => r.id))
  if (selected) keep.add(selected)
  return {
    ...map,
    rows: map.rows.filter((r) => keep.has(r.id)),
    groups: map.groups.map((g) => ({ ...g, members: g.members.filter((id) => keep.has(id)) }))
  }
}

function describeGroup(g: SharingGroup, nameOf: (id: string) => string): string {
  const members = g.members.map((id) => (id === 'host' ? 'the host' : nameOf(id)))
  return `${g.type} namespace ${g.inode} (${g.letter}): shared by ${members.join(', ')}.`
}

function describeSingle(key: string, snapshot: HostSnapshot): string {
  const ns = snapshot.namespaces.find((n) => namespaceKey(n.type, n.inode) === key)
  if (!ns) return `${key}`
  const who = ns.isHost ? 'the host' : ns.containerIds.map((id) => containerName(snapshot, id)).join(', ') || 'no container'
  return `${ns.type} namespace ${ns.inode}: ${ns.pids.length} process${ns.pids.length === 1 ? '' : 'es'}, ${who}.`
}

interface CellProps {
  box: CellBox
  unit: number
  group: SharingGroup | null
  hovered: boolean
  focusable: boolean
  isHostRow: boolean
  joinedName: string | null
  onHover: (key: string | null) => void
  onFocusCell: (at: [number, number]) => void
}

function cellText(cell: SharingCell, isHostRow: boolean, group: SharingGroup | null, joinedName: string | null): { label: string; long: string } {
  switch (cell.relation) {
    case 'host':
      if (isHostRow) return { label: 'host', long: "the host's own" }
      return RISKY_HOST_TYPES.has(cell.type)
        ? { label: 'HOST', long: "the host's namespace: not isolated" }
        : { label: 'host', long: "the host's (Docker's default for this type)" }
    case 'own':
      return { label: cell.extra ? `own +${cell.extra}` : 'own', long: cell.extra ? `its own, plus ${cell.extra} more among its processes (nested)` : 'its own' }
    case 'shared':
      return { label: `shared ${group?.letter ?? ''}`.trim(), long: 'shared with another container' }
    case 'joined':
      return { label: `${group?.letter ?? ''} ⇠ ${joinedName ?? '?'}`.trim(), long: `joined from ${joinedName ?? 'another container'}${cell.joinedBy === 'start-order' ? ' (inferred from start order)' : ''}` }
    case 'unknown':
      return { label: '?', long: 'could not be read' }
    default:
      return { label: '—', long: 'not running: no namespaces' }
  }
}

const Cell = memo(function Cell({ box, unit, group, hovered, focusable, isHostRow, joinedName, onHover, onFocusCell }: CellProps): React.JSX.Element {
  const { cell } = box
  const { label, long } = cellText(cell, isHostRow, group, joinedName)
  const risky = cell.relation === 'host' && !isHostRow && RISKY_HOST_TYPES.has(cell.type)
  const classes = [
    'ns-cell',
    `ns-cell--${cell.relation}`,
    risky ? 'ns-cell--host-risk' : '',
    cell.relation === 'host' && !risky ? 'ns-cell--host-soft' : '',
    group && !group.includesHost ? `group-${(cell.group ?? 0) % 8} ns-cell--grouped` : '',
    hovered ? 'is-hovered' : ''
  ]
  const inode = cell.inode === null ? '' : String(cell.inode)
  return (
    <g
      className={classes.filter(Boolean).join(' ')}
      role="gridcell"
      tabIndex={focusable ? 0 : -1}
      data-cell={`${box.row}-${box.col}`}
      aria-label={`${cell.type}: ${long}${inode ? `, namespace ${inode}` : ''}${cell.processCount ? `, ${cell.processCount} processes` : ''}`}
      onMouseEnter={() => cell.key && onHover(cell.key)}
      onMouseLeave={() => onHover(null)}
      onFocus={() => {
        onFocusCell([box.row, box.col])
        if (cell.key) onHover(cell.key)
      }}
      onBlur={() => onHover(null)}
    >
      <rect className="ns-cell__bg" x={box.x} y={box.y} width={box.w} height={box.h} rx={5} />
      {risky && <rect x={box.x} y={box.y} width={box.w} height={box.h} rx={5} fill="url(#hatch-host)" className="ns-cell__hatch" />}
      <text x={box.x + box.w / 2} y={box.y + unit * 1.3} textAnchor="middle" className="ns-cell__label" fontSize={unit}>
        {fitText(label, box.w - 6, unit)}
      </text>
      <text x={box.x + box.w / 2} y={box.y + unit * 2.5} textAnchor="middle" className="ns-cell__inode mono" fontSize={unit * 0.78}>
        {inode}
      </text>
    </g>
  )
})

const LEGEND_ITEMS: ReadonlyArray<[string, string, string]> = [
  ['ns-cell--own', 'own', 'its own namespace'],
  ['ns-cell--host-risk', 'HOST', "the host's — not isolated"],
  ['ns-cell--host-soft', 'host', "the host's, as Docker does by default"],
  ['ns-cell--grouped group-0', 'A', 'same letter & colour = same namespace'],
  ['ns-cell--joined ns-cell--grouped group-0', '⇠', 'joined from another container']
]

/** The legend's items flow into as many rows as the width needs. */
export function legendRows(texts: readonly string[], unit: number, width: number): Array<{ x: number; row: number }> {
  const s = unit * 1.3
  const out: Array<{ x: number; row: number }> = []
  let x = 0
  let row = 0
  for (const text of texts) {
    const w = s * 1.6 + unit * 0.4 + text.length * unit * 0.85 * 0.58 + unit * 1.4
    if (x > 0 && x + w > width) {
      x = 0
      row++
    }
    out.push({ x, row })
    x += w
  }
  return out
}

function SharingLegend({ unit, width }: { unit: number; width: number }): React.JSX.Element {
  const s = unit * 1.3
  const y = unit * 0.4
  const places = legendRows(LEGEND_ITEMS.map((i) => i[2]), unit, width)
  return (
    <g className="legend" aria-label="Legend">
      {LEGEND_ITEMS.map(([cls, mark, text], i) => {
        const at = places[i] ?? { x: 0, row: 0 }
        return (
          <g key={text} transform={`translate(${at.x},${y + at.row * (s + unit * 0.5)})`} className={`ns-cell ${cls}`}>
            <rect className="ns-cell__bg" width={s * 1.6} height={s} rx={3} />
            {cls.includes('host-risk') && <rect width={s * 1.6} height={s} rx={3} fill="url(#hatch-host)" className="ns-cell__hatch" />}
            <text x={s * 0.8} y={s * 0.72} textAnchor="middle" fontSize={unit * 0.8} className="ns-cell__label">
              {mark}
            </text>
            <text x={s * 1.6 + unit * 0.4} y={s * 0.72} fontSize={unit * 0.85} className="legend__label">
              {text}
            </text>
          </g>
        )
      })}
    </g>
  )
}
