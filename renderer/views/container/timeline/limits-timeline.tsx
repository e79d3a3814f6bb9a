// The limits timeline of one container: lanes for memory, CPU, the share of CFS periods throttled,
// pids and (where the kernel has it) PSI, with OOM kills, restarts, Docker events and limit hits as
// markers, on one time axis over the history the live session keeps. Zoom by window; hover, or focus
// and use the arrow keys, to read every lane at one sample. Exported with the view (svg[data-export]).
import { useMemo, useRef, useState } from 'react'
import type { ContainerInfo } from '../../../../shared/model'
import { useElementWidth } from '../../../hooks/use-element-width'
import { useVizUnit } from '../../../hooks/use-snapshot'
import {
  nearestPoint,
  pointsIn,
  MEMORY_HIT_TEXT,
  memoryHits,
  refusedForks,
  throttlingOver,
  timelineDomain,
  timelineLanes,
  timelineMarkers,
  ZOOM_CHOICES,
  type Domain,
  type Marker,
  type ZoomChoice
} from '../../../selectors/limits-timeline'
import { useApp } from '../../../store/app-store'
import type { SeriesPoint } from '../../../store/live-data'
import { clockTime } from '../../../viz/clock-time'
import { TimelineLanes } from './timeline-lanes'
import { formatValue, laneReadout, MARKER_GLYPH } from './timeline-format'
import './limits-timeline.css'

const EMPTY: SeriesPoint[] = []

