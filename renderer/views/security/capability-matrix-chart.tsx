// The capability matrix: containers × the 41 capabilities, grouped. Click a name (or use the
// arrow keys on the headers) to read what a capability unlocks; click a row to select a container.
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { CapabilityDef } from '../../../shared/capabilities'
import { CAPABILITY_GROUP_LABEL, capabilityColumns, type CapabilityRow } from '../../../shared/selectors/capability-matrix'
import { AtMeasuredWidth } from '../../components/at-measured-width'
import { useProgressiveCount } from '../../hooks/use-after-first-paint'
import { useVizUnit } from '../../hooks/use-snapshot'
import { selectCapabilityMatrix } from '../../selectors/derived'
import { useApp } from '../../store/app-store'
import { layoutCapabilityMatrix, type CapabilityLayout } from '../../viz/capability-layout'
import { shortCapabilityName, shortNameLegend } from '../../viz/capability-short-names'
import { rowLabelWidth } from '../../viz/row-label-width'
import { fitText } from '../../viz/text-metrics'
import type { HostSnapshot } from '../../../shared/model'
import { CapabilityGlyph, cellDescription } from './capability-cell'

const COLUMNS = capabilityColumns()
/** More rows than a 1080-pixel screen shows below the headers. */
const FIRST_ROWS = 48

export function CapabilityMatrixChart({ snapshot }: { snapshot: HostSnapshot }): React.JSX.Element {
  const rows = selectCapabilityMatrix(snapshot)
  const [pointed, setPointed] = useState<string | null>(null)
  // One listener for every cell: what the pointer is on, in words (colour and symbols are explained by the legend).
  const onPointer = (e: React.MouseEvent): void => {
    const target = e.target as Element
    const cap = target.getAttribute('data-cap-cell')
    const rowId = target.closest('[data-row-id]')?.getAttribute('data-row-id')
    const row = rowId ? rows.find((r) => r.containerId === rowId) : undefined
    const cell = cap ? row?.cells.find((c) => c.cap === cap) : undefined
    setPointed(row && cell ? `${row.name} · ${cellDescription(cell)}` : null)
  }
  return (
    <AtMeasuredWidth className="cap-matrix" onMouseOver={onPointer} onMouseLeave={() => setPointed(null)}>
      {(width) => <MatrixBody rows={rows} width={width} pointed={pointed} />}
    </AtMeasuredWidth>
  )
}

