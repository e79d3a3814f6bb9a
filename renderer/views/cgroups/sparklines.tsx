// The selected container's recent minutes: CPU, memory and pids against their limits, with a
// marker wherever a limit bit (OOM kill, throttling, pids limit), and the list of those moments.
import { useMemo, useRef } from 'react'
import { formatBytes, formatCores } from '../../../shared/format'
import type { LiveEvent } from '../../../shared/live'
import type { ContainerInfo } from '../../../shared/model'
import { useElementWidth } from '../../hooks/use-element-width'
import { useVizUnit } from '../../hooks/use-snapshot'
import { useApp } from '../../store/app-store'
import type { SeriesPoint } from '../../store/live-data'
import { sparkGeometry, type Metric } from '../../viz/sparkline'
import { clockTime } from '../../viz/clock-time'

const EMPTY: SeriesPoint[] = []
const MARK: Record<string, string> = { 'oom-kill': '✖', 'container-oom': '✖', 'cpu-throttled': '◆', 'pids-limit': '■', 'memory-pressure': '●' }
export const KIND_TEXT: Record<string, string> = {
  'oom-kill': 'OOM kill',
  'container-oom': 'OOM (Docker)',
  'cpu-throttled': 'CPU throttled',
  'pids-limit': 'pids limit hit',
  'memory-pressure': 'memory pressure'
}

export function formatMetric(metric: Metric, v: number | null): string {
  if (v === null) return '—'
  if (metric === 'memory') return formatBytes(v)
  if (metric === 'cpu') return formatCores(Math.round(v * 100) / 100)
  return String(Math.round(v))
}

export function timeOf(at: string): string {
  return clockTime(at)
}

export function Sparklines({ container }: { container: ContainerInfo }): React.JSX.Element {
  const ref = useRef<HTMLDivElement>(null)
  const width = Math.min(useElementWidth(ref, 520), 900)
  const unit = useVizUnit()
  const series = useApp((s) => s.series[container.id] ?? EMPTY)
  const allEvents = useApp((s) => s.events)
  const events = useMemo(() => allEvents.filter((e) => e.containerId === container.id), [allEvents, container.id])
  const limitEvents = events.filter((e) => MARK[e.kind] !== undefined)
  const chartH = Math.round(unit * 5.2)
  const labelH = Math.round(unit * 1.5)
  const cpuLimit = container.limits?.cpuQuotaCores ?? null
  const memoryLimit = container.limits?.memoryBytes ?? null
  const pidsLimit = container.limits?.pidsMax ?? null
  // A container that stopped keeps its last minutes, but its last value is final, not current.
  const ended = container.pid === null
  const lastWord = ended ? (container.exit ? 'at exit' : 'last') : 'now'
  const rows: Array<[Metric, string]> = [
    ['cpu', 'CPU (cores)'],
    ['memory', 'memory (usage; working set darker)'],
    ['pids', 'processes (pids)']
  ]
  // Paths over minutes of points: made again when a sample adds one, not when a patch re-renders the view.
  const geometry = useMemo(() => {
    const size = { width, height: chartH, pad: 4 }
    return {
      cpu: sparkGeometry(series, events, 'cpu', size, cpuLimit, ended),
      memory: sparkGeometry(series, events, 'memory', size, memoryLimit, ended),
      pids: sparkGeometry(series, events, 'pids', size, pidsLimit, ended)
    }
  }, [series, events, width, chartH, cpuLimit, memoryLimit, pidsLimit, ended])
  const height = rows.length * (chartH + labelH + unit) + unit * 1.6
  const span = series.length > 1 ? Math.round(((series.at(-1)?.t ?? 0) - (series[0]?.t ?? 0)) / 1000) : 0

  return (
    <div ref={ref} className="sparklines">
      {series.length === 0 ? (
        <p className="muted">No live samples for {container.name} yet: the bars above show the last snapshot. Samples arrive once a second while Glasshouse watches a live host.</p>
      ) : (
        <svg width={width} height={height} data-export={`${container.name}: the last ${Math.max(1, Math.round(span / 60))} minute(s)`} role="group" aria-label={`Recent history of ${container.name}`}>
          {rows.map(([metric, label], i) => {
            const g = geometry[metric]
            const y0 = i * (chartH + labelH + unit)
            return (
              <g key={metric} transform={`translate(0,${y0})`} className={`spark spark--${metric}`}>
                <text x={0} y={unit} fontSize={unit * 0.9} className="spark__label">
                  {label}: {lastWord} {formatMetric(metric, g.last)}
                  {g.limit !== null ? ` · limit ${formatMetric(metric, g.limit)}` : ' · no limit'}
                </text>
                <g transform={`translate(0,${labelH})`}>
                  <rect className="spark__bg" width={width} height={chartH} rx={4} />
                  {g.limitY !== null && (
                    <>
                      <line className="spark__limit" x1={0} x2={width} y1={g.limitY} y2={g.limitY} />
                      <text className="spark__limit-text" x={width - 6} y={g.limitY - 4} textAnchor="end" fontSize={unit * 0.78}>
                        limit
                      </text>
                    </>
                  )}
                  {g.secondary && <path className="spark__secondary" d={g.secondary} />}
                  <path className="spark__line" d={g.path} />
                  {g.markers.map((m, k) => (
                    <g key={k} className={`spark__marker spark__marker--${m.event.kind}`}>
                      <title>{`${timeOf(m.event.at)} · ${KIND_TEXT[m.event.kind] ?? m.event.kind}: ${m.event.message}`}</title>
                      <line x1={m.x} x2={m.x} y1={0} y2={chartH} />
                      <text x={m.x} y={unit * 1.05} textAnchor="middle" fontSize={unit}>
                        {MARK[m.event.kind] ?? '●'}
                      </text>
                    </g>
                  ))}
                </g>
              </g>
            )
          })}
          <text x={0} y={height - unit * 0.3} fontSize={unit * 0.8} className="spark__axis">
            {series[0] ? timeOf(series[0].at) : ''}
          </text>
          <text x={width} y={height - unit * 0.3} fontSize={unit * 0.8} textAnchor="end" className="spark__axis">
            {series.at(-1) ? `${timeOf(series.at(-1)?.at ?? '')} (${ended ? 'last sample' : 'now'})` : ''}
          </text>
        </svg>
      )}
      <LimitEvents events={limitEvents} />
    </div>
  )
}

function LimitEvents({ events }: { events: readonly LiveEvent[] }): React.JSX.Element {
  return (
    <div className="limit-events">
      <h4>Where the limits bit</h4>
      {events.length === 0 ? (
        <p className="muted">No limit was hit in this window: no OOM kill, no throttling, no failed fork.</p>
      ) : (
        <ol className="limit-events__list">
          {[...events].reverse().map((e) => (
            <li key={`${e.at}-${e.kind}`} className={`limit-event limit-event--${e.kind}`}>
              <span className="mono">{timeOf(e.at)}</span>{' '}
              <strong>
                <span aria-hidden="true">{MARK[e.kind]} </span>
                {KIND_TEXT[e.kind] ?? e.kind}
              </strong>{' '}
              — {e.message}
            </li>
          ))}
        </ol>
      )}
      <p className="muted legend-line">
        Markers: <span aria-hidden="true">✖</span> OOM kill · <span aria-hidden="true">◆</span> CPU throttled · <span aria-hidden="true">■</span> pids limit · <span aria-hidden="true">●</span> memory
        pressure. The dashed line is the limit.
      </p>
    </div>
  )
}
