// Honest memory (issue 11 item 3): one stacked bar of what a container's memory usage is made of, read from
// memory.stat, against its limit; which parts the kernel can reclaim (hatched), and where `docker stats` puts
// its figure and why it differs from the usage.
import { useRef } from 'react'
import { formatBytes } from '../../../shared/format'
import type { ContainerInfo } from '../../../shared/model'
import { memoryBreakdownOf, type MemoryBreakdownView, type MemoryPartKey } from '../../../shared/selectors/memory-breakdown'
import { useElementWidth } from '../../hooks/use-element-width'
import { useVizUnit } from '../../hooks/use-snapshot'

/** Okabe–Ito based group colours (theme.css), one per part; the hatching, not the colour, says "reclaimable". */
const PART_COLOUR: Record<MemoryPartKey, string> = {
  anon: 'var(--group-0)',
  shmem: 'var(--group-6)',
  kernel: 'var(--group-1)',
  sock: 'var(--group-5)',
  unitemised: 'var(--border-strong)',
  activeFile: 'var(--group-2)',
  inactiveFile: 'var(--group-4)'
}

export function MemoryBreakdownPanel({ container: c, takenAt }: { container: ContainerInfo; takenAt: string }): React.JSX.Element | null {
  if (c.pid === null) return null
  const view = memoryBreakdownOf(c.usage, c.limits?.memoryBytes ?? null)
  return (
    <section className="panel" aria-labelledby="c-memory">
      <h3 id="c-memory">Memory: what the usage is made of</h3>
      {view ? <Breakdown view={view} name={c.name} idSuffix={c.id.slice(0, 12)} takenAt={takenAt} /> : <p className="muted">Unknown: memory.stat was not read for this container.</p>}
    </section>
  )
}

function Breakdown({ view, name, idSuffix, takenAt }: { view: MemoryBreakdownView; name: string; idSuffix: string; takenAt: string }): React.JSX.Element {
  const unit = useVizUnit()
  const ref = useRef<HTMLDivElement>(null)
  const width = Math.max(160, Math.min(useElementWidth(ref, 480), 900))
  const hatch = `mem-hatch-${idSuffix}`
  const usage = view.usageBytes
  // One decimal below 10 % so a small part does not read as 0; nothing is "0 %".
  const pct = (bytes: number): string => (!usage ? '' : bytes === 0 ? '0 %' : `${((bytes / usage) * 100).toFixed(bytes / usage < 0.1 ? 1 : 0)} %`)
  const x = (bytes: number): number => (bytes / view.scaleBytes) * width
  const barY = unit * 1.5
  const barH = unit * 1.6
  // Each part starts where the ones before it end.
  const segments = view.parts.map((p, i) => ({ part: p, x: x(view.parts.slice(0, i).reduce((a, q) => a + q.bytes, 0)), w: x(p.bytes) }))
  const dockerX = view.dockerStatsBytes === null ? null : x(view.dockerStatsBytes)
  const labelRight = dockerX !== null && dockerX > width * 0.6
  return (
    <div>
      <p>
        {usage === null ? 'Usage unreadable' : formatBytes(usage)}{' '}
        {view.limitBytes !== null ? `of the ${formatBytes(view.limitBytes)} limit` : 'used, no limit (the bar spans the usage)'}
        {view.reclaimableBytes !== null && (
          <>
            {' '}
            · <strong>{formatBytes(view.reclaimableBytes)}</strong>
            {view.reclaimableShare !== null && ` (${Math.round(view.reclaimableShare * 100)} %)`} is file cache the kernel can reclaim (hatched)
          </>
        )}
      </p>
      <div ref={ref}>
        <svg
          width={width}
          height={barY + barH + unit * 0.6}
          data-export={`${name}: memory breakdown`}
          role="img"
          aria-label={`memory breakdown: ${view.parts.map((p) => `${p.label} ${formatBytes(p.bytes)}`).join(', ')}`}
        >
          <defs>
            <pattern id={hatch} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <line x1={0} y1={0} x2={0} y2={6} style={{ stroke: 'var(--surface)', strokeWidth: 2.5, strokeOpacity: 0.7 }} />
            </pattern>
          </defs>
          <rect x={0} y={barY} width={width} height={barH} style={{ fill: 'var(--bar-track)' }} />
          {segments.map(({ part, x: sx, w }) => (
            <g key={part.key}>
              <rect x={sx} y={barY} width={w} height={barH} style={{ fill: PART_COLOUR[part.key] }}>
                <title>{`${part.label}: ${formatBytes(part.bytes)}${part.reclaimable ? ' (reclaimable)' : ''}`}</title>
              </rect>
              {part.reclaimable && <rect x={sx} y={barY} width={w} height={barH} fill={`url(#${hatch})`} pointerEvents="none" />}
            </g>
          ))}
          {view.limitBytes !== null && <line x1={width - 1} x2={width - 1} y1={barY - 3} y2={barY + barH + 3} style={{ stroke: 'var(--bar-limit)', strokeWidth: 2 }} />}
          {dockerX !== null && (
            <g>
              <line x1={dockerX} x2={dockerX} y1={unit * 1.1} y2={barY + barH + 3} style={{ stroke: 'var(--text)', strokeWidth: 2, strokeDasharray: '3 2' }} />
              <text x={labelRight ? dockerX - 4 : dockerX + 4} y={unit * 1} textAnchor={labelRight ? 'end' : 'start'} fontSize={unit * 0.9} style={{ fill: 'var(--text)' }}>
                docker stats {formatBytes(view.dockerStatsBytes ?? 0)}
              </text>
            </g>
          )}
        </svg>
      </div>
      <table className="plain memory-parts">
        <thead>
          <tr>
            <th scope="col">part</th>
            <th scope="col">bytes</th>
            <th scope="col">of usage</th>
            <th scope="col">under pressure</th>
          </tr>
        </thead>
        <tbody>
          {view.parts.map((p) => (
            <tr key={p.key} title={p.note}>
              <th scope="row">
                <svg width={unit} height={unit} aria-hidden="true" style={{ verticalAlign: 'middle', marginRight: '0.4em' }}>
                  <rect width={unit} height={unit} style={{ fill: PART_COLOUR[p.key] }} />
                  {p.reclaimable && <rect width={unit} height={unit} fill={`url(#${hatch})`} />}
                </svg>
                {p.label}
              </th>
              <td className="mono">{formatBytes(p.bytes)}</td>
              <td className="mono">{pct(p.bytes)}</td>
              <td>{p.reclaimable ? 'reclaimable' : p.key === 'anon' || p.key === 'shmem' ? 'stays (swap only)' : 'stays'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {view.notReported.length > 0 && (
        <p className="muted">
          Not reported on cgroup v{view.cgroupVersion}: {view.notReported.join('; ')}.
        </p>
      )}
      <p role="note">
        <b>Why docker stats differs</b> (dashed mark): {view.dockerStatsNote}
      </p>
      <p className="muted">
        From memory.stat (cgroup v{view.cgroupVersion}) at the snapshot of {takenAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}; the bars under “Limits and usage” move live.
      </p>
    </div>
  )
}
