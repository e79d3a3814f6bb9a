// One bar of a cgroup card: use against the limit (or against the host when unlimited), with
// the numbers as text beside it. Near the limit it turns red and says so.
import { memo } from 'react'

export interface BarSpec {
  label: string
  /** 0..1 of the scale; null = unknown. */
  fill: number | null
  /** Memory: the working set, drawn darker inside the usage. */
  inner?: number | null
  limited: boolean
  text: string
  near: boolean
}

interface Props {
  spec: BarSpec
  x: number
  y: number
  width: number
  unit: number
}

/** The spec is made anew for every sample: compare what it says, so a bar that did not move is left alone. */
function sameBar(a: Props, b: Props): boolean {
  if (a.x !== b.x || a.y !== b.y || a.width !== b.width || a.unit !== b.unit) return false
  const keys = Object.keys(a.spec) as Array<keyof BarSpec>
  return keys.length === Object.keys(b.spec).length && keys.every((k) => a.spec[k] === b.spec[k])
}

export const UsageBar = memo(function UsageBar({ spec, x, y, width, unit }: Props): React.JSX.Element {
  const labelW = unit * 4.6
  const barW = width * 0.36
  const h = unit * 0.9
  const bx = x + labelW
  return (
    <g className={`usage-bar${spec.limited ? '' : ' usage-bar--unlimited'}${spec.near ? ' usage-bar--near' : ''}`}>
      <text x={x} y={y + h * 0.85} fontSize={unit * 0.88} className="usage-bar__label">
        {spec.label}
      </text>
      <rect className="usage-bar__track" x={bx} y={y} width={barW} height={h} rx={2} />
      {spec.fill !== null && <rect className="usage-bar__fill" x={bx} y={y} width={Math.max(spec.fill > 0 ? 1.5 : 0, barW * spec.fill)} height={h} rx={2} />}
      {spec.inner != null && <rect className="usage-bar__inner" x={bx} y={y + h * 0.3} width={Math.max(spec.inner > 0 ? 1.5 : 0, barW * spec.inner)} height={h * 0.4} />}
      {spec.limited && <line className="usage-bar__limit" x1={bx + barW} x2={bx + barW} y1={y - 2} y2={y + h + 2} />}
      <text x={bx + barW + unit * 0.6} y={y + h * 0.85} fontSize={unit * 0.88} className="usage-bar__text">
        {spec.near ? '▲ ' : ''}
        {spec.text}
      </text>
    </g>
  )
}, sameBar)
