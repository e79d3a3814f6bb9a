import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { NamespacesView } from '../../../renderer/views/namespaces/namespaces-view'
import { renderWithStore } from '../support/render-app'

/** The view, once the parts below the sharing map (drawn in the frame after the first) are in. */
async function renderView(): Promise<ReturnType<typeof renderWithStore>> {
  const rendered = renderWithStore(<NamespacesView />)
  await waitFor(() => expect(rendered.container.querySelector('.pid-svg')).not.toBeNull())
  return rendered
}

describe('the namespaces view', () => {
  it("draws every process with its host PID and its PID inside, and the nested chain whole", async () => {
    const { container } = await renderView()
    const chips = [...container.querySelectorAll('.chip:not(.chip--more)')]
    const web = chips.find((c) => c.textContent?.includes('8151'))!
    expect(web.querySelector('.pid-host')?.textContent).toBe('8151')
    expect(web.querySelector('.pid-ns')?.textContent).toBe('1')
    const nested = chips.find((c) => c.textContent?.includes('8433'))!
    expect(nested.querySelector('title')?.textContent).toBe('sleep: host PID 8433, 7 in an intermediate namespace, PID 1 inside its own namespace')
    expect(nested.querySelector('.pid-mid')?.textContent).toBe('7')
  })

  it('has a legend that names both PID colours in words', async () => {
    await renderView()
    const legend = screen.getAllByLabelText('Legend')[1]!
    expect(legend).toHaveTextContent(/host PID \(left, what the host calls it\)/)
    expect(legend).toHaveTextContent(/PID inside its own namespace/)
  })

  it("draws the container that shares the host's PID namespace inside the host's box, tagged", async () => {
    const { container } = await renderView()
    const hostBox = screen.getByRole('button', { name: /^The host's PID namespace. 4026531836/ })
    expect(hostBox).toHaveAccessibleName(/shared by debug-tools \(--pid host\)/)
    expect(container.querySelector('.chip--container-in-host')?.textContent).toMatch(/sleep · debug-tools/)
  })

  it('marks host namespaces and joined ones in the sharing map, in words', async () => {
    await renderView()
    const grid = screen.getByRole('grid', { name: 'Namespace sharing map' })
    const cells = within(grid).getAllByRole('gridcell')
    expect(cells.some((c) => /^pid: the host's namespace: not isolated, namespace 4026531836/.test(c.getAttribute('aria-label') ?? ''))).toBe(true)
    const joined = cells.find((c) => c.getAttribute('aria-label')?.startsWith('net: joined from web'))
    expect(joined).toBeDefined()
    expect(joined!.textContent).toContain('A ⇠ web')
  })

  it('highlights every process in a namespace when its cell is hovered, and dims the rest', async () => {
    const { container } = await renderView()
    const joined = screen.getAllByRole('gridcell').find((c) => c.getAttribute('aria-label')?.startsWith('net: joined from web'))!
    fireEvent.mouseEnter(joined)
    const hit = [...container.querySelectorAll('.chip.is-hit')].map((c) => c.querySelector('.pid-host')?.textContent)
    expect(hit.sort()).toEqual(['8151', '8181', '8182', '8218'])
    expect(container.querySelectorAll('.chip.is-dim').length).toBeGreaterThan(10)
    expect(screen.getByText(/net namespace 4026532184 \(A\): shared by .*sidecar.*web|net namespace 4026532184 \(A\): shared by .*web.*sidecar/)).toBeInTheDocument()
    fireEvent.mouseLeave(joined)
    expect(container.querySelectorAll('.chip.is-hit')).toHaveLength(0)
  })

  it('moves between sharing-map cells with the arrow keys', async () => {
    await renderView()
    const grid = screen.getByRole('grid')
    const first = within(grid).getAllByRole('gridcell')[0]!
    first.focus()
    fireEvent.keyDown(grid, { key: 'ArrowDown' })
    fireEvent.keyDown(grid, { key: 'ArrowRight' })
    expect(document.activeElement?.getAttribute('data-cell')).toBe('1-1')
  })

  it('expands the folded host processes', async () => {
    const { container } = await renderView()
    const before = container.querySelectorAll('.chip:not(.chip--more)').length
    fireEvent.click(screen.getByRole('button', { name: /^Show \d+ more processes$/ }))
    expect(container.querySelectorAll('.chip:not(.chip--more)').length).toBeGreaterThan(before)
    expect(screen.getByRole('button', { name: 'Show fewer processes' })).toBeInTheDocument()
  })

  it('says plainly that root in the container is root on the host, and that a uid 1000 stays 1000', async () => {
    await renderView()
    const table = screen.getByRole('table')
    expect(within(table).getAllByText(/root in the container is root on the host/)).toHaveLength(5)
    expect(within(table).getByText('uid 1000 → 1000: an ordinary user on the host too.')).toBeInTheDocument()
  })
})
