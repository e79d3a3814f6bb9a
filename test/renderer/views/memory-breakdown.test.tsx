// The container page's honest-memory panel: one stacked bar of memory.stat's parts against the limit,
// a legend with values and what the kernel can reclaim, and where docker stats puts its figure.
import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { HostSnapshot, MemoryBreakdown } from '../../../shared/model'
import { ContainerPage } from '../../../renderer/views/container/container-page'
import { containerId, variedSnapshot } from '../support/fixture'
import { renderWithStore, storeWith } from '../support/render-app'

const MiB = 2 ** 20
/** The captured v1 tmpfs container (test/fixtures/cgroup/v1-tmpfs-memory) with some file cache added. */
const BREAKDOWN: MemoryBreakdown = {
  cgroupVersion: 1,
  anonBytes: 4 * MiB,
  activeFileBytes: 8 * MiB,
  inactiveFileBytes: 6 * MiB,
  shmemBytes: 20 * MiB,
  kernelBytes: 2 * MiB,
  sockBytes: null,
  cacheBytes: 34 * MiB,
  mappedFileBytes: 0,
  reclaimableBytes: 14 * MiB
}

function setup(name: string, edit: (s: HostSnapshot) => void) {
  const snapshot = variedSnapshot()
  edit(snapshot)
  const store = storeWith(snapshot)
  store.getState().selectContainer(containerId(snapshot, name))
  renderWithStore(<ContainerPage />, store)
  return screen.queryByRole('region', { name: 'Memory: what the usage is made of' })
}

function withBreakdown(usageBytes: number, limitBytes: number | null, b: MemoryBreakdown | null) {
  return (s: HostSnapshot): void => {
    const web = s.containers.find((c) => c.name === 'web')!
    web.limits = { ...web.limits!, memoryBytes: limitBytes }
    web.usage = { ...web.usage!, memoryBytes: usageBytes, memoryBreakdown: b }
  }
}

/** The bar's part rectangles, by the title each carries. */
function partRects(panel: HTMLElement): Map<string, SVGRectElement> {
  const bar = within(panel).getByRole('img', { name: /^memory breakdown/ })
  const rects = Array.from(bar.querySelectorAll('rect')).filter((r) => r.querySelector('title'))
  return new Map(rects.map((r) => [r.querySelector('title')!.textContent!.split(':')[0]!, r as SVGRectElement]))
}

describe('the memory breakdown panel', () => {
  it('stacks the parts against the limit: each as wide as its share of the limit, in order, reclaimable ones hatched', () => {
    const panel = setup('web', withBreakdown(40 * MiB, 64 * MiB, BREAKDOWN))!
    const rects = partRects(panel)
    expect([...rects.keys()]).toEqual(['anonymous', 'shmem / tmpfs', 'kernel', 'active file cache', 'inactive file cache'])
    const svg = within(panel).getByRole('img', { name: /^memory breakdown/ })
    const width = Number(svg.getAttribute('width'))
    const w = (label: string): number => Number(rects.get(label)!.getAttribute('width'))
    const x = (label: string): number => Number(rects.get(label)!.getAttribute('x'))
    expect(w('shmem / tmpfs')).toBeCloseTo((20 / 64) * width, 6)
    expect(x('kernel')).toBeCloseTo(((4 + 20) / 64) * width, 6)
    // Usage 40 MiB of 64: the last part ends at 40/64 of the bar.
    expect(x('inactive file cache') + w('inactive file cache')).toBeCloseTo((40 / 64) * width, 6)
    // Hatching marks exactly the two file lists.
    expect(svg.querySelectorAll('rect[fill^="url(#mem-hatch-"]')).toHaveLength(2)
    expect(panel).toHaveTextContent('40 MiB of the 64 MiB limit · 14 MiB (35 %) is file cache the kernel can reclaim (hatched)')
  })

  it('lists every part with its bytes, share of the usage and what pressure does to it', () => {
    const panel = setup('web', withBreakdown(40 * MiB, 64 * MiB, BREAKDOWN))!
    expect(within(panel).getByRole('row', { name: 'anonymous 4 MiB 10 % stays (swap only)' })).toBeInTheDocument()
    expect(within(panel).getByRole('row', { name: 'shmem / tmpfs 20 MiB 50 % stays (swap only)' })).toBeInTheDocument()
    expect(within(panel).getByRole('row', { name: 'kernel 2 MiB 5.0 % stays' })).toBeInTheDocument()
    expect(within(panel).getByRole('row', { name: 'inactive file cache 6 MiB 15 % reclaimable' })).toBeInTheDocument()
    // v1 has no socket part in the usage: said, not drawn as zero.
    expect(panel).toHaveTextContent('Not reported on cgroup v1: socket buffers (v1 counts TCP memory apart, outside this usage).')
  })

  it('gives an empty part 0 %, not 0.0 %', () => {
    const panel = setup('web', withBreakdown(34 * MiB, 64 * MiB, { ...BREAKDOWN, inactiveFileBytes: 0 }))!
    expect(within(panel).getByRole('row', { name: 'inactive file cache 0 B 0 % reclaimable' })).toBeInTheDocument()
  })

  it('marks the docker stats figure on the bar and says how it is computed', () => {
    const panel = setup('web', withBreakdown(40 * MiB, 64 * MiB, BREAKDOWN))!
    const svg = within(panel).getByRole('img', { name: /^memory breakdown/ })
    const mark = svg.querySelector('line[style*="dasharray"], line[style*="dash"]') as SVGLineElement
    expect(Number(mark.getAttribute('x1'))).toBeCloseTo((34 / 64) * Number(svg.getAttribute('width')), 6)
    expect(svg).toHaveTextContent('docker stats 34 MiB')
    expect(within(panel).getByRole('note')).toHaveTextContent(
      'Why docker stats differs (dashed mark): docker stats shows 34 MiB = usage 40 MiB − total_inactive_file 6 MiB: active cache, tmpfs and kernel memory still count in it.'
    )
  })

  it('without a limit the bar spans the usage; what memory.stat does not list is drawn as its own part', () => {
    const panel = setup('web', withBreakdown(42 * MiB, null, BREAKDOWN))!
    const rects = partRects(panel)
    expect(rects.get('not itemised')).toBeDefined()
    const svg = within(panel).getByRole('img', { name: /^memory breakdown/ })
    const last = rects.get('inactive file cache')!
    expect(Number(last.getAttribute('x')) + Number(last.getAttribute('width'))).toBeCloseTo(Number(svg.getAttribute('width')), 6)
    expect(panel).toHaveTextContent('42 MiB used, no limit (the bar spans the usage)')
  })

  it('says when memory.stat was not read', () => {
    expect(setup('web', withBreakdown(40 * MiB, 64 * MiB, null))).toHaveTextContent('Unknown: memory.stat was not read for this container.')
  })

  it('is absent for a container that is not running', () => {
    expect(setup('web', (s) => { s.containers.find((c) => c.name === 'web')!.pid = null })).toBeNull()
  })
})
