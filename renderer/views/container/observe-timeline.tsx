// A timeline of first use over the observation window: when each capability was first granted (or
// refused) and when each family of system calls first appeared.
import type { Observation } from '../../../shared/observe/observation'
import { firstUses } from '../../../shared/observe/observation-view'

const ROW = 18
const LEFT = 110
const WIDTH = 640

export function FirstUseTimeline({ observation: o }: { observation: Observation }): React.JSX.Element | null {
  const marks = firstUses(o)
  if (marks.length === 0) return null
  const span = Math.max(o.seconds, ...marks.map((m) => m.at), 0.1)
  const x = (at: number): number => LEFT + (at / span) * (WIDTH - LEFT - 20)
  const height = marks.length * ROW + 26
  return (
    <figure className="observe-timeline">
      <figcaption>
        First use in the window (seconds): <span className="observe-verdict--used">✓ capability granted</span>,{' '}
        <span className="observe-verdict--denied">✗ refused</span>, the others are families of system calls
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={`First use: ${marks.map((m) => `${m.label} at ${m.at.toFixed(1)} s`).join(', ')}`}>
        <line x1={LEFT} x2={x(span)} y1={height - 18} y2={height - 18} className="observe-axis" />
        {[0, span / 2, span].map((t) => (
          <text key={t} x={x(t)} y={height - 4} textAnchor={t === 0 ? 'start' : t === span ? 'end' : 'middle'} className="observe-tick">
            {t.toFixed(1)}
          </text>
        ))}
        {marks.map((m, i) => (
          <g key={`${m.kind}-${m.label}`} transform={`translate(0, ${i * ROW + 4})`}>
            <text x={LEFT - 8} y={11} textAnchor="end" className={`observe-mark-label observe-mark-label--${m.kind}`}>
              {m.kind === 'syscalls' ? m.label : `${m.kind === 'used' ? '✓' : '✗'} ${m.label}`}
            </text>
            <line x1={LEFT} x2={x(span)} y1={7} y2={7} className="observe-row" />
            <circle cx={x(m.at)} cy={7} r={5} className={`observe-dot observe-dot--${m.kind}`} />
            <text x={x(m.at) > WIDTH - 80 ? x(m.at) - 9 : x(m.at) + 9} y={11} textAnchor={x(m.at) > WIDTH - 80 ? 'end' : 'start'} className="observe-tick">
              {m.at.toFixed(1)} s
            </text>
          </g>
        ))}
      </svg>
    </figure>
  )
}
