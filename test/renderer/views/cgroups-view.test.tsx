import { act, fireEvent, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { CgroupsView } from '../../../renderer/views/cgroups/cgroups-view'
import { bigSnapshot } from '../support/big-snapshot'
import { containerId, variedSnapshot } from '../support/fixture'
import { renderWithStore, storeWith } from '../support/render-app'
import { syntheticSamples } from '../support/synthetic-live'

function setup(name = 'web') {
  const snapshot = variedSnapshot()
  const store = storeWith(snapshot)
  store.getState().selectContainer(containerId(snapshot, name))
  return { snapshot, ...renderWithStore(<CgroupsView />, store) }
}

describe('the cgroups view', () => {
  it('says which cgroup version and layout the host uses', () => {
    setup()
    expect(screen.getByText(/cgroup v1: each controller \(memory, cpu, cpuacct, cpuset, pids\) has its own tree/)).toBeInTheDocument()
  })

  it('draws a card per container cgroup, named, with memory, CPU and pids against their limits', () => {
    setup()
    const web = screen.getByRole('button', { name: /^web: memory 576 KiB \/ 64 MiB; CPU — \/ 0.5 cores; pids 3 \/ 50$/ })
    expect(web).toHaveAttribute('aria-pressed', 'true')
    expect(screen.getByRole('button', { name: /^debug-tools: memory 304 KiB · no limit; CPU — cores · no quota; pids 1 · no limit$/ })).toBeInTheDocument()
    expect(screen.getByText(/Not running, so no cgroup: old-job/)).toBeInTheDocument()
  })

  it('zooms and pans through the zoom hook (explicit extent, so it works in jsdom)', () => {
    const { container } = setup()
    const layer = container.querySelector('[data-zoom-layer]')!
    const before = layer.getAttribute('transform')
    fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }))
    const after = layer.getAttribute('transform')
    expect(after).toMatch(/scale\(/)
    expect(after).not.toBe(before)
    fireEvent.click(screen.getByRole('button', { name: '1:1' }))
    expect(layer.getAttribute('transform')).toMatch(/scale\(1\)$/)
  })

  it('turns live samples into bars and sparklines, with markers and the numbers where limits bit', () => {
    const { snapshot, store, container } = setup()
    const { samples, events } = syntheticSamples(snapshot, { seconds: 60 })
    act(() => store.getState().ingestMany([...samples, ...events]))
    expect(screen.getByRole('group', { name: 'Recent history of web' })).toBeInTheDocument()
    expect(container.querySelectorAll('.spark__marker--cpu-throttled')).toHaveLength(2)
    expect(container.querySelectorAll('.spark__marker--pids-limit')).toHaveLength(1)
    const moments = screen.getAllByRole('listitem').map((li) => li.textContent)
    expect(moments.some((t) => /pids limit hit — a fork failed: 50 of 50 pids in use/.test(t ?? ''))).toBe(true)
    expect(moments.filter((t) => /CPU throttled — throttled in 8 of 10 periods/.test(t ?? ''))).toHaveLength(2)
    expect(screen.getByRole('button', { name: /^web: memory .* \/ 64 MiB; CPU 0\.\d\d \/ 0.5 cores/ })).toBeInTheDocument()
  })

  it('explains what the program inside sees: the host in /proc, the limits in the cgroup', () => {
    setup()
    expect(screen.getByRole('img', { name: /plans for 2 CPUs and 23.5 GiB, but the kernel will throttle it to 0.5 cores and kill it \(OOM\) above 64 MiB/ })).toBeInTheDocument()
    expect(screen.getByText('64 MiB = 0.27% of it')).toBeInTheDocument()
  })

  it('says when there are no samples yet rather than drawing empty charts', () => {
    setup('sidecar')
    expect(screen.getByText(/No live samples for sidecar yet/)).toBeInTheDocument()
    expect(screen.getByText(/No limit was hit in this window/)).toBeInTheDocument()
  })

  it('on a big host redraws the cards on screen each sample, and the others when they come into view or are exported', async () => {
    const snapshot = bigSnapshot(40, 2, 5)
    const store = storeWith(snapshot)
    const { container } = renderWithStore(<CgroupsView />, store)
    // The cards out of view come in the frame after the first.
    await screen.findByRole('button', { name: /^svc-039: memory/ })
    const label = (name: string): string => screen.getByRole('button', { name: new RegExp(`^${name}: memory`) }).getAttribute('aria-label') ?? ''
    const asInSnapshot = /: memory 50 MiB /
    expect(label('svc-039')).toMatch(asInSnapshot)

    const [first, , later] = syntheticSamples(snapshot, { seconds: 3 }).samples
    act(() => store.getState().ingest(first!))
    expect(label('svc-001')).not.toMatch(asInSnapshot)
    // At 1:1 the first cards fill the view; the last is far below it and keeps what it drew.
    expect(label('svc-039')).toMatch(asInSnapshot)

    // An export draws every card up to date.
    act(() => store.getState().setExportingPicture(true))
    expect(label('svc-039')).not.toMatch(asInSnapshot)
    act(() => store.getState().setExportingPicture(false))

    // Tabbing to a card pans it into view, where it follows the samples again.
    const asExported = label('svc-038')
    act(() => store.getState().ingest(later!))
    expect(label('svc-038')).toBe(asExported)
    const layer = container.querySelector('[data-zoom-layer]')!
    const before = layer.getAttribute('transform')
    act(() => screen.getByRole('button', { name: /^svc-038: memory/ }).focus())
    expect(layer.getAttribute('transform')).not.toBe(before)
    expect(label('svc-038')).not.toBe(asExported)
  })
})
