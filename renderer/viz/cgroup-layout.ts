// Layout of the cgroup tree: d3-hierarchy's tidy tree, drawn left to right (root on the left,
// containers' cgroups on the right), or in presenter mode an outline whose card rows fill the width.
// Pure: returns node rectangles and link paths.
import { hierarchy, linkHorizontal, tree } from 'd3'
import type { CgroupTreeNode } from '../../shared/selectors/cgroup-tree'

export interface CgNodeBox {
  key: string
  node: CgroupTreeNode
  kind: 'group' | 'container'
  x: number
  y: number
  w: number
  h: number
}

export interface CgLink {
  key: string
  d: string
}

export interface CgroupLayout {
  nodes: CgNodeBox[]
  links: CgLink[]
  /** The content's bounding box. */
  box: { x: number; y: number; width: number; height: number }
}

export function cgroupMetrics(unit: number): { cardW: number; cardH: number; groupW: number; groupH: number; column: number; gap: number } {
  return {
    cardW: Math.round(unit * 27),
    cardH: Math.round(unit * 8.6),
    groupW: Math.round(unit * 9),
    groupH: Math.round(unit * 2.6),
    column: Math.round(unit * 12),
    gap: Math.round(unit * 0.9)
  }
}

/**
 * `wrapWidth` (presenter mode): an indented outline instead of the left-to-right tree. Each group sits on
 * its own line above its children, and a family of container cards fills rows as wide as that, so the
 * root and /docker no longer take the left of the screen and the cards use its whole width.
 */
export function layoutCgroupTree(root: CgroupTreeNode, unit: number, options: { wrapWidth?: number } = {}): CgroupLayout {
  const m = cgroupMetrics(unit)
  return options.wrapWidth ? layoutOutline(root, m, options.wrapWidth) : layoutTidyTree(root, m)
}

function layoutTidyTree(root: CgroupTreeNode, m: ReturnType<typeof cgroupMetrics>): CgroupLayout {
  const h = hierarchy(root, (n) => n.children)
  // nodeSize: [distance between siblings, distance between depths]; x is vertical here.
  const laid = tree<CgroupTreeNode>()
    .nodeSize([m.cardH + m.gap, m.column])
    .separation(() => 1)(h)
  const nodes: CgNodeBox[] = laid.descendants().map((d) => {
    const kind = d.data.containerId ? 'container' : 'group'
    const w = kind === 'container' ? m.cardW : m.groupW
    const hh = kind === 'container' ? m.cardH : m.groupH
    return { key: d.data.path, node: d.data, kind, x: d.y, y: d.x - hh / 2, w, h: hh }
  })
  const byPath = new Map(nodes.map((n) => [n.key, n]))
  const link = linkHorizontal<{ source: [number, number]; target: [number, number] }, [number, number]>()
  const links: CgLink[] = laid.links().map((l) => {
    const s = byPath.get(l.source.data.path)
    const t = byPath.get(l.target.data.path)
    const source: [number, number] = [(s?.x ?? 0) + (s?.w ?? 0), (s?.y ?? 0) + (s?.h ?? 0) / 2]
    const target: [number, number] = [t?.x ?? 0, (t?.y ?? 0) + (t?.h ?? 0) / 2]
    return { key: `${l.source.data.path}->${l.target.data.path}`, d: link({ source, target }) ?? '' }
  })
  return { nodes, links, box: boundingBox(nodes) }
}

/** The outline: groups one per line, indented by depth; runs of leaf cards wrapped into rows; one elbow link per line or row. */
function layoutOutline(root: CgroupTreeNode, m: ReturnType<typeof cgroupMetrics>, wrapWidth: number): CgroupLayout {
  const indent = Math.round(m.groupH * 0.9)
  const nodes: CgNodeBox[] = []
  const links: CgLink[] = []
  let y = 0
  const place = (node: CgroupTreeNode, x: number): CgNodeBox => {
    const kind = node.containerId ? 'container' : 'group'
    const box: CgNodeBox = { key: node.path, node, kind, x, y, w: kind === 'container' ? m.cardW : m.groupW, h: kind === 'container' ? m.cardH : m.groupH }
    nodes.push(box)
    return box
  }
  // From below the parent's left edge down to the middle of the child's left side.
  const linkTo = (parent: CgNodeBox, child: CgNodeBox): void => {
    const px = parent.x + indent / 2
    links.push({ key: `${parent.key}->${child.key}`, d: `M${px},${parent.y + parent.h}V${child.y + child.h / 2}H${child.x}` })
  }
  const visit = (node: CgroupTreeNode, depth: number, parent: CgNodeBox | null): void => {
    const box = place(node, depth * indent)
    if (parent) linkTo(parent, box)
    y += box.h + m.gap
    const x0 = (depth + 1) * indent
    const cols = Math.max(1, Math.floor((wrapWidth - x0 + m.gap) / (m.cardW + m.gap)))
    let row: CgroupTreeNode[] = []
    const flushRow = (): void => {
      row.forEach((leaf, i) => {
        const card = place(leaf, x0 + i * (m.cardW + m.gap))
        if (i === 0) linkTo(box, card)
      })
      if (row.length) y += m.cardH + m.gap
      row = []
    }
    for (const child of node.children) {
      if (child.containerId && child.children.length === 0) {
        row.push(child)
        if (row.length === cols) flushRow()
      } else {
        flushRow()
        visit(child, depth + 1, box)
      }
    }
    flushRow()
  }
  visit(root, 0, null)
  return { nodes, links, box: boundingBox(nodes) }
}

function boundingBox(nodes: readonly CgNodeBox[]): CgroupLayout['box'] {
  const minX = Math.min(...nodes.map((n) => n.x))
  const minY = Math.min(...nodes.map((n) => n.y))
  const maxX = Math.max(...nodes.map((n) => n.x + n.w))
  const maxY = Math.max(...nodes.map((n) => n.y + n.h))
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY }
}
