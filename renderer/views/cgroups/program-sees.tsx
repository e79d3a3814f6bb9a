// "What the program inside sees": the CPUs and memory /proc shows inside the container (the
// host's) next to what the kernel will actually let it use: the trap old JVMs fell into.
import { useRef } from 'react'
import { formatBytes, formatCores } from '../../../shared/format'
import type { ContainerInfo, HostSnapshot } from '../../../shared/model'
import { programView } from '../../../shared/selectors/program-view'
import { useElementWidth } from '../../hooks/use-element-width'
import { useVizUnit } from '../../hooks/use-snapshot'
import { fitText } from '../../viz/text-metrics'

interface Row {
  label: string
  value: number
  text: string
  kind: 'sees' | 'enforced'
}

export function ProgramSees({ snapshot, container }: { snapshot: HostSnapshot; container: ContainerInfo }): React.JSX.Element {
  const ref = useRef<HTMLDivElement>(null)
  const width = Math.min(useElementWidth(ref, 520), 760)
  const unit = useVizUnit()
  const view = programView(snapshot, container)
  if (!view) return <p ref={ref as React.RefObject<HTMLParagraphElement | null>} className="muted">{container.name} is not running: no cgroup, nothing to compare.</p>

  const cpuRows: Row[] = [
    { label: '/proc/cpuinfo', value: view.procCpus, text: `${view.procCpus} CPUs (the host's)`, kind: 'sees' },
    { label: 'nproc (cpuset)', value: view.nprocCpus ?? view.procCpus, text: `${view.nprocCpus ?? '?'} CPU${view.nprocCpus === 1 ? '' : 's'}`, kind: 'sees' },
    {
      label: 'CPU quota (cgroup)',
      value: view.quotaCores ?? view.procCpus,
      text: view.quotaCores === null ? 'no quota' : `${formatCores(view.quotaCores)} — invisible inside`,
      kind: 'enforced'
    }
  ]
  const memRows: Row[] = [
    { label: '/proc/meminfo MemTotal', value: view.meminfoBytes, text: `${formatBytes(view.meminfoBytes)} (the host's)`, kind: 'sees' },
    {
      label: 'memory limit (cgroup)',
      value: view.memoryLimitBytes ?? view.meminfoBytes,
      text: view.memoryLimitBytes === null ? 'no limit' : `${formatBytes(view.memoryLimitBytes)} = ${percent(view.memoryLimitBytes / view.meminfoBytes)} of it`,
      kind: 'enforced'
    }
  ]
  const labelW = unit * 14
  const barMax = width - labelW - unit * 15
  const rowH = unit * 1.9
  const groupGap = unit * 1.6
  const height = rowH * (cpuRows.length + memRows.length) + groupGap * 2 + unit * 2.6
  const cpuTop = unit * 1.2
  const memTop = cpuTop + groupGap + cpuRows.length * rowH + unit * 0.6
  const drawGroup = (title: string, rows: Row[], max: number, top: number): React.JSX.Element => {
    return (
      <g key={title}>
        <text x={0} y={top + unit * 0.4} fontSize={unit * 0.95} className="sees__group">
          {title}
        </text>
        {rows.map((r, i) => {
          const ry = top + groupGap - unit * 0.2 + i * rowH
          const w = Math.max(2, (r.value / max) * barMax)
          return (
            <g key={r.label} className={`sees__row sees__row--${r.kind}`}>
              <text x={0} y={ry + unit * 0.95} fontSize={unit * 0.88}>
                {fitText(r.label, labelW - unit * 0.5, unit * 0.88)}
              </text>
              <rect x={labelW} y={ry} width={w} height={unit * 1.2} rx={2} className="sees__bar" />
              <text x={labelW + w + unit * 0.5} y={ry + unit * 0.95} fontSize={unit * 0.88} className="sees__value">
                {r.text}
              </text>
            </g>
          )
        })}
      </g>
    )
  }
  return (
    <div ref={ref} className="program-sees">
      <svg width={width} height={height} data-export={`What a program inside ${container.name} sees`} role="img" aria-label={view.sentence}>
        {drawGroup('CPUs', cpuRows, Math.max(...cpuRows.map((r) => r.value)), cpuTop)}
        {drawGroup('Memory', memRows, view.meminfoBytes, memTop)}
      </svg>
      <p className={`program-sees__sentence${view.cpuGap || view.memoryGap ? ' is-trap' : ''}`}>{view.sentence}</p>
      <p className="muted legend-line">
        Outlined bars: what the program reads inside the container. Solid bars: what the kernel enforces on its cgroup.
      </p>
    </div>
  )
}

function percent(x: number): string {
  return x >= 0.1 ? `${Math.round(x * 100)}%` : x >= 0.01 ? `${(x * 100).toFixed(1)}%` : `${(x * 100).toFixed(2)}%`
}
