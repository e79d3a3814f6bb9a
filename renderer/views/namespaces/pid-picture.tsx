// The PID picture: the host's PID namespace around the containers' namespaces, nested ones
// inside those, and every process with its host PID and its PID inside its namespace.
import { memo, useCallback, useMemo, useState } from 'react'
import { parseNamespaceKey, processKey } from '../../../shared/identity'
import type { HostSnapshot } from '../../../shared/model'
import type { PidNsNode, PidNsProcess } from '../../../shared/selectors/pid-namespaces'
import { containerName } from '../../../shared/selectors/snapshot-index'
import { AtMeasuredWidth } from '../../components/at-measured-width'
import { useVizUnit } from '../../hooks/use-snapshot'
import { selectPidTree } from '../../selectors/derived'
import { useApp } from '../../store/app-store'
import { createSharer } from '../../selectors/reuse-equal'
import { flattenBoxes, layoutPidTree, pidMetrics, type NsBox, type PidLayout } from '../../viz/pid-layout'
import { BOLD_FACTOR, fitText } from '../../viz/text-metrics'
import { PidChip } from './pid-chip'

/** Keys of the processes in a namespace (`type:inode`), for hover highlighting. */
export function processesInNamespace(snapshot: HostSnapshot, nsKey: string | null): Set<string> | null {
  if (!nsKey) return null
  const ns = parseNamespaceKey(nsKey)
  if (!ns) return null
  const keys = new Set<string>()
  for (const p of snapshot.processes) if (p.namespaces[ns.type] === ns.inode) keys.add(processKey(p))
  return keys
}

export function PidPicture({ snapshot }: { snapshot: HostSnapshot }): React.JSX.Element {
  return <AtMeasuredWidth className="pid-picture">{(width) => <PidPictureSvg snapshot={snapshot} width={width} />}</AtMeasuredWidth>
}

function PidPictureSvg({ snapshot, width }: { snapshot: HostSnapshot; width: number }): React.JSX.Element {
  const unit = useVizUnit()
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set())
  const hovered = useApp((s) => s.hoveredNamespace)
  const hover = useApp((s) => s.hoverNamespace)
  const selectedContainer = useApp((s) => s.selectedContainerId)
  const selectedProcess = useApp((s) => s.selectedProcessKey)
  const selectContainer = useApp((s) => s.selectContainer)
  const selectProcess = useApp((s) => s.selectProcess)

  const tree = selectPidTree(snapshot)
  const legendH = Math.round(unit * 5.4)
  const labelOf = useCallback(
    (p: PidNsProcess, node: PidNsNode): string => (node.isHost && p.containerId ? `${p.comm} · ${containerName(snapshot, p.containerId)}` : p.comm),
    [snapshot]
  )
  // On a big host every container box shows a few processes until opened: the picture stays readable and quick.
  const collapseAt = tree.children.length > 40 ? 4 : 24
  // Boxes and chips a patch left as they were keep their identity, so only what changed renders again.
  const [shareLayout] = useState(() => createSharer<PidLayout>())
  const layout = useMemo(
    () => shareLayout(layoutPidTree(tree, { width, unit, expanded, labelOf, collapseAt })),
    [shareLayout, tree, width, unit, expanded, labelOf, collapseAt]
  )
  const hits = useMemo(() => processesInNamespace(snapshot, hovered), [snapshot, hovered])

  const toggle = useCallback((key: string) => setExpanded((prev) => {
    const next = new Set(prev)
    if (next.has(key)) next.delete(key)
    else next.add(key)
    return next
  }), [])
  const onSelect = useCallback(
    (key: string, containerId: string | null) => {
      if (containerId) selectContainer(containerId)
      selectProcess(key)
    },
    [selectContainer, selectProcess]
  )

  const boxes = useMemo(() => flattenBoxes(layout.root), [layout])
  const titles = useMemo(() => new Map(boxes.map((b) => [b.key, boxTitle(b, snapshot)])), [boxes, snapshot])
  const height = layout.height + legendH
  return (
    <svg
      data-export="PID namespaces: host PID → PID inside the namespace"
      width={layout.width}
      height={height}
      viewBox={`0 0 ${layout.width} ${height}`}
      role="group"
      aria-label={`PID namespaces: ${layout.boxes} namespaces, ${snapshot.processes.length} processes`}
      className="pid-svg"
    >
      <PidLegend unit={unit} width={layout.width} />
      <g transform={`translate(0,${legendH})`}>
        {boxes.map((box) => {
          const t = titles.get(box.key) ?? boxTitle(box, snapshot)
          return (
            <NsBoxFrame
              key={box.key}
              box={box}
              unit={unit}
              title={t.title}
              subtitle={t.subtitle}
              hovered={hovered === box.key}
              selected={selectedContainer !== null && box.node.containerIds.includes(selectedContainer) && !box.node.isHost}
              expanded={expanded.has(box.key)}
              onHover={hover}
              onToggle={toggle}
              onSelect={selectContainer}
            />
          )
        })}
        {boxes.flatMap((box) =>
          box.chips.map((chip) => (
            <PidChip
              key={chip.key}
              chip={chip}
              unit={unit}
              hit={hits === null ? null : hits.has(chip.key)}
              selected={chip.key === selectedProcess || (selectedProcess === null && chip.process.containerId !== null && chip.process.containerId === selectedContainer)}
              containerTag={box.node.isHost && chip.process.containerId ? containerName(snapshot, chip.process.containerId) : null}
              onSelect={onSelect}
            />
          ))
        )}
      </g>
    </svg>
  )
}

