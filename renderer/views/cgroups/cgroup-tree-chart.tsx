// The cgroup hierarchy from the root to each container's cgroup, with zoom and pan.
import { useMemo, useRef, useState } from 'react'
import { formatBytes } from '../../../shared/format'
import type { HostSnapshot } from '../../../shared/model'
import { AtMeasuredWidth } from '../../components/at-measured-width'
import { useAfterFirstPaint } from '../../hooks/use-after-first-paint'
import { useVizUnit } from '../../hooks/use-snapshot'
import { selectCgroupTree } from '../../selectors/derived'
import { liveUsage } from '../../selectors/live-usage'
import { useApp } from '../../store/app-store'
import { createSharer } from '../../selectors/reuse-equal'
import { layoutCgroupTree, type CgroupLayout } from '../../viz/cgroup-layout'
import { useZoom } from '../../viz/use-zoom'
import { CgroupCard } from './cgroup-card'
import { useCardsInView } from './use-cards-in-view'

/** Hosts with up to this many container cgroups draw every card in the first frame. */
const FIRST_FRAME_CARDS = 24

export function CgroupTreeChart({ snapshot }: { snapshot: HostSnapshot }): React.JSX.Element {
  return <AtMeasuredWidth className="cg-tree">{(width) => <CgroupTreeBody snapshot={snapshot} width={width} />}</AtMeasuredWidth>
}

function CgroupTreeBody({ snapshot, width }: { snapshot: HostSnapshot; width: number }): React.JSX.Element {
  const svgRef = useRef<SVGSVGElement>(null)
  const layerRef = useRef<SVGGElement>(null)
  const unit = useVizUnit()
  const latest = useApp((s) => s.latest)
  const selected = useApp((s) => s.selectedContainerId)
  const select = useApp((s) => s.selectContainer)
  const tree = selectCgroupTree(snapshot)
  // Cards a patch left as they were keep their box, so only changed ones (or changed usage) render again.
  const [shareLayout] = useState(() => createSharer<CgroupLayout>())
  // In presenter mode an outline (groups above, cards in rows) instead of the tree: rows as wide as the view
  // holds at the smallest readable scale (Fit's floor below), which is where the picture starts.
  const presenting = useApp((s) => s.presenter !== null)
  const fitMinScale = 14 / unit
  const wrapWidth = presenting ? (width - 32) / fitMinScale : undefined
  const layout = useMemo(() => shareLayout(layoutCgroupTree(tree, unit, { wrapWidth })), [shareLayout, tree, unit, wrapWidth])
  // Tall enough to show every card at 1:1 up to a point; beyond it, pan and zoom.
  const height = Math.round(Math.min(Math.max(layout.box.height + 40, unit * 14), Math.max(unit * 60, 900)))
  const { inView, onTransform } = useCardsInView(layout, width, height)
  const exporting = useApp((s) => s.exportingPicture)
  // In presenter mode Fit stops where the cards' text is still about 14 px.
  const zoom = useZoom(svgRef, layerRef, { width, height, content: layout.box, scaleExtent: [0.1, 3], onTransform, ...(presenting ? { fitMinScale, startFitted: true } : {}) })
  const usages = useMemo(() => new Map(snapshot.containers.map((c) => [c.id, liveUsage(c, latest[c.id])])), [snapshot, latest])
  const { cpus, memoryBytes } = snapshot.host
  const host = useMemo(() => ({ cpus, memoryBytes }), [cpus, memoryBytes])
  const b = layout.box
  // On a big host the first frame draws the cards in (and near) the viewport, the rest in the next one.
  const painted = useAfterFirstPaint()
  const cardCount = useMemo(() => layout.nodes.filter((n) => n.kind === 'container').length, [layout])
  const allCards = painted || exporting || cardCount <= FIRST_FRAME_CARDS

  return (
    <>
      <div className="zoom-tools" role="toolbar" aria-label="Zoom">
        <button type="button" onClick={() => zoom.zoomBy(1.25)} aria-label="Zoom in">
          +
        </button>
        <button type="button" onClick={() => zoom.zoomBy(0.8)} aria-label="Zoom out">
          −
        </button>
        <button type="button" onClick={zoom.fit}>
          Fit
        </button>
        <button type="button" onClick={zoom.reset}>
          1:1
        </button>
        <span className="muted">drag to pan · Ctrl + scroll (or pinch) to zoom</span>
      </div>
      <p className="cg-legend">
        <span className="cg-legend__swatch cg-legend__swatch--usage" aria-hidden="true" /> use
        <span className="cg-legend__swatch cg-legend__swatch--working" aria-hidden="true" /> working set (memory minus inactive file cache, what docker stats shows)
        <span className="cg-legend__swatch cg-legend__swatch--limit" aria-hidden="true" /> the limit
        <span className="cg-legend__swatch cg-legend__swatch--unlimited" aria-hidden="true" /> dashed: no limit, drawn against the whole host ({formatBytes(memoryBytes)}, {cpus} CPUs)
        <span className="cg-legend__near">▲ red: at 90% of the limit or throttled</span>
      </p>
      <svg
        ref={svgRef}
        className="cg-svg"
        width={width}
        height={height}
        data-export="cgroup hierarchy: use against limits"
        data-export-box={`${b.x - 16} ${b.y - 16} ${b.width + 32} ${b.height + 32}`}
        role="group"
        aria-label={`cgroup tree with ${layout.nodes.filter((n) => n.kind === 'container').length} container cgroups`}
      >
        <rect className="cg-svg__bg" width={width} height={height} data-export-skip="" />
        <g ref={layerRef} data-zoom-layer="">
          {layout.links.map((l) => (
            <path key={l.key} d={l.d} className="cg-link" />
          ))}
          {layout.nodes.map((n) => {
            if (n.kind === 'group') {
              return (
                <g key={n.key} className="cg-group" transform={`translate(${n.x},${n.y})`}>
                  <title>{n.node.path === '/' ? 'the root cgroup: every process on the host' : n.node.path}</title>
                  <rect width={n.w} height={n.h} rx={n.h / 2} />
                  <text x={n.w / 2} y={n.h / 2 + unit * 0.35} textAnchor="middle" fontSize={unit * 0.95} className="mono">
                    {n.node.path === '/' ? '/ (root)' : n.node.path}
                  </text>
                </g>
              )
            }
            const id = n.node.containerId ?? ''
            const usage = usages.get(id)
            if (!usage) return null
            const live = exporting || id === selected || inView.has(n.key)
            if (!allCards && !live) return null
            return <CgroupCard key={n.key} box={n} unit={unit} usage={usage} host={host} selected={id === selected} live={live} onSelect={select} onFocus={zoom.reveal} />
          })}
        </g>
      </svg>
    </>
  )
}
