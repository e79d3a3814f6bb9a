// A container's cgroup as a card in the tree: name, path, which hierarchy version, and bars for
// memory, CPU and pids against their limits.
import { memo } from 'react'
import { formatBytes, formatCores, shortId } from '../../../shared/format'
import type { CgroupInfo } from '../../../shared/model'
import { controllersByVersion } from '../../../shared/selectors/cgroup-tree'
import { share, type LiveUsage } from '../../selectors/live-usage'
import type { CgNodeBox } from '../../viz/cgroup-layout'
import { BOLD_FACTOR, fitText } from '../../viz/text-metrics'
import { UsageBar, type BarSpec } from './usage-bar'

export function barSpecs(u: LiveUsage, host: { cpus: number; memoryBytes: number }): BarSpec[] {
  const memLimited = u.memoryLimitBytes !== null
  const memScale = u.memoryLimitBytes ?? host.memoryBytes
  const memText =
    u.memoryBytes === null ? 'unreadable' : `${formatBytes(u.memoryBytes)} ${memLimited ? `/ ${formatBytes(memScale)}` : '· no limit'}`
  const cpuLimited = u.cpuQuotaCores !== null
  const cpuScale = u.cpuQuotaCores ?? host.cpus
  const throttled = u.throttledShare !== null && u.throttledShare > 0 ? ` · throttled ${Math.round(u.throttledShare * 100)}%` : ''
  const cpuText = `${u.cpuCores === null ? '—' : u.cpuCores.toFixed(2)} ${cpuLimited ? `/ ${formatCores(cpuScale)}` : 'cores · no quota'}${throttled}`
  const pidsLimited = u.pidsMax !== null
  const pidsText = `${u.pids ?? '?'} ${pidsLimited ? `/ ${u.pidsMax}` : '· no limit'}`
  const memShare = share(u.memoryBytes, memScale)
  const cpuShare = share(u.cpuCores, cpuScale)
  const pidsShare = pidsLimited ? share(u.pids, u.pidsMax) : null
  return [
    { label: 'memory', fill: memShare, inner: share(u.workingSetBytes, memScale), limited: memLimited, text: memText, near: memLimited && (memShare ?? 0) >= 0.9 },
    { label: 'CPU', fill: cpuShare, limited: cpuLimited, text: cpuText, near: cpuLimited && ((cpuShare ?? 0) >= 0.9 || (u.throttledShare ?? 0) > 0.2) },
    { label: 'pids', fill: pidsShare, limited: pidsLimited, text: pidsText, near: pidsLimited && (pidsShare ?? 0) >= 0.9 }
  ]
}

export function versionLabel(cgroup: CgroupInfo | null): string {
  if (!cgroup) return 'no cgroup read'
  const v = controllersByVersion(cgroup)
  if (v[2].length && !v[1].length) return 'v2 unified'
  if (v[1].length && !v[2].length) return `v1: ${v[1].join(' ')}`
  return `v1: ${v[1].join(' ')} · v2: ${v[2].join(' ')}`
}

interface Props {
  box: CgNodeBox
  unit: number
  usage: LiveUsage
  host: { cpus: number; memoryBytes: number }
  selected: boolean
  /** On screen (or being exported): it follows the samples. Off screen it keeps what it last drew. */
  live: boolean
  onSelect: (id: string) => void
  /** Keyboard focus: the tree pans the card into view (where it becomes live). */
  onFocus: (box: CgNodeBox) => void
}

/** Re-render a card only when something it shows changed (samples arrive for every container each tick). */
function sameProps(a: Props, b: Props): boolean {
  if (a.box !== b.box || a.unit !== b.unit || a.host !== b.host || a.selected !== b.selected || a.onSelect !== b.onSelect || a.onFocus !== b.onFocus) return false
  // Coming into view always redraws: the props it was last compared with are not what it drew.
  if (a.live !== b.live) return false
  if (!b.live) return true
  const keys = Object.keys(a.usage) as Array<keyof LiveUsage>
  return keys.every((k) => a.usage[k] === b.usage[k])
}

export const CgroupCard = memo(function CgroupCard({ box, unit, usage, host, selected, onSelect, onFocus }: Props): React.JSX.Element {
  const id = box.node.containerId ?? ''
  const pad = unit * 0.8
  const specs = barSpecs(usage, host)
  const pathText = box.node.path.replace(/[0-9a-f]{64}/, (m) => `${shortId(m)}…`)
  return (
    <g
      className={`cg-card${selected ? ' is-selected' : ''}${specs.some((s) => s.near) ? ' is-near' : ''}`}
      transform={`translate(${box.x},${box.y})`}
      role="button"
      tabIndex={0}
      aria-label={`${box.node.label}: ${specs.map((s) => `${s.label} ${s.text}`).join('; ')}`}
      aria-pressed={selected}
      onClick={() => onSelect(id)}
      onFocus={() => onFocus(box)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault()
          onSelect(id)
        }
      }}
    >
      <CardHead w={box.w} h={box.h} unit={unit} name={box.node.label} path={pathText} version={versionLabel(box.node.cgroup)} />
      {specs.map((spec, i) => (
        <UsageBar key={spec.label} spec={spec} x={pad} y={unit * (3.6 + i * 1.6)} width={box.w - pad * 2} unit={unit} />
      ))}
    </g>
  )
}, sameProps)

/** What a card shows that samples do not change: apart, so a sample renders only the bars. */
const CardHead = memo(function CardHead({ w, h, unit, name, path, version }: { w: number; h: number; unit: number; name: string; path: string; version: string }): React.JSX.Element {
  const pad = unit * 0.8
  return (
    <>
      <rect className="cg-card__bg" width={w} height={h} rx={7} />
      <text x={pad} y={unit * 1.45} className="cg-card__name" fontSize={unit * 1.08}>
        {fitText(name, w * 0.45, unit * 1.08, BOLD_FACTOR)}
      </text>
      <text x={w - pad} y={unit * 1.45} textAnchor="end" className="cg-card__path mono" fontSize={unit * 0.78}>
        {fitText(path, w * 0.5, unit * 0.78, 0.62)}
      </text>
      <text x={pad} y={unit * 2.7} className="cg-card__version" fontSize={unit * 0.8}>
        {fitText(version, w - pad * 2, unit * 0.8)}
      </text>
    </>
  )
})
