// One capability cell: fill says "effective", the symbol says "added" (+) or "dropped" (−)
// compared with Docker's default set; an outline means held in the bounding set only.
// Drawn as bare shapes (no wrapper, no tooltip element): a matrix can have 200 × 41 of them.
import type { CapabilityCell as Cell } from '../../../shared/selectors/capability-matrix'

export function cellDescription(cell: Cell): string {
  const name = cell.cap
  if (cell.status === 'unknown') return `${name}: unknown (not running or unreadable)`
  const rel =
    cell.status === 'added' ? "added beyond Docker's default set" : cell.status === 'dropped' ? "dropped from Docker's default set" : cell.status === 'default' ? "in Docker's default set" : 'not held, not in the default set'
  const eff = cell.effective ? 'effective' : cell.bounding ? 'held in the bounding set but not effective' : 'not effective'
  return `${name}: ${eff}, ${rel}`
}

export function cellClasses(cell: Cell): string {
  const outlined = !cell.effective && (cell.bounding || cell.status === 'dropped')
  return `cap-cell--${cell.status}${cell.effective ? ' is-effective' : ''}${outlined ? ' is-outlined' : ''}`
}

export function CapabilityGlyph({ cell, size, x, y }: { cell: Cell; size: number; x: number; y: number }): React.JSX.Element {
  const inset = Math.max(2, size * 0.12)
  const s = size - inset * 2
  const fs = size * 0.72
  const glyph = cell.status === 'added' ? '+' : cell.status === 'dropped' ? '−' : cell.status === 'unknown' ? '?' : null
  const classes = cellClasses(cell)
  return (
    <>
      {cell.status === 'absent' ? (
        <circle cx={x + size / 2} cy={y + size / 2} r={Math.max(1.2, size * 0.07)} className="cap-cell__dot" data-cap-cell={cell.cap} />
      ) : (
        <rect x={x + inset} y={y + inset} width={s} height={s} rx={2} className={`cap-cell__box ${classes}`} data-cap-cell={cell.cap} />
      )}
      {glyph && (
        <text x={x + size / 2} y={y + size / 2 + fs * 0.36} textAnchor="middle" fontSize={fs} className={`cap-cell__glyph ${classes}`} data-cap-cell={cell.cap}>
          {glyph}
        </text>
      )}
    </>
  )
}
