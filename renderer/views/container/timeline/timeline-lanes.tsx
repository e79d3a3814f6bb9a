// The timeline's picture: a marker strip, one plot per lane under a header with its values, and a
// shared time axis; a vertical rule at the cursor. Geometry from d3 scales; the data from the selectors.
import { curveStepAfter, line, scaleLinear, scaleTime } from 'd3'
import { useId, useState } from 'react'
import { MEMORY_HIT_TEXT, type Domain, type Lane, type Marker, type MemoryHit, type XY } from '../../../selectors/limits-timeline'
import type { SeriesPoint } from '../../../store/live-data'
import { clockTime } from '../../../viz/clock-time'
import { formatValue, lineReadout, MARKER_GLYPH } from './timeline-format'

interface Props {
  title: string
  width: number
  unit: number
  domain: Domain
  lanes: readonly Lane[]
  markers: readonly Marker[]
  forks: ReadonlyArray<{ t: number; count: number }>
  /** Rises of memory.events high / max (v1 failcnt), drawn at the top of the memory lane. */
  memoryHits: readonly MemoryHit[]
  cursor: SeriesPoint | null
  /** The newest sample in the window: the headers' values when no cursor is set. */
  newest: SeriesPoint | null
  onHover: (t: number | null) => void
  /** A range dragged across the chart: the window to zoom to. */
  onBrush: (range: Domain) => void
}