function boxTitle(box: NsBox, snapshot: HostSnapshot): { title: string; subtitle: string } {
  const n = box.node
  const count = `${n.processes.length} process${n.processes.length === 1 ? '' : 'es'}`
  const names = n.containerIds.map((id) => containerName(snapshot, id))
  if (n.key === 'pid:unreadable') return { title: 'PID namespace not readable', subtitle: `${count} whose namespace link the kernel refused` }
  const inode = n.inode === null ? '' : `${n.inode} · `
  if (n.isHost) {
    const guests = names.length ? ` · shared by ${names.join(', ')} (--pid host)` : ''
    return { title: "The host's PID namespace", subtitle: `${inode}${count} · the host sees every process with its host PID${guests}` }
  }
  const who = names.length ? names.join(', ') : 'no container'
  if (n.depth >= 2) return { title: `Nested namespace, level ${n.depth}`, subtitle: `${inode}${count} · created inside ${who}` }
  return { title: who, subtitle: `PID namespace ${inode}${count} · inside, PIDs start again at 1` }
}

interface FrameProps {
  box: NsBox
  unit: number
  title: string
  subtitle: string
  hovered: boolean
  selected: boolean
  expanded: boolean
  onHover: (key: string | null) => void
  onToggle: (key: string) => void
  onSelect: (id: string) => void
}

