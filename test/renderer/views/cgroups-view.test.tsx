import { act, fireEvent, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { CgroupsView } from '../../../renderer/views/cgroups/cgroups-view'
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
})
