// The container page's limits timeline in jsdom: its lanes from the store's series, the values at the
// cursor (pointer or keyboard), and the zoom buttons changing the time window.
import { act, fireEvent, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { serializeView } from '../../../renderer/export/serialize-svg'
import { ContainerPage } from '../../../renderer/views/container/container-page'
import { containerId, variedSnapshot } from '../support/fixture'
import { renderWithStore, storeWith } from '../support/render-app'
import { sample, T0 } from '../support/timeline-series'

/** The page of `web` with samples every second for `seconds` s; throttled 8 of 10 periods after 200 s. */
function setup(seconds: number, edit: (sec: number) => Parameters<typeof sample>[0] = () => ({})) {
  const snapshot = variedSnapshot()
  const store = storeWith(snapshot)
  const id = containerId(snapshot, 'web')
  store.getState().selectContainer(id)
  for (let sec = 0; sec <= seconds; sec++) {
    const s = { ...sample(edit(sec)), id }
    store.getState().ingest({ type: 'sample', at: new Date(T0 + sec * 1000).toISOString(), intervalMs: 1000, containers: [s], self: { cpuCores: 0, rssBytes: 0, readMs: 0 } })
  }
  renderWithStore(<ContainerPage />, store)
  const region = screen.getByRole('region', { name: 'Limits timeline' })
  return { region, store, id }
}

describe('the limits timeline', () => {
  it('draws a lane for memory, CPU, throttled share and pids, each with its lines', () => {
    const { region } = setup(30)
    const svg = within(region).getByRole('img', { name: /limits timeline/ })
    const lanes = Array.from(svg.querySelectorAll('[data-lane]')).map((g) => g.getAttribute('data-lane'))
    expect(lanes).toEqual(['memory', 'cpu', 'throttled', 'pids'])
    expect(svg.querySelector('[data-lane="throttled"] .timeline__line--throttled')?.getAttribute('d')).toMatch(/^M/)
    expect(svg.querySelector('[data-lane="memory"] .timeline__line--limit')?.getAttribute('d')).toMatch(/^M/)
    expect(svg.getAttribute('data-export')).toMatch(/^web: limits timeline/)
    expect(region).toHaveTextContent('CFS throttled 80% of its periods (240 of 300)')
  })

  it('ticks the memory lane where memory went over memory.high or hit its limit, with the count on hover', () => {
    const { region } = setup(30, (sec) => ({ highEvents: sec < 10 ? 0 : 2, maxEvents: sec < 20 ? 5 : 45 }))
    const svg = within(region).getByRole('img', { name: /limits timeline/ })
    const ticks = Array.from(svg.querySelectorAll('[data-lane="memory"] .timeline__memhit'))
    expect(ticks.map((t) => t.querySelector('title')?.textContent?.replace(/^\S+: /, ''))).toEqual(['went over memory.high 2 times', 'hit the memory limit (reclaim) 40 times'])
    expect(ticks.map((t) => t.getAttribute('class'))).toEqual(['timeline__memhit timeline__memhit--high', 'timeline__memhit timeline__memhit--max'])
    // No other lane carries them.
    expect(svg.querySelectorAll('.timeline__memhit')).toHaveLength(2)
    expect(region).toHaveTextContent('Memory went over memory.high 2 times. Memory hit its limit 40 times (the kernel reclaimed).')
    // The keyboard cursor on the sample that saw them names them too (a 2 px tick is hard to hover).
    const chart = within(region).getByRole('group', { name: /Limits timeline of web/ })
    act(() => chart.focus())
    fireEvent.keyDown(chart, { key: 'End' })
    for (let i = 0; i < 10; i++) fireEvent.keyDown(chart, { key: 'ArrowLeft' })
    expect(within(region).getByTestId('timeline-readout')).toHaveTextContent('memory hit the memory limit (reclaim) 40 times')
    fireEvent.keyDown(chart, { key: 'ArrowLeft' })
    expect(within(region).getByTestId('timeline-readout')).not.toHaveTextContent('memory limit (reclaim)')
  })

  it('shows every lane’s value at the sample under the pointer, with a vertical rule', () => {
    const { region } = setup(60, (sec) => (sec === 30 ? { cores: 0.05, throttled: 1, pids: 2 } : {}))
    const svg = within(region).getByRole('img', { name: /limits timeline/ })
    expect(within(region).queryByTestId('timeline-rule')).toBeNull()
    const width = Number(svg.getAttribute('width'))
    // Halfway across the minute: the sample at 30 s.
    fireEvent.pointerMove(svg, { clientX: width / 2 })
    const readout = within(region).getByTestId('timeline-readout')
    expect(readout).toHaveTextContent(/memory usage 20 MiB · working set 15 MiB · limit 64 MiB/)
    expect(readout).toHaveTextContent('CPU used 0.05 cores · quota 0.2 cores')
    expect(readout).toHaveTextContent('throttled periods throttled 10%')
    expect(readout).toHaveTextContent('pids count 2 · max 4')
    expect(within(region).getByTestId('timeline-rule')).toBeTruthy()
    fireEvent.pointerLeave(svg)
    expect(within(region).queryByTestId('timeline-rule')).toBeNull()
  })

  it('moves the cursor from sample to sample with the arrow keys', () => {
    const { region } = setup(10, (sec) => ({ pids: sec === 9 ? 1 : 3 }))
    const chart = within(region).getByRole('group', { name: /Limits timeline of web/ })
    act(() => chart.focus())
    fireEvent.keyDown(chart, { key: 'ArrowLeft' })
    expect(within(region).getByTestId('timeline-readout')).toHaveTextContent('pids count 3')
    fireEvent.keyDown(chart, { key: 'ArrowLeft' })
    expect(within(region).getByTestId('timeline-readout')).toHaveTextContent('pids count 1')
    fireEvent.keyDown(chart, { key: 'Escape' })
    expect(within(region).queryByTestId('timeline-rule')).toBeNull()
  })

  it('zooms: the last minute shows the last 60 s, "all" everything kept', () => {
    const { region } = setup(300, (sec) => (sec < 200 ? { throttled: 0 } : {}))
    const svg = (): Element => within(region).getByRole('img', { name: /limits timeline/ })
    const title = (): string => svg().getAttribute('aria-label')!
    const all = title()
    fireEvent.click(within(region).getByRole('button', { name: 'last 1 min' }))
    expect(within(region).getByRole('button', { name: 'last 1 min' })).toHaveAttribute('aria-pressed', 'true')
    expect(title()).not.toBe(all)
    // The last 60 s are all throttled 8 of 10; over all 300 s only the last 101 samples are.
    expect(region).toHaveTextContent('CFS throttled 80% of its periods (480 of 600)')
    fireEvent.click(within(region).getByRole('button', { name: 'all' }))
    expect(title()).toBe(all)
    expect(region).toHaveTextContent('CFS throttled 27% of its periods (808 of 3000)')
  })

  it('zooms to a range dragged across the chart, and back with one click', () => {
    const { region } = setup(60)
    const svg = within(region).getByRole('img', { name: /limits timeline/ })
    const all = svg.getAttribute('aria-label')
    const width = Number(svg.getAttribute('width'))
    // From a quarter to half way across the minute: 15 s to 30 s.
    fireEvent.pointerDown(svg, { clientX: width / 4, button: 0 })
    fireEvent.pointerMove(svg, { clientX: width / 2 })
    expect(svg.querySelector('.timeline__brush')).not.toBeNull()
    fireEvent.pointerUp(svg, { clientX: width / 2 })
    expect(within(region).getByText(/^Zoomed to/)).toBeInTheDocument()
    expect(within(region).getByRole('button', { name: 'all' })).toHaveAttribute('aria-pressed', 'false')
    // The window now holds about 15 samples, throttled 8 of 10 each.
    expect(region).toHaveTextContent(/CFS throttled 80% of its periods \(1[2-6]\d of 1[5-9]0\)/)
    expect(within(region).getByRole('img', { name: /limits timeline/ }).getAttribute('aria-label')).not.toBe(all)
    // Lines reach a sample past each edge; the plots clip them.
    const clip = svg.querySelector('clipPath')!
    expect(svg.querySelector('[data-lane="cpu"] path')!.getAttribute('clip-path')).toBe(`url(#${clip.id})`)
    fireEvent.click(within(region).getByRole('button', { name: 'Back to all' }))
    expect(within(region).getByRole('img', { name: /limits timeline/ }).getAttribute('aria-label')).toBe(all)
  })

  it('zooms in around the cursor with the + key', () => {
    const { region } = setup(60)
    const chart = within(region).getByRole('group', { name: /Limits timeline of web/ })
    fireEvent.keyDown(chart, { key: 'End' })
    fireEvent.keyDown(chart, { key: '+' })
    // Half the minute, ending at the newest sample (the window cannot reach past it).
    expect(region).toHaveTextContent(/Zoomed to \d\d:\d\d:45–\d\d:\d\d:00/)
  })

  it('labels each axis tick once on a wide screen over a short window (whole seconds only)', () => {
    const width = vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1900)
    try {
      const { region } = setup(10)
      const svg = within(region).getByRole('img', { name: /limits timeline/ })
      expect(svg.getAttribute('width')).toBe('1896')
      const ticks = Array.from(svg.querySelectorAll('.timeline__tick text')).map((t) => t.textContent)
      expect(ticks.length).toBeGreaterThan(5)
      expect(new Set(ticks).size).toBe(ticks.length)
    } finally {
      width.mockRestore()
    }
  })

  it('is exported with the view: its lanes, values and axis in the standalone SVG', () => {
    const { region } = setup(30)
    const out = serializeView(region, { title: 'Glasshouse · test', background: '#fff', textColor: '#000' })!
    expect(out.text).toContain('web: limits timeline')
    expect(out.text).toContain('periods throttled 80%')
    expect(out.text).toContain('scale 0–100%')
    expect(out.text).toMatch(/<path [^>]*d="M[^"]+"/)
    expect(out.text).toMatch(/<clipPath id="timeline-clip-/)
  })

  it('counts the forks the pids limit refused in the window and ticks them on the pids lane', () => {
    const { region } = setup(10, (sec) => ({ forks: sec >= 5 ? 2 : 0 }))
    expect(region).toHaveTextContent('2 fork(s) refused by the pids limit.')
    expect(region.querySelectorAll('[data-lane="pids"] .timeline__fork')).toHaveLength(1)
  })

  it('says so when there are no samples yet', () => {
    const snapshot = variedSnapshot()
    const store = storeWith(snapshot)
    store.getState().selectContainer(containerId(snapshot, 'web'))
    renderWithStore(<ContainerPage />, store)
    expect(screen.getByRole('region', { name: 'Limits timeline' })).toHaveTextContent('No live samples for web yet')
  })
})
