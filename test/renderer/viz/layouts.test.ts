import { describe, expect, it } from 'vitest'
import { capabilityColumns } from '../../../shared/selectors/capability-matrix'
import { cgroupTree } from '../../../shared/selectors/cgroup-tree'
import { sharingMap } from '../../../shared/selectors/namespace-map'
import { pidNamespaceTree } from '../../../shared/selectors/pid-namespaces'
import { layoutCapabilityMatrix } from '../../../renderer/viz/capability-layout'
import { shortCapabilityName } from '../../../renderer/viz/capability-short-names'
import { layoutCgroupTree } from '../../../renderer/viz/cgroup-layout'
import { flattenBoxes, layoutPidTree, type NsBox } from '../../../renderer/viz/pid-layout'
import { layoutSharingMap } from '../../../renderer/viz/sharing-layout'
import { sparkGeometry } from '../../../renderer/viz/sparkline'
import { applyLiveMessages, emptyLiveData } from '../../../renderer/store/live-data'
import { bigSnapshot } from '../support/big-snapshot'
import { containerId, variedSnapshot } from '../support/fixture'
import { syntheticSamples } from '../support/synthetic-live'

const inside = (inner: { x: number; y: number; w: number; h: number }, outer: { x: number; y: number; w: number; h: number }): boolean =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w + 0.01 && inner.y + inner.h <= outer.y + outer.h + 0.01
const overlap = (a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }): boolean =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

function checkNesting(box: NsBox): void {
  for (const chip of box.chips) expect(inside(chip, box)).toBe(true)
  for (const child of box.children) {
    expect(inside(child, box)).toBe(true)
    for (const chip of box.chips) expect(overlap(chip, child)).toBe(false)
    checkNesting(child)
  }
  const siblings = [...box.children, ...box.chips]
  for (let i = 0; i < siblings.length; i++) for (let j = i + 1; j < siblings.length; j++) expect(overlap(siblings[i]!, siblings[j]!)).toBe(false)
}

describe('PID picture layout', () => {
  const tree = pidNamespaceTree(variedSnapshot())
  it('nests boxes and chips without overlap, the nested namespace inside its container\'s box', () => {
    const layout = layoutPidTree(tree, { width: 1100, unit: 13, expanded: new Set() })
    checkNesting(layout.root)
    const nestedBox = flattenBoxes(layout.root).find((b) => b.depth === 2)!
    const parent = flattenBoxes(layout.root).find((b) => b.children.includes(nestedBox))!
    expect(parent.depth).toBe(1)
    expect(nestedBox.chips.map((c) => c.process.chain.join('>'))).toEqual(['8433>7>1', '8434>8>2'])
  })
  it('folds the host\'s many processes into a "+N more" chip until expanded', () => {
    const folded = layoutPidTree(tree, { width: 1100, unit: 13, expanded: new Set(), hostCollapseAt: 16 })
    expect(folded.root.chips).toHaveLength(15)
    expect(folded.root.more?.hidden).toBe(tree.processes.length - 15)
    expect(folded.root.chips[0]?.process.containerId).not.toBeNull()
    const open = layoutPidTree(tree, { width: 1100, unit: 13, expanded: new Set([tree.key]) })
    expect(open.root.chips).toHaveLength(tree.processes.length)
    expect(open.root.more).toBeNull()
    checkNesting(open.root)
  })
  it('grows with the text size and stays inside its width', () => {
    const small = layoutPidTree(tree, { width: 1000, unit: 13, expanded: new Set() })
    const large = layoutPidTree(tree, { width: 1000, unit: 18, expanded: new Set() })
    expect(large.height).toBeGreaterThan(small.height)
    expect(large.width).toBe(1000)
    for (const b of flattenBoxes(large.root)) expect(b.x + b.w).toBeLessThanOrEqual(1000.01)
  })
  it('lays out 200 containers and 2,000 processes, boxes and chips still nested', () => {
    const big = bigSnapshot(200, 9, 200)
    const layout = layoutPidTree(pidNamespaceTree(big), { width: 1600, unit: 13, expanded: new Set() })
    expect(layout.boxes).toBe(201)
    checkNesting(layout.root)
  })
})

describe('sharing map layout', () => {
  const map = sharingMap(variedSnapshot())
  it('places a cell per row and type, and a connector through every member of a shared namespace', () => {
    const layout = layoutSharingMap(map, { width: 1000, unit: 13 })
    expect(layout.cells).toHaveLength(map.rows.length * 8)
    const net = layout.connectors.find((c) => c.key.startsWith('net:'))!
    expect(net.strength).toBe('strong')
    expect(net.dots).toHaveLength(2)
    const user = layout.connectors.find((c) => c.key.startsWith('user:'))!
    expect(user.strength).toBe('faint')
    for (let i = 0; i < layout.cells.length; i++) for (let j = i + 1; j < layout.cells.length; j++) expect(overlap(layout.cells[i]!, layout.cells[j]!)).toBe(false)
  })
})

