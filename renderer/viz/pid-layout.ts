// Layout of the PID picture: namespaces as nested boxes, processes as chips inside them.
// Pure (no DOM): takes the namespace tree and a width, returns rectangles. The host's box
// holds its processes and, in masonry columns, the containers' boxes; nested namespaces stack
// inside their parent's box.
import type { PidNsNode, PidNsProcess } from '../../shared/selectors/pid-namespaces'
import { monoWidth, sansWidth } from './text-metrics'

export interface ChipBox {
  key: string
  x: number
  y: number
  w: number
  h: number
  process: PidNsProcess
}

export interface MoreChip {
  x: number
  y: number
  w: number
  h: number
  hidden: number
  nodeKey: string
}

export interface NsBox {
  key: string
  node: PidNsNode
  x: number
  y: number
  w: number
  h: number
  depth: number
  chips: ChipBox[]
  more: MoreChip | null
  children: NsBox[]
}

export interface PidLayoutOptions {
  width: number
  /** Base font size in px; every distance scales with it. */
  unit: number
  /** Boxes whose every process is shown (else at most `collapseAt`, then a "+N more" chip). */
  expanded: ReadonlySet<string>
  collapseAt?: number
  /** The host box shows fewer before collapsing: it holds every non-container process. */
  hostCollapseAt?: number
  /** The first line of a chip, when it is more than the command (a container's name in the host box). */
  labelOf?: (process: PidNsProcess, node: PidNsNode) => string
}

export interface PidLayout {
  root: NsBox
  width: number
  height: number
  boxes: number
  chips: number
}

export function pidMetrics(unit: number): { pad: number; gap: number; header: number; chipH: number; chipMinW: number; chipMaxW: number; columnMinW: number } {
  return {
    pad: Math.round(unit * 0.8),
    gap: Math.round(unit * 0.5),
    header: Math.round(unit * 3.3),
    chipH: Math.round(unit * 3.1),
    chipMinW: Math.round(unit * 9),
    chipMaxW: Math.round(unit * 17),
    columnMinW: Math.round(unit * 23)
  }
}

/** Container processes first (the interesting ones in the host's box), then by PID. */
function visibleProcesses(node: PidNsNode, limit: number): { shown: PidNsProcess[]; hidden: number } {
  const ordered = node.isHost ? [...node.processes].sort((a, b) => Number(b.containerId !== null) - Number(a.containerId !== null) || a.pid - b.pid) : node.processes
  if (ordered.length <= limit) return { shown: ordered, hidden: 0 }
  return { shown: ordered.slice(0, Math.max(0, limit - 1)), hidden: ordered.length - Math.max(0, limit - 1) }
}

function chipWidth(processes: readonly PidNsProcess[], unit: number, m: ReturnType<typeof pidMetrics>, label: (p: PidNsProcess) => string): number {
  let widest = 0
  for (const p of processes) {
    const chain = p.chain.join(' → ')
    widest = Math.max(widest, monoWidth(chain, unit), sansWidth(label(p).slice(0, 26), unit * 0.92))
  }
  return Math.min(m.chipMaxW, Math.max(m.chipMinW, Math.ceil(widest + m.pad * 2)))
}

export function layoutPidTree(root: PidNsNode, options: PidLayoutOptions): PidLayout {
  const { unit } = options
  const m = pidMetrics(unit)
  let boxes = 0
  let chips = 0

  function layoutBox(node: PidNsNode, x: number, y: number, w: number): NsBox {
    boxes++
    const limit = options.expanded.has(node.key) ? Infinity : node.isHost ? (options.hostCollapseAt ?? 16) : (options.collapseAt ?? 24)
    const { shown, hidden } = visibleProcesses(node, limit)
    const label = (p: PidNsProcess): string => options.labelOf?.(p, node) ?? p.comm
    const cw = Math.min(chipWidth(shown, unit, m, label), w - m.pad * 2)
    const perRow = Math.max(1, Math.floor((w - m.pad * 2 + m.gap) / (cw + m.gap)))
    const box: NsBox = { key: node.key, node, x, y, w, h: 0, depth: node.depth, chips: [], more: null, children: [] }
    let cy = y + m.header
    const items = shown.length + (hidden > 0 ? 1 : 0)
    shown.forEach((process, i) => {
      box.chips.push({
        key: process.key,
        process,
        x: x + m.pad + (i % perRow) * (cw + m.gap),
        y: cy + Math.floor(i / perRow) * (m.chipH + m.gap),
        w: cw,
        h: m.chipH
      })
    })
    chips += shown.length
    if (hidden > 0) {
      const i = shown.length
      box.more = { x: x + m.pad + (i % perRow) * (cw + m.gap), y: cy + Math.floor(i / perRow) * (m.chipH + m.gap), w: cw, h: m.chipH, hidden, nodeKey: node.key }
    }
    const rows = Math.ceil(items / perRow)
    cy += rows > 0 ? rows * (m.chipH + m.gap) : 0

    if (node.children.length > 0) {
      cy += rows > 0 ? m.gap : 0
      const innerW = w - m.pad * 2
      const columns = node.isHost ? Math.max(1, Math.min(node.children.length, Math.floor((innerW + m.pad) / (m.columnMinW + m.pad)))) : 1
      const colW = (innerW - (columns - 1) * m.pad) / columns
      const heights = new Array<number>(columns).fill(cy)
      for (const child of node.children) {
        // Masonry: the next box goes into the shortest column.
        let col = 0
        for (let c = 1; c < columns; c++) if ((heights[c] ?? 0) < (heights[col] ?? 0)) col = c
        const childBox = layoutBox(child, x + m.pad + col * (colW + m.pad), heights[col] ?? cy, colW)
        box.children.push(childBox)
        heights[col] = childBox.y + childBox.h + m.pad
      }
      cy = Math.max(...heights) - m.pad + m.gap
    }
    box.h = Math.max(cy - y + m.pad - m.gap, m.header + m.pad)
    return box
  }

  const top = layoutBox(root, 0, 0, Math.max(options.width, m.columnMinW + m.pad * 2))
  return { root: top, width: top.w, height: top.h, boxes, chips }
}

/** Every box, parents first. */
export function flattenBoxes(box: NsBox): NsBox[] {
  return [box, ...box.children.flatMap(flattenBoxes)]
}