export function TimelineLanes({ title, width, unit, domain, lanes, markers, forks, memoryHits, cursor, newest, onHover, onBrush }: Props): React.JSX.Element {
  const pad = Math.round(unit * 0.6)
  const stripH = Math.round(unit * 1.8)
  const headH = Math.round(unit * 1.6)
  const plotH = (lane: Lane): number => Math.round(unit * (lane.key === 'throttled' || lane.key === 'pressure' ? 3 : 4.2))
  const gap = Math.round(unit * 0.6)
  const axisH = Math.round(unit * 1.8)
  const x = scaleTime()
    .domain([domain.t0, domain.t1])
    .range([pad, width - pad])
  const placed: Array<{ lane: Lane; top: number; h: number }> = []
  for (const lane of lanes) {
    const above = placed.at(-1)
    const top = (above ? above.top + above.h + gap : stripH) + headH
    placed.push({ lane, top, h: plotH(lane) })
  }
  const last = placed.at(-1)
  const plotsBottom = last ? last.top + last.h : stripH
  const height = plotsBottom + axisH
  const shownAt = cursor ?? newest
  // A label near an edge grows inwards instead of being cut off.
  const anchorAt = (px: number): 'start' | 'middle' | 'end' => (px < pad + unit * 2.5 ? 'start' : px > width - pad - unit * 2.5 ? 'end' : 'middle')
  // At most one tick per second: the labels have a resolution of one second.
  const spanSeconds = Math.max(1, Math.floor((domain.t1 - domain.t0) / 1000))
  const ticks = x.ticks(Math.max(2, Math.min(spanSeconds, Math.floor(width / (unit * 7))))).filter((t) => t.getMilliseconds() === 0)

  // Drag to zoom: the x where the primary button went down, and where the pointer is now.
  // Lines reach one sample past each edge of the window: clip them to the plots.
  const clipId = `timeline-clip-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null)
  const clampX = (px: number): number => Math.max(pad, Math.min(width - pad, px))
  const localX = (clientX: number, target: SVGSVGElement): number => clientX - target.getBoundingClientRect().left
  const hover = (clientX: number, target: SVGSVGElement): void => {
    const px = localX(clientX, target)
    if (drag) setDrag({ ...drag, to: clampX(px) })
    if (px < pad || px > width - pad) return onHover(null)
    onHover(x.invert(px).getTime())
  }
  const endDrag = (): void => {
    if (drag && Math.abs(drag.to - drag.from) >= 6) {
      const [a, b] = [drag.from, drag.to].sort((p, q) => p - q) as [number, number]
      onBrush({ t0: x.invert(a).getTime(), t1: x.invert(b).getTime() })
    }
    setDrag(null)
  }

  return (
    <svg
      width={width}
      height={height}
      data-export={title}
      role="img"
      aria-label={title}
      className="timeline"
      onPointerDown={(e) => {
        if (e.button !== 0) return
        const px = clampX(localX(e.clientX, e.currentTarget))
        setDrag({ from: px, to: px })
      }}
      onPointerMove={(e) => hover(e.clientX, e.currentTarget)}
      onPointerUp={endDrag}
      onPointerLeave={() => {
        endDrag()
        onHover(null)
      }}
    >
      <defs>
        <clipPath id={clipId}>
          <rect x={pad} y={0} width={width - 2 * pad} height={height} />
        </clipPath>
      </defs>
      <rect className="timeline__strip" x={pad} y={0} width={width - 2 * pad} height={stripH - 4} rx={3}>
        <title>Events: OOM kills, exits, starts, other Docker events and limit hits</title>
      </rect>
      {placed.map(({ lane, top, h }) => {
        const yScale = scaleLinear().domain([0, lane.yMax]).range([top + h, top])
        const path = line<XY>()
          .x((d) => x(d.t))
          .y((d) => yScale(d.v))
        // Limits change in steps (docker update), never gradually.
        const steps = line<XY>()
          .x((d) => x(d.t))
          .y((d) => yScale(d.v))
          .curve(curveStepAfter)
        return (
          <g key={lane.key} className={`timeline__lane timeline__lane--${lane.key}`} data-lane={lane.key}>
            <text x={pad} y={top - headH * 0.3} fontSize={unit * 0.9} className="timeline__lane-head">
              <tspan fontWeight={700}>{lane.title}</tspan>
              <tspan className="timeline__lane-values" dx={unit * 0.5}>
                {shownAt ? `at ${clockTime(shownAt.at)}:` : 'no sample'}
              </tspan>
              {shownAt &&
                lane.lines.map((l, i) => (
                  <tspan key={l.key} dx={unit * 0.4}>
                    {i > 0 && <tspan className="timeline__lane-values">· </tspan>}
                    <tspan className={`timeline__swatch timeline__swatch--${l.role} timeline__swatch--${l.key}`}>{l.role === 'limit' ? '┅' : '━'}</tspan>
                    <tspan className="timeline__lane-values"> {lineReadout(lane, l, shownAt)}</tspan>
                  </tspan>
                ))}
            </text>
            <text className="timeline__scale" x={width - pad} y={top - headH * 0.3} fontSize={unit * 0.75} textAnchor="end">
              scale 0–{formatValue(lane.kind, lane.yMax)}
            </text>
            <rect className="timeline__bg" x={pad} y={top} width={width - 2 * pad} height={h} rx={3} />
            {lane.note && (
              <text className="timeline__note" x={pad + 6} y={top + h / 2 + unit * 0.3} fontSize={unit * 0.8}>
                {lane.note}
              </text>
            )}
            {/* Limits under the values: a count at its limit must still show. */}
            {[...lane.lines].sort((a, b) => Number(b.role === 'limit') - Number(a.role === 'limit')).map((l) =>
              l.runs.map((run, i) => (
                <path
                  key={`${l.key}-${i}`}
                  clipPath={`url(#${clipId})`}
                  className={`timeline__line timeline__line--${l.role} timeline__line--${l.key}`}
                  d={(l.role === 'limit' ? steps : path)(run) ?? ''}
                />
              ))
            )}
            {lane.key === 'pids' &&
              forks
                .filter((f) => f.t >= domain.t0 && f.t <= domain.t1)
                .map((f, i) => (
                  <line key={`f${i}`} className="timeline__fork" x1={x(f.t)} x2={x(f.t)} y1={top + h - unit * 0.9} y2={top + h}>
                    <title>{`${clockTime(new Date(f.t))}: ${f.count} fork(s) refused`}</title>
                  </line>
                ))}
            {lane.key === 'memory' &&
              memoryHits
                .filter((m) => m.t >= domain.t0 && m.t <= domain.t1)
                .map((m, i) => (
                  // Hung from the top, where the limits are: high a short tick, max (the hard limit) a longer one.
                  <line key={`m${i}`} className={`timeline__memhit timeline__memhit--${m.kind}`} x1={x(m.t)} x2={x(m.t)} y1={top} y2={top + unit * (m.kind === 'max' ? 1.1 : 0.7)}>
                    <title>{`${clockTime(new Date(m.t))}: ${MEMORY_HIT_TEXT[m.kind]} ${m.count === 1 ? 'once' : `${m.count} times`}`}</title>
                  </line>
                ))}
          </g>
        )
      })}
      {markers.map((m, i) => {
        const mx = x(m.t)
        const lane = placed.find((p) => p.lane.key === m.lane)
        return (
          <g key={i} className={`timeline__marker timeline__marker--${m.kind}`}>
            <title>{`${clockTime(new Date(m.t))} · ${m.label}: ${m.message}`}</title>
            {/* Through the plots only, so the lane headers stay readable. */}
            {(lane ? [lane] : placed).map((p) => (
              <line key={p.lane.key} x1={mx} x2={mx} y1={p.top} y2={p.top + p.h} />
            ))}
            <text x={mx} y={stripH * 0.68} fontSize={unit * 0.95} textAnchor="middle">
              {MARKER_GLYPH[m.kind]}
            </text>
          </g>
        )
      })}
      {ticks.map((t) => (
        <g key={t.getTime()} className="timeline__tick">
          <line x1={x(t)} x2={x(t)} y1={plotsBottom} y2={plotsBottom + 4} />
          <text x={x(t)} y={plotsBottom + axisH * 0.75} fontSize={unit * 0.78} textAnchor={anchorAt(x(t))}>
            {clockTime(t)}
          </text>
        </g>
      ))}
      {drag && drag.to !== drag.from && (
        <rect className="timeline__brush" data-export-skip="" x={Math.min(drag.from, drag.to)} y={0} width={Math.abs(drag.to - drag.from)} height={plotsBottom} />
      )}
      {cursor && (
        <line className="timeline__rule" data-testid="timeline-rule" x1={x(cursor.t)} x2={x(cursor.t)} y1={0} y2={plotsBottom} />
      )}
    </svg>
  )
}