function MatrixBody({ rows, width, pointed }: { rows: readonly CapabilityRow[]; width: number; pointed: string | null }): React.JSX.Element {
  const unit = useVizUnit()
  // In presenter mode the names stand horizontal, shortened, at full text size (rotated small ones are unreadable on a projector).
  const presenting = useApp((s) => s.presenter !== null)
  const selectedContainer = useApp((s) => s.selectedContainerId)
  // And the names' column grows to the selected container's name (the demo's, read whole from the back of the room);
  // other long names stay cut, with a tooltip, so that the matrix is not scaled down for them.
  const selectedName = rows.find((r) => r.containerId === selectedContainer)?.name
  const labelW = presenting && selectedName ? rowLabelWidth([selectedName], unit * 0.95, unit, unit * 3.4) : undefined
  const layout = useMemo(() => layoutCapabilityMatrix(rows.length, COLUMNS, unit, width, { horizontal: presenting, labelW }), [rows.length, unit, width, presenting, labelW])
  const selectedCap = useApp((s) => s.selectedCapability)
  const selectContainer = useApp((s) => s.selectContainer)
  const selectCap = useApp((s) => s.selectCapability)
  const svgRef = useRef<SVGSVGElement>(null)
  const capIndex = Math.max(0, COLUMNS.findIndex((c) => c.name === selectedCap))
  const rowIndex = Math.max(0, rows.findIndex((r) => r.containerId === selectedContainer))
  // The rows a screen shows in the first frame, the others in the next (the SVG has its full height from the start).
  const drawnRows = useProgressiveCount(rows.length, FIRST_ROWS)

  const onHeaderKey = useCallback((e: React.KeyboardEvent, i: number): void => {
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? COLUMNS.length - 1 : null
    if (next === null) return
    e.preventDefault()
    const c = COLUMNS[Math.max(0, Math.min(COLUMNS.length - 1, next))]
    if (!c) return
    selectCap(c.name)
    svgRef.current?.querySelector<SVGGElement>(`[data-cap="${c.name}"]`)?.focus()
  }, [selectCap])
  // The rows as of the last render, read when a key is pressed: the handler itself stays the same
  // across patches, so rows a patch left alone (shared by the selector) do not render again.
  const rowsNow = useRef(rows)
  useEffect(() => {
    rowsNow.current = rows
  }, [rows])
  const onRowKey = useCallback((e: React.KeyboardEvent, i: number): void => {
    const next = e.key === 'ArrowDown' ? i + 1 : e.key === 'ArrowUp' ? i - 1 : null
    if (next === null) return
    e.preventDefault()
    const all = rowsNow.current
    const r = all[Math.max(0, Math.min(all.length - 1, next))]
    if (!r) return
    selectContainer(r.containerId)
    svgRef.current?.querySelector<SVGGElement>(`[data-row="${r.containerId}"]`)?.focus()
  }, [selectContainer])

  const ci = COLUMNS.findIndex((c) => c.name === selectedCap)
  return (
    <>
      <svg
        ref={svgRef}
        width={layout.width}
        height={layout.height}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        className="cap-matrix-svg"
        data-export="Capabilities: containers × the 41 capabilities"
        role="group"
        aria-label={`Capability matrix: ${rows.length} containers by ${COLUMNS.length} capabilities`}
      >
        <MatrixLegend unit={unit} cell={layout.cell} />
        {ci >= 0 && <rect className="cap-matrix__col-band" x={layout.colX[ci]} y={layout.legendH} width={layout.cell} height={layout.height - layout.legendH} />}
        <text x={layout.labelW - unit * 0.6} y={layout.legendH + layout.headerH - unit * 0.4} textAnchor="end" fontSize={unit * 0.78} className="muted-text">
          effective
        </text>
        {layout.groups.map((g) => (
          <g key={g.group} className="cap-matrix__group">
            <text x={g.x} y={layout.legendH + unit * 1.1} fontSize={unit * 0.9}>
              {CAPABILITY_GROUP_LABEL[g.group]}
            </text>
            <line x1={g.x} x2={g.x + g.w} y1={layout.legendH + unit * 1.5} y2={layout.legendH + unit * 1.5} />
          </g>
        ))}
        {layout.horizontal && <ShortNameTicks layout={layout} />}
        {COLUMNS.map((c, i) => (
          <ColumnHeader
            key={c.name}
            cap={c}
            x={layout.colX[i] ?? 0}
            layout={layout}
            unit={unit}
            selected={c.name === selectedCap}
            tabbable={i === capIndex}
            onSelect={selectCap}
            index={i}
            onKeyDown={onHeaderKey}
          />
        ))}
        {(drawnRows < rows.length ? rows.slice(0, drawnRows) : rows).map((row, r) => (
          <MatrixRow
            key={row.containerId}
            row={row}
            y={layout.rowY[r] ?? 0}
            layout={layout}
            unit={unit}
            selected={row.containerId === selectedContainer}
            tabbable={r === rowIndex}
            onSelect={selectContainer}
            onSelectCap={selectCap}
            index={r}
            onKeyDown={onRowKey}
          />
        ))}
      </svg>
      {layout.horizontal && <ShortNameLegend />}
      <p className="cap-matrix__pointed" aria-live="polite">
        {pointed ?? 'Point at a cell to read it in words; click it to select the container and the capability.'}
      </p>
    </>
  )
}

interface HeaderProps {
  cap: CapabilityDef
  x: number
  layout: CapabilityLayout
  unit: number
  selected: boolean
  tabbable: boolean
  onSelect: (cap: string) => void
  index: number
  onKeyDown: (e: React.KeyboardEvent, index: number) => void
}

const ColumnHeader = memo(function ColumnHeader({ cap, x, layout, unit, selected, tabbable, onSelect, index, onKeyDown }: HeaderProps): React.JSX.Element {
  const baseY = layout.legendH + layout.headerH - unit * 0.4
  const cx = x + layout.cell / 2
  return (
    <g
      className={`cap-matrix__head${selected ? ' is-selected' : ''}`}
      data-cap={cap.name}
      role="button"
      tabIndex={tabbable ? 0 : -1}
      aria-pressed={selected}
      aria-label={`${cap.name}: ${cap.summary}`}
      onClick={() => onSelect(cap.name)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault()
          onSelect(cap.name)
        } else onKeyDown(e, index)
      }}
    >
      <title>{`${cap.name} (bit ${cap.bit}): ${cap.summary}`}</title>
      <rect x={x} y={layout.legendH + unit * 2} width={layout.cell} height={layout.headerH - unit * 2} className="cap-matrix__head-hit" />
      {layout.horizontal ? (
        <text x={cx} y={shortNameY(layout, index)} fontSize={layout.horizontal.fontSize} textAnchor="middle" className="mono cap-matrix__short">
          {shortCapabilityName(cap.name)}
        </text>
      ) : (
        <text transform={`translate(${cx + unit * 0.3},${baseY}) rotate(-60)`} fontSize={unit * 0.85} className="mono">
          {cap.name.replace(/^CAP_/, '')}
        </text>
      )}
    </g>
  )
})

/** The baseline of a horizontal short name: neighbours on different lines, the last line nearest the cells. */
function shortNameY(layout: CapabilityLayout, index: number): number {
  const h = layout.horizontal!
  const top = layout.legendH + layout.headerH - h.fontSize * 0.6 - h.lines * h.lineH
  return top + ((index % h.lines) + 1) * h.lineH - h.lineH * 0.25
}

