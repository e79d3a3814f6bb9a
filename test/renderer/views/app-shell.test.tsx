import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { renderApp } from '../support/render-app'

describe('the app shell', () => {
  it('shows the live host: the container list, the namespaces view and a live status line', async () => {
    await renderApp()
    const list = screen.getByRole('listbox', { name: 'Containers' })
    expect(within(list).getAllByRole('option')).toHaveLength(7)
    expect(screen.getByRole('heading', { level: 2, name: 'Namespaces' })).toBeInTheDocument()
    expect(screen.getByRole('contentinfo', { name: 'Status' })).toHaveTextContent(/Live · Docker 20.10.24/)
    // The first running container with limits is selected for every view.
    expect(within(list).getByRole('option', { selected: true })).toHaveTextContent('batch')
  })

  it('lists risky settings as badges with text, not colour alone', async () => {
    await renderApp()
    const item = screen.getByRole('option', { name: /debug-tools/ })
    expect(within(item).getByText('host PID')).toBeInTheDocument()
    expect(within(item).getByText('seccomp off')).toBeInTheDocument()
    expect(within(item).getByText(/sees \(and with the right capabilities can signal or trace\) every process/)).toBeInTheDocument()
  })

  it('filters by search text and by "Risky"', async () => {
    const user = userEvent.setup()
    await renderApp()
    await user.type(screen.getByRole('searchbox', { name: 'Search containers' }), 'docker.sock')
    expect(screen.getAllByRole('option').map((o) => o.querySelector('.container-item__name')?.textContent)).toEqual(['netadmin'])
    await user.clear(screen.getByRole('searchbox'))
    await user.click(screen.getByRole('button', { name: 'Risky' }))
    expect(screen.getAllByRole('option').map((o) => o.querySelector('.container-item__name')?.textContent)).toEqual(['debug-tools', 'nested', 'netadmin'])
    expect(screen.getByText('3 of 7 containers')).toBeInTheDocument()
  })

  it('moves the selection with the arrow keys and opens the container page with Enter', async () => {
    const user = userEvent.setup()
    const { store } = await renderApp()
    const selected = screen.getByRole('option', { selected: true })
    selected.focus()
    await user.keyboard('{ArrowDown}')
    expect(screen.getByRole('option', { selected: true })).toHaveTextContent('debug-tools')
    expect(screen.getByRole('option', { selected: true })).toHaveFocus()
    await user.keyboard('{End}')
    expect(screen.getByRole('option', { selected: true })).toHaveTextContent('old-job')
    await user.keyboard('{Home}{Enter}')
    expect(store.getState().view).toBe('container')
    expect(screen.getByRole('heading', { level: 2, name: 'batch' })).toBeInTheDocument()
    expect(window.location.hash).toMatch(/^#\/container\/[0-9a-f]{64}$/)
  })

  it('switches views by tab, by arrow keys on the tabs and by number keys', async () => {
    const user = userEvent.setup()
    await renderApp()
    await user.click(screen.getByRole('tab', { name: 'Cgroups' }))
    expect(screen.getByRole('heading', { level: 2, name: 'Cgroups' })).toBeInTheDocument()
    expect(screen.getByRole('tab', { name: 'Cgroups' })).toHaveAttribute('aria-selected', 'true')
    await user.keyboard('{ArrowRight}')
    expect(screen.getByRole('heading', { level: 2, name: 'Security' })).toBeInTheDocument()
    expect(screen.getByRole('tab', { name: 'Security' })).toHaveFocus()
    act(() => {
      ;(document.activeElement as HTMLElement).blur()
    })
    await user.keyboard('1')
    expect(screen.getByRole('heading', { level: 2, name: 'Namespaces' })).toBeInTheDocument()
    expect(window.location.hash).toBe('#/namespaces')
  })

  it('opens on the view in the address', async () => {
    await renderApp({ hash: '#/security' })
    expect(screen.getByRole('heading', { level: 2, name: 'Security' })).toBeInTheDocument()
  })

  it('switches theme and text size on <html>', async () => {
    const user = userEvent.setup()
    await renderApp()
    await user.click(screen.getByRole('button', { name: /Switch to the dark theme/ }))
    expect(document.documentElement.dataset.theme).toBe('dark')
    await user.click(screen.getByRole('button', { name: 'Presenter' }))
    expect(document.documentElement.dataset.size).toBe('presenter')
    expect(screen.getByRole('button', { name: 'Presenter' })).toHaveAttribute('aria-pressed', 'true')
  })

  it('opens an explanation from the view and closes it with Escape', async () => {
    const user = userEvent.setup()
    await renderApp()
    await user.click(screen.getByRole('button', { name: 'Explain: PID namespaces' }))
    const dialog = screen.getByRole('dialog', { name: /PID namespaces: one process, two numbers/ })
    expect(within(dialog).getByRole('heading', { level: 2 })).toHaveFocus()
    await user.click(within(dialog).getByRole('button', { name: 'Cgroups' }))
    expect(screen.getByRole('dialog', { name: /Cgroups: how much a process may use/ })).toBeInTheDocument()
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })

  it('marks a recording clearly, with playback controls, when the backend only replays', async () => {
    const user = userEvent.setup()
    const { store } = await renderApp({ appInfo: { live: false } })
    const banner = screen.getByRole('region', { name: 'Recording' })
    expect(banner).toHaveTextContent('REPLAY of a recording — not live')
    expect(banner).toHaveTextContent('A host with seven varied containers')
    await user.click(within(banner).getByRole('button', { name: 'Show all' }))
    expect(store.getState().playback).toMatchObject({ position: store.getState().playback?.total })
    expect(Object.keys(store.getState().series).length).toBeGreaterThan(0)
    expect(screen.getByText(/Replaying: A host with seven varied containers — not live/)).toBeInTheDocument()
  })

  it('says what to do when nothing answers', async () => {
    const down = { code: 'unavailable' as const, message: 'connection refused' }
    await renderApp({ fail: { 'app:info': down, 'recording:list': down } })
    const alert = screen.getByRole('alert')
    expect(alert).toHaveTextContent('The Glasshouse server cannot be reached')
    expect(alert).toHaveTextContent('npx glasshouse serve')
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument()
  })

  it('opens another recording from the Recordings menu', async () => {
    const user = userEvent.setup()
    const { store } = await renderApp()
    await user.click(screen.getByRole('button', { name: 'Recordings' }))
    await user.click(await screen.findByRole('menuitem', { name: /A host with seven varied containers/ }))
    await waitFor(() => expect(store.getState().source.kind).toBe('recording'))
    expect(screen.getByRole('button', { name: 'Back to live' })).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: 'Back to live' }))
    await waitFor(() => expect(store.getState().source.kind).toBe('live'))
  })

  it('carries out the desktop menu’s commands: open recordings, export, presenter text', async () => {
    const { store, bridge } = await renderApp({ carrier: 'electron' })
    act(() => bridge.menu({ type: 'open-recording' }))
    expect(await screen.findByRole('menu', { name: 'Recordings' })).toBeInTheDocument()
    act(() => bridge.menu({ type: 'toggle-presenter-text' }))
    expect(store.getState().textSize).toBe('presenter')
    act(() => bridge.menu({ type: 'export', format: 'json' }))
    await waitFor(() => expect(bridge.saved.map((f) => f.mimeType)).toEqual(['application/json']))
  })
})