const NsBoxFrame = memo(function NsBoxFrame({ box, unit, title, subtitle, hovered, selected, expanded, onHover, onToggle, onSelect }: FrameProps): React.JSX.Element {
  const m = pidMetrics(unit)
  const first = box.node.containerIds[0]
  const label = `${title}. ${subtitle}.`
  return (
    <g className={`ns-box ns-box--depth-${Math.min(box.depth, 3)}${box.node.isHost ? ' ns-box--host' : ''}${hovered ? ' is-hovered' : ''}${selected ? ' is-selected' : ''}`}>
      <rect className="ns-box__frame" x={box.x} y={box.y} width={box.w} height={box.h} rx={8} />
      <g
        className="ns-box__head"
        tabIndex={0}
        role="button"
        aria-label={`${label} Highlight its processes${first && !box.node.isHost ? ' and select the container' : ''}.`}
        onMouseEnter={() => onHover(box.key)}
        onMouseLeave={() => onHover(null)}
        onFocus={() => onHover(box.key)}
        onBlur={() => onHover(null)}
        onClick={() => first && !box.node.isHost && onSelect(first)}
        onKeyDown={(e) => {
          if ((e.key === 'Enter' || e.key === ' ') && first && !box.node.isHost) {
            e.preventDefault()
            onSelect(first)
          }
        }}
      >
        <rect className="ns-box__head-hit" x={box.x} y={box.y} width={box.w} height={m.header - 2} rx={8} />
        <text className="ns-box__title" x={box.x + m.pad} y={box.y + unit * 1.45} fontSize={unit * 1.05}>
          {fitText(title, box.w - m.pad * 2, unit * 1.05, BOLD_FACTOR)}
        </text>
        <text className="ns-box__subtitle" x={box.x + m.pad} y={box.y + unit * 2.65} fontSize={unit * 0.88}>
          {fitText(subtitle, box.w - m.pad * 2 - (expanded ? unit * 6 : 0), unit * 0.88)}
        </text>
      </g>
      {expanded && (
        <g className="ns-box__less" role="button" tabIndex={0} aria-label="Show fewer processes" onClick={() => onToggle(box.key)} onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onToggle(box.key)}>
          <text x={box.x + box.w - m.pad} y={box.y + unit * 2.65} textAnchor="end" fontSize={unit * 0.88}>
            show fewer
          </text>
        </g>
      )}
      {box.more && (
        <g
          className="chip chip--more"
          role="button"
          tabIndex={0}
          transform={`translate(${box.more.x},${box.more.y})`}
          aria-label={`Show ${box.more.hidden} more processes`}
          onClick={() => onToggle(box.key)}
          onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onToggle(box.key)}
        >
          <rect className="chip__bg" width={box.more.w} height={box.more.h} rx={4} />
          <text x={box.more.w / 2} y={box.more.h / 2 + unit * 0.35} textAnchor="middle" fontSize={unit * 0.95}>
            + {box.more.hidden} more
          </text>
        </g>
      )}
    </g>
  )
})

function PidLegend({ unit, width }: { unit: number; width: number }): React.JSX.Element {
  const y = unit * 1.4
  const y2 = unit * 3.0
  return (
    <g className="legend" aria-label="Legend">
      <text x={0} y={y} fontSize={unit}>
        <tspan className="legend__label">Each process: </tspan>
        <tspan className="mono pid-host">8151</tspan>
        <tspan className="mono pid-arrow"> → </tspan>
        <tspan className="mono pid-ns">1</tspan>
        <tspan className="legend__label">   =   </tspan>
        <tspan className="pid-host legend__strong">host PID</tspan>
        <tspan className="legend__label"> (left, what the host calls it)  →  </tspan>
        <tspan className="pid-ns legend__strong">PID inside its own namespace</tspan>
        <tspan className="legend__label"> (right). Nested: </tspan>
        <tspan className="mono pid-host">8433</tspan>
        <tspan className="mono pid-arrow"> → </tspan>
        <tspan className="mono pid-mid">7</tspan>
        <tspan className="mono pid-arrow"> → </tspan>
        <tspan className="mono pid-ns">1</tspan>
      </text>
      <text x={0} y={y2} fontSize={unit * 0.9} className="legend__label">
        {fitText('A box is a PID namespace; a box inside a box is a namespace created inside another. Hover or focus a box to highlight its processes.', width, unit * 0.9)}
      </text>
      <text x={0} y={y2 + unit * 1.35} fontSize={unit * 0.9} className="legend__label">
        {fitText(
          "Dashed red border: a container's process in the host's PID namespace (--pid host). Dotted border: its namespace link was unreadable; placed by its PID chain.",
          width,
          unit * 0.9
        )}
      </text>
    </g>
  )
}
