// Limit hits of any container, from whatever view is open: a badge on the container in the sidebar,
// one transient notice in the status line (a polite live region), and the host-wide list one click away.
import { act, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { LiveEvent } from '../../../shared/live'
import { NOTICE_MS } from '../../../renderer/store/ui-slice'
import { NOTICE_GATHER_MS } from '../../../renderer/hooks/use-limit-notices'
import { containerId } from '../support/fixture'
import { renderApp } from '../support/render-app'

function limitEvent(kind: LiveEvent['kind'], id: string, name: string, at: string, message: string): LiveEvent {
  return { type: 'event', kind, containerId: id, containerName: name, at, message, detail: {} }
}

afterEach(() => vi.useRealTimers())

describe('limit hits seen from every view', () => {
  it('badges the container, says it once in the status line, then lets the notice go', async () => {
    const { store, snapshot } = await renderApp({ hash: '#/security' })
    const web = containerId(snapshot, 'web')
    vi.useFakeTimers()
    const region = screen.getByTestId('status-notice')
    expect(region).toHaveAttribute('aria-live', 'polite')
    expect(region).toBeEmptyDOMElement()
    act(() => {
      store.getState().ingest({ ...limitEvent('oom-kill', web, 'web', '2026-12-07T10:00:00Z', 'The kernel OOM-killed 1 process at its 64 MiB memory limit (1 in total).'), sources: ['kernel', 'docker'] })
      for (let i = 1; i <= 3; i++) store.getState().ingest(limitEvent('cpu-throttled', web, 'web', `2026-12-07T10:00:0${i}Z`, `CPU throttled ${i}`))
    })
    const item = screen.getByRole('option', { name: /web/ })
    expect(within(item).getByRole('list', { name: 'limits hit' })).toHaveTextContent('OOM-killed')
    expect(within(item).getByRole('list', { name: 'limits hit' })).toHaveTextContent('CPU throttled ×3')

    act(() => vi.advanceTimersByTime(NOTICE_GATHER_MS))
    expect(region).toHaveTextContent('4 limit hits: web OOM kill · web CPU throttled ×3')
    // The notice takes the place of the host details in the status line: it covers no control.
    expect(region.closest('footer')).not.toBeNull()
    act(() => vi.advanceTimersByTime(NOTICE_MS))
    expect(region).toBeEmptyDOMElement()
  })

  it('does not announce events seeded from history, but lists and badges them', async () => {
    const { snapshot, store } = await renderApp()
    const web = containerId(snapshot, 'web')
    vi.useFakeTimers()
    act(() => store.getState().seedHistory({ windowMs: 600_000, containers: {}, events: [limitEvent('pids-limit', web, 'web', '2026-12-07T09:00:00Z', '3 forks were refused')] }))
    act(() => vi.advanceTimersByTime(NOTICE_GATHER_MS + 10))
    expect(screen.getByTestId('status-notice')).toBeEmptyDOMElement()
    expect(within(screen.getByRole('option', { name: /web/ })).getByText('pids limit')).toBeInTheDocument()
  })

  it('lists recent limit events host-wide from the status line; a row selects its container', async () => {
    const user = userEvent.setup()
    const { store, snapshot } = await renderApp({ hash: '#/cgroups' })
    const web = containerId(snapshot, 'web')
    const batch = containerId(snapshot, 'batch')
    act(() => {
      for (let i = 1; i <= 3; i++) store.getState().ingest(limitEvent('pids-limit', web, 'web', `2026-12-07T10:00:0${i}Z`, 'A fork was refused at the pids limit of 50.'))
      store.getState().ingest(limitEvent('cpu-throttled', batch, 'batch', '2026-12-07T10:00:05Z', 'CPU throttled in 62 of 74 periods.'))
    })
    expect(store.getState().selectedContainerId).toBe(batch)
    await user.click(screen.getByRole('button', { name: 'Limit events · 4' }))
    const panel = screen.getByRole('dialog', { name: 'Recent limit events' })
    const rows = within(panel).getAllByRole('row').slice(1)
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/^batchCPU throttled.*· once$/),
      expect.stringMatching(/^webpids limit hit.*· 3 times$/)
    ])
    await user.click(within(rows[1]!).getByRole('button', { name: 'web' }))
    expect(store.getState().selectedContainerId).toBe(web)
    expect(screen.queryByRole('dialog', { name: 'Recent limit events' })).toBeNull()
    expect(store.getState().view).toBe('cgroups')
  })
})