/** A thin line from each horizontal name down to its column, drawn under every name (their halo hides it where it crosses one). */
function ShortNameTicks({ layout }: { layout: CapabilityLayout }): React.JSX.Element {
  const bottom = layout.legendH + layout.headerH
  return (
    <g className="cap-matrix__ticks" aria-hidden="true">
      {COLUMNS.map((c, i) => {
        const x = (layout.colX[i] ?? 0) + layout.cell / 2
        return <line key={c.name} x1={x} x2={x} y1={shortNameY(layout, i) + 3} y2={bottom} />
      })}
    </g>
  )
}

/** What the short names stand for (presenter mode). */
function ShortNameLegend(): React.JSX.Element {
  return (
    <p className="cap-matrix__short-legend" aria-label="Short names">
      {shortNameLegend(COLUMNS.map((c) => c.name)).map(([short, full]) => (
        <span key={short}>
          <b className="mono">{short}</b> {full}
        </span>
      ))}
    </p>
  )
}

interface RowProps {
  row: CapabilityRow
  y: number
  layout: CapabilityLayout
  unit: number
  selected: boolean
  tabbable: boolean
  onSelect: (id: string) => void
  onSelectCap: (cap: string) => void
  index: number
  onKeyDown: (e: React.KeyboardEvent, index: number) => void
}

const MatrixRow = memo(function MatrixRow({ row, y, layout, unit, selected, tabbable, onSelect, onSelectCap, index, onKeyDown }: RowProps): React.JSX.Element {
  const summary = row.running ? `${row.effectiveCount} effective, ${row.added} added, ${row.dropped} dropped` : 'not running'
  return (
    <g className={`cap-matrix__row${selected ? ' is-selected' : ''}${row.running ? '' : ' is-stopped'}`}>
      <rect className="cap-matrix__row-band" x={0} y={y} width={layout.width} height={layout.cell} />
      <g
        data-row={row.containerId}
        role="button"
        tabIndex={tabbable ? 0 : -1}
        aria-pressed={selected}
        aria-label={`${row.name}: ${summary}${row.uid !== null && row.uid !== 0 ? `, runs as uid ${row.uid}` : ''}`}
        onClick={() => onSelect(row.containerId)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault()
            onSelect(row.containerId)
          } else onKeyDown(e, index)
        }}
        className="cap-matrix__row-label"
      >
        <rect x={0} y={y} width={layout.labelW - 4} height={layout.cell} className="cap-matrix__label-hit" />
        <title>{row.name}</title>
        <text x={unit * 0.3} y={y + layout.cell * 0.7} fontSize={unit * 0.95}>
          {fitText(row.name, layout.labelW - unit * 3.4, unit * 0.95)}
        </text>
        <text x={layout.labelW - unit * 0.6} y={y + layout.cell * 0.7} fontSize={unit * 0.8} textAnchor="end" className="muted-text">
          {row.running ? `${row.effectiveCount}` : '—'}
        </text>
      </g>
      {row.running ? (
        <g
          className="cap-matrix__cells"
          data-row-id={row.containerId}
          onClick={(e) => {
            const cap = (e.target as Element).getAttribute('data-cap-cell')
            onSelect(row.containerId)
            if (cap) onSelectCap(cap)
          }}
        >
          {row.cells.map((cell, i) => (
            <CapabilityGlyph key={cell.cap} cell={cell} size={layout.cell} x={layout.colX[i] ?? 0} y={y} />
          ))}
        </g>
      ) : (
        <text x={layout.colX[0] ?? 0} y={y + layout.cell * 0.7} fontSize={unit * 0.85} className="muted-text">
          not running: no process whose capabilities could be read
        </text>
      )}
    </g>
  )
})

function MatrixLegend({ unit, cell }: { unit: number; cell: number }): React.JSX.Element {
  const items: Array<[Parameters<typeof CapabilityGlyph>[0]['cell'], string]> = [
    [{ cap: '', effective: true, bounding: true, inDefault: true, status: 'default' }, "effective, in Docker's default set"],
    [{ cap: '', effective: true, bounding: true, inDefault: false, status: 'added' }, 'effective, added beyond the default'],
    [{ cap: '', effective: false, bounding: true, inDefault: true, status: 'default' }, 'held but not effective (non-root user)'],
    [{ cap: '', effective: false, bounding: false, inDefault: true, status: 'dropped' }, "dropped from Docker's default"],
    [{ cap: '', effective: false, bounding: false, inDefault: false, status: 'absent' }, 'not held, not in the default']
  ]
  const perRow = 3
  const colW = unit * 19
  return (
    <g className="legend" aria-label="Legend">
      {items.map(([c, text], i) => {
        const x = (i % perRow) * colW
        const y = Math.floor(i / perRow) * (cell + unit * 0.4)
        return (
          <g key={text} transform={`translate(${x},${y})`}>
            <CapabilityGlyph cell={c} size={cell} x={0} y={0} />
            <text x={cell + unit * 0.4} y={cell * 0.7} fontSize={unit * 0.85} className="legend__label">
              {text}
            </text>
          </g>
        )
      })}
    </g>
  )
}

export { COLUMNS as CAPABILITY_COLUMNS }