export function LimitsTimeline({ container }: { container: ContainerInfo }): React.JSX.Element {
  const ref = useRef<HTMLDivElement>(null)
  const width = useElementWidth(ref, 900)
  const unit = useVizUnit()
  const series = useApp((s) => s.series[container.id] ?? EMPTY)
  const events = useApp((s) => s.events)
  const [zoom, setZoom] = useState<ZoomChoice>('all')
  const [cursorT, setCursorT] = useState<number | null>(null)
  /** A window chosen by dragging across the chart (or + and − at the cursor); null = the zoom buttons'. */
  const [brushed, setBrushed] = useState<Domain | null>(null)

  const domain = useMemo(() => brushed ?? timelineDomain(series, zoom), [series, zoom, brushed])
  const lanes = useMemo(() => (domain ? timelineLanes(series, domain) : []), [series, domain])
  const markers = useMemo(() => (domain ? timelineMarkers(events, container.id, domain) : []), [events, container.id, domain])
  const forks = useMemo(() => refusedForks(series), [series])
  const memHits = useMemo(() => memoryHits(series), [series])
  const visible = useMemo(() => (domain ? pointsIn(series, domain) : []), [series, domain])
  const cursor = domain && cursorT !== null ? nearestPoint(series, cursorT, domain) : null
  const throttling = domain ? throttlingOver(series, domain) : null
  const refusedInWindow = domain ? forks.filter((f) => f.t > domain.t0 && f.t <= domain.t1).reduce((n, f) => n + f.count, 0) : 0
  const memHitsInWindow = (kind: 'high' | 'max'): number =>
    domain ? memHits.filter((m) => m.kind === kind && m.t > domain.t0 && m.t <= domain.t1).reduce((n, m) => n + m.count, 0) : 0
  const overHigh = memHitsInWindow('high')
  const atMax = memHitsInWindow('max')

  const step = (key: string): boolean => {
    if (visible.length === 0) return false
    const at = cursor ? visible.findIndex((p) => p.t === cursor.t) : -1
    let next: number | null = null
    if (key === 'ArrowLeft') next = at < 0 ? visible.length - 1 : Math.max(0, at - 1)
    else if (key === 'ArrowRight') next = at < 0 ? visible.length - 1 : Math.min(visible.length - 1, at + 1)
    else if (key === 'Home') next = 0
    else if (key === 'End') next = visible.length - 1
    else if (key === 'Escape') {
      setCursorT(null)
      return true
    } else if ((key === '+' || key === '-') && domain) {
      // Halve or double the window around the cursor (or its end).
      const centre = cursor?.t ?? domain.t1
      const half = ((domain.t1 - domain.t0) * (key === '+' ? 0.5 : 2)) / 2
      setBrushed({ t0: Math.max(series[0]!.t, centre - half), t1: Math.min(series.at(-1)!.t, centre + half) })
      return true
    }
    if (next === null) return false
    setCursorT(visible[next]!.t)
    return true
  }

  return (
    <section className="panel container-grid__wide limits-timeline" aria-labelledby="c-timeline">
      <header className="limits-timeline__head">
        <h3 id="c-timeline">Limits timeline</h3>
        <div role="group" aria-label="Time window" className="limits-timeline__zoom">
          {ZOOM_CHOICES.map((z) => (
            <button
              key={z.key}
              type="button"
              aria-pressed={brushed === null && zoom === z.key}
              onClick={() => {
                setBrushed(null)
                setZoom(z.key)
              }}
            >
              {z.label}
            </button>
          ))}
        </div>
      </header>
      <div ref={ref}>
        {!domain ? (
          <p className="muted">No live samples for {container.name} yet. Samples arrive once a second while Glasshouse watches a live host; the timeline keeps the last ten minutes.</p>
        ) : (
          <>
            {brushed && (
              <p className="limits-timeline__zoomed">
                Zoomed to {clockTime(new Date(brushed.t0))}–{clockTime(new Date(brushed.t1))}.{' '}
                <button type="button" className="link" onClick={() => setBrushed(null)}>
                  Back to {ZOOM_CHOICES.find((z) => z.key === zoom)?.label}
                </button>
              </p>
            )}
            <p className="limits-timeline__summary">
              {throttling?.fraction != null ? (
                <>
                  In this window CFS throttled <strong>{formatValue('share', throttling.fraction)}</strong> of its periods ({throttling.throttledPeriods} of {throttling.periods}).
                </>
              ) : (
                'No throttled CFS periods in this window to count.'
              )}
              {refusedInWindow > 0 && ` ${refusedInWindow} fork(s) refused by the pids limit.`}
              {overHigh > 0 && ` Memory went over memory.high ${times(overHigh)}.`}
              {atMax > 0 && ` Memory hit its limit ${times(atMax)} (the kernel reclaimed).`}
            </p>
            <div
              className="limits-timeline__chart"
              tabIndex={0}
              role="group"
              aria-label={`Limits timeline of ${container.name}. Arrow keys move the cursor from sample to sample, Home and End jump to the ends, Escape hides it; plus and minus zoom in and out around it. Drag across the chart to zoom to a range.`}
              onKeyDown={(e) => {
                if (step(e.key)) e.preventDefault()
              }}
            >
              <TimelineLanes
                title={`${container.name}: limits timeline, ${clockTime(new Date(domain.t0))}–${clockTime(new Date(domain.t1))}`}
                width={width}
                unit={unit}
                domain={domain}
                lanes={lanes}
                markers={markers}
                forks={forks}
                memoryHits={memHits}
                cursor={cursor}
                newest={visible.at(-1) ?? null}
                onHover={setCursorT}
                onBrush={(range) => setBrushed(range.t1 - range.t0 >= 1000 ? range : null)}
              />
            </div>
            <p className="limits-timeline__readout" role="status" data-testid="timeline-readout">
              {cursor ? (
                <>
                  <strong>{clockTime(cursor.at)}</strong>
                  {lanes.map((l) => (
                    <span key={l.key}>
                      {' '}
                      · <b>{l.title}</b> {laneReadout(l, cursor)}
                    </span>
                  ))}
                  {memHits
                    .filter((m) => m.t === cursor.t)
                    .map((m) => (
                      <span key={`h${m.kind}`} className="text-risk">
                        {' '}
                        · memory {MEMORY_HIT_TEXT[m.kind]} {times(m.count)}
                      </span>
                    ))}
                  {markersNear(markers, cursor.t).map((m, i) => (
                    <span key={`m${i}`} className="text-risk">
                      {' '}
                      · {MARKER_GLYPH[m.kind]} {m.label}
                    </span>
                  ))}
                </>
              ) : (
                'Point at the chart, or focus it and press ← →, to read every lane at one sample; drag across it (or press + −) to zoom.'
              )}
            </p>
            <p className="muted legend-line">
              Markers: {MARKER_GLYPH.oom} OOM kill · {MARKER_GLYPH.exit} exited · {MARKER_GLYPH.restart} (re)started · {MARKER_GLYPH.docker} other Docker event · {MARKER_GLYPH.throttled} CPU
              throttled · {MARKER_GLYPH.pids} fork refused · {MARKER_GLYPH.memory} memory near its limit. Ticks from the top of the memory lane: went over memory.high
              (short) or hit the memory limit (long); hover one for the count. Dashed lines are limits; a break in a line is a missing sample.
            </p>
          </>
        )}
      </div>
    </section>
  )
}

function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`
}

/** The markers within one second of t: what the readout names at the cursor. */
function markersNear(markers: readonly Marker[], t: number): Marker[] {
  return markers.filter((m) => Math.abs(m.t - t) <= 1000)
}