describe('cgroup tree layout', () => {
  it('puts the root left of /docker left of the container cards, with a link per edge', () => {
    const layout = layoutCgroupTree(cgroupTree(variedSnapshot()), 13)
    const x = (path: string): number => layout.nodes.find((n) => n.key === path)!.x
    const cards = layout.nodes.filter((n) => n.kind === 'container')
    expect(cards).toHaveLength(6)
    expect(x('/')).toBeLessThan(x('/docker'))
    expect(cards.every((c) => c.x > x('/docker'))).toBe(true)
    expect(layout.links).toHaveLength(7)
    for (let i = 0; i < cards.length; i++) for (let j = i + 1; j < cards.length; j++) expect(overlap(cards[i]!, cards[j]!)).toBe(false)
  })
  it('handles 200 cgroups', () => {
    const layout = layoutCgroupTree(cgroupTree(bigSnapshot(200, 1, 1)), 13)
    expect(layout.nodes.filter((n) => n.kind === 'container')).toHaveLength(200)
    expect(layout.box.height).toBeGreaterThan(200 * 100)
  })
  it('in presenter mode, lays 200 cards out in rows as wide as the view, without overlaps', () => {
    const tall = layoutCgroupTree(cgroupTree(bigSnapshot(200, 1, 1)), 17)
    const wide = layoutCgroupTree(cgroupTree(bigSnapshot(200, 1, 1)), 17, { wrapWidth: 1800 })
    const cards = wide.nodes.filter((n) => n.kind === 'container')
    const columns = new Set(cards.map((c) => c.x)).size
    expect(columns).toBeGreaterThan(1)
    expect(wide.box.x + wide.box.width).toBeLessThanOrEqual(1800)
    expect(wide.box.height).toBeLessThan(tall.box.height / columns + 17 * 10)
    const all = wide.nodes
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) expect(overlap(all[i]!, all[j]!)).toBe(false)
    // One link per row into the cards, plus the groups' own.
    expect(wide.links.length).toBe(Math.ceil(200 / columns) + (tall.links.length - 200))
  })
  it('in presenter mode, puts the root and /docker above the cards, which use the width from the left edge', () => {
    const wide = layoutCgroupTree(cgroupTree(variedSnapshot()), 17, { wrapWidth: 1800 })
    const group = (path: string): (typeof wide.nodes)[number] => wide.nodes.find((n) => n.key === path)!
    const cards = wide.nodes.filter((n) => n.kind === 'container')
    const top = Math.min(...cards.map((c) => c.y))
    expect(group('/').y + group('/').h).toBeLessThanOrEqual(group('/docker').y)
    expect(group('/docker').y + group('/docker').h).toBeLessThanOrEqual(top)
    // The cards start a few indents from the left, not after two tree columns.
    expect(Math.min(...cards.map((c) => c.x))).toBeLessThan(17 * 6)
    // 6 cards at 1800 px: 3 columns of 27 em (459 px) fit, and the rows reach across most of the width.
    expect(new Set(cards.map((c) => c.x)).size).toBe(3)
    expect(Math.max(...cards.map((c) => c.x + c.w))).toBeGreaterThan(1800 * 0.8)
    expect(wide.box.x + wide.box.width).toBeLessThanOrEqual(1800)
    for (let i = 0; i < wide.nodes.length; i++) for (let j = i + 1; j < wide.nodes.length; j++) expect(overlap(wide.nodes[i]!, wide.nodes[j]!)).toBe(false)
  })
})

describe('capability matrix layout', () => {
  it('shrinks cells to fit the width, but not below a legible size', () => {
    const columns = capabilityColumns()
    const wide = layoutCapabilityMatrix(7, columns, 13, 2000)
    const narrow = layoutCapabilityMatrix(7, columns, 13, 900)
    expect(wide.cell).toBe(Math.round(13 * 1.7))
    expect(narrow.width).toBeLessThanOrEqual(Math.max(900, 13 * 1.25 * 41 + 13 * 16))
    expect(narrow.cell).toBeGreaterThanOrEqual(16)
    expect(narrow.groups).toHaveLength(6)
    expect(new Set(narrow.colX).size).toBe(41)
  })
  it('in presenter mode, staggers horizontal short names on enough lines that names on one line never touch', () => {
    const columns = capabilityColumns()
    for (const width of [1300, 900]) {
      const layout = layoutCapabilityMatrix(7, columns, 17, width, { horizontal: true })
      const h = layout.horizontal!
      expect(h.fontSize).toBeGreaterThanOrEqual(17)
      const widest = Math.max(...columns.map((c) => shortCapabilityName(c.name).length)) * 0.6 * h.fontSize
      expect(widest).toBeLessThanOrEqual(7 * 0.6 * h.fontSize)
      // Same line: every h.lines-th column; their centres are at least one name apart.
      for (let i = h.lines; i < columns.length; i++) expect(layout.colX[i]! - layout.colX[i - h.lines]!).toBeGreaterThanOrEqual(widest)
      // The last name, centred on its column, stays inside the picture.
      expect(layout.colX[40]! + layout.cell / 2 + widest / 2).toBeLessThanOrEqual(layout.width)
    }
    expect(layoutCapabilityMatrix(7, columns, 17, 1300).horizontal).toBeNull()
  })
})

describe('sparkline geometry', () => {
  const snapshot = variedSnapshot()
  const { samples, events } = syntheticSamples(snapshot, { seconds: 60 })
  const data = applyLiveMessages({ ...emptyLiveData(), snapshot }, [...samples, ...events])
  it('draws the limit line and a marker where the OOM kill happened, on the memory chart only', () => {
    const batch = containerId(snapshot, 'batch')
    const mine = data.events.filter((e) => e.containerId === batch)
    const memory = sparkGeometry(data.series[batch]!, mine, 'memory', { width: 400, height: 60, pad: 4 }, null)
    expect(memory.limit).toBe(128 * 2 ** 20)
    expect(memory.limitY).not.toBeNull()
    expect(memory.markers.map((m) => m.event.kind)).toEqual(['oom-kill'])
    expect(memory.path.startsWith('M')).toBe(true)
    expect(sparkGeometry(data.series[batch]!, mine, 'cpu', { width: 400, height: 60, pad: 4 }, null).markers).toEqual([])
  })
  it('uses the fallback limit when samples carry none, and tolerates no points', () => {
    const g = sparkGeometry([], [], 'pids', { width: 200, height: 40, pad: 4 }, 50)
    expect(g.limit).toBe(50)
    expect(g.path).toBe('')
  })
})
