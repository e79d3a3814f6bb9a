// Layout of the cgroup tree: d3-hierarchy's tidy tree, drawn left to right (root on the left,
// containers' cgroups on the right). Pure: returns node rectangles and link paths.
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
 * `wrapWidth` (presenter mode): a group whose children are all containers lays their cards out in rows
 * as wide as that, instead of one tall column, so the picture uses the screen; one link per row.
 */
export function layoutCgroupTree(root: CgroupTreeNode, unit: number, options: { wrapWidth?: number } = {}): CgroupLayout {
  const m = cgroupMetrics(unit)
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
  const rowStarts = options.wrapWidth ? wrapContainerCards(laid.descendants(), byPath, m, options.wrapWidth) : null
  const link = linkHorizontal<{ source: [number, number]; target: [number, number] }, [number, number]>()
  const links: CgLink[] = laid
    .links()
    .filter((l) => rowStarts === null || !rowStarts.wrapped.has(l.target.data.path) || rowStarts.firsts.has(l.target.data.path))
    .map((l) => {
      const s = byPath.get(l.source.data.path)
      const t = byPath.get(l.target.data.path)
      const source: [number, number] = [(s?.x ?? 0) + (s?.w ?? 0), (s?.y ?? 0) + (s?.h ?? 0) / 2]
      const target: [number, number] = [t?.x ?? 0, (t?.y ?? 0) + (t?.h ?? 0) / 2]
      return { key: `${l.source.data.path}->${l.target.data.path}`, d: link({ source, target }) ?? '' }
    })
  const minX = Math.min(...nodes.map((n) => n.x))
  const minY = Math.min(...nodes.map((n) => n.y))
  const maxX = Math.max(...nodes.map((n) => n.x + n.w))
  const maxY = Math.max(...nodes.map((n) => n.y + n.h))
  return { nodes, links, box: { x: minX, y: minY, width: maxX - minX, height: maxY - minY } }
}

/** Moves the cards of each all-container family into rows; returns the wrapped cards and each row's first. */
function wrapContainerCards(
  laid: ReadonlyArray<{ data: CgroupTreeNode; children?: ReadonlyArray<{ data: CgroupTreeNode }> }>,
  byPath: Map<string, CgNodeBox>,
  m: ReturnType<typeof cgroupMetrics>,
  wrapWidth: number
): { wrapped: Set<string>; firsts: Set<string> } {
  const wrapped = new Set<string>()
  const firsts = new Set<string>()
  for (const parent of laid) {
    const kids = (parent.children ?? []).map((c) => byPath.get(c.data.path)).filter((b): b is CgNodeBox => b !== undefined)
    const group = byPath.get(parent.data.path)
    if (!group || kids.length < 2 || kids.some((k) => k.kind !== 'container' || k.node.children.length > 0)) continue
    const x0 = kids[0]?.x ?? 0
    const cols = Math.max(1, Math.floor((wrapWidth - x0 + m.gap) / (m.cardW + m.gap)))
    if (cols < 2) continue
    const rows = Math.ceil(kids.length / cols)
    const top = group.y + group.h / 2 - (rows * (m.cardH + m.gap) - m.gap) / 2
    kids.forEach((kid, i) => {
      kid.x = x0 + (i % cols) * (m.cardW + m.gap)
      kid.y = top + Math.floor(i / cols) * (m.cardH + m.gap)
      wrapped.add(kid.key)
      if (i % cols === 0) firsts.add(kid.key)
    })
  }
  return { wrapped, firsts }
}
