import { memo } from 'react'
import type { ChipBox } from '../../viz/pid-layout'
import { fitText } from '../../viz/text-metrics'

interface Props {
  chip: ChipBox
  unit: number
  /** In the namespace under the pointer: true; outside it while one is hovered: false; none hovered: null. */
  hit: boolean | null
  selected: boolean
  /** The container name, shown when the process sits in the host's box. */
  containerTag: string | null
  onSelect: (key: string, containerId: string | null) => void
}

/** One process: its command, and its PIDs from the host's namespace down to its own. */
export const PidChip = memo(function PidChip({ chip, unit, hit, selected, containerTag, onSelect }: Props): React.JSX.Element {
  const { process: p } = chip
  const pad = Math.round(unit * 0.8)
  const host = p.chain[0] ?? p.pid
  const inner = p.chain.slice(1)
  const own = inner.at(-1)
  const middle = inner.slice(0, -1)
  const describe =
    inner.length === 0
      ? `${p.comm}: PID ${host} in the host's PID namespace${containerTag ? ` (container ${containerTag})` : ''}`
      : `${p.comm}: host PID ${host}${middle.map((m) => `, ${m} in an intermediate namespace`).join('')}, PID ${own} inside its own namespace`
  const classes = ['chip', hit === true ? 'is-hit' : hit === false ? 'is-dim' : '', selected ? 'is-selected' : '', containerTag ? 'chip--container-in-host' : '', p.inferred ? 'chip--inferred' : '']
  return (
    <g className={classes.filter(Boolean).join(' ')} transform={`translate(${chip.x},${chip.y})`} onClick={() => onSelect(p.key, p.containerId)}>
      <title>{describe}{p.inferred ? ' (its namespace could not be read; placed by its PID chain)' : ''}</title>
      <rect className="chip__bg" width={chip.w} height={chip.h} rx={4} />
      {hit === true && <path className="chip__hit-mark" d={`M${chip.w - 12},4 l8,0 l0,8 z`} />}
      <text className="chip__comm" x={pad} y={unit * 1.3} fontSize={unit * 0.92}>
        {fitText(containerTag ? `${p.comm} · ${containerTag}` : p.comm, chip.w - pad * 2, unit * 0.92)}
      </text>
      <text className="chip__pids mono" x={pad} y={unit * 2.55} fontSize={unit}>
        <tspan className="pid-host">{host}</tspan>
        {middle.map((m, i) => (
          <tspan key={i}>
            <tspan className="pid-arrow"> → </tspan>
            <tspan className="pid-mid">{m}</tspan>
          </tspan>
        ))}
        {own !== undefined && (
          <>
            <tspan className="pid-arrow"> → </tspan>
            <tspan className="pid-ns">{own}</tspan>
          </>
        )}
      </text>
    </g>
  )
})
