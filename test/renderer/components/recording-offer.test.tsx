// The banner that offers the shipped recording while Docker is unreachable but the kernel still
// shows containers; and the recording, once opened, marked as one.
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { HostSnapshot } from '../../../shared/model'
import { variedSnapshot } from '../support/fixture'
import { renderApp } from '../support/render-app'

function dockerDown(snapshot: HostSnapshot = variedSnapshot()): HostSnapshot {
  return { ...snapshot, engine: { reachable: false, error: 'cannot reach Docker at unix:///nonexistent.sock: ENOENT', endpoint: 'unix:///nonexistent.sock' } }
}

describe('the recording offer', () => {
  it('keeps the kernel-only live view and offers the recording; one click opens it, marked as a recording', async () => {
    const user = userEvent.setup()
    const { store } = await renderApp({ snapshot: dockerDown() })
    expect(store.getState().source.kind).toBe('live')
    const offer = await screen.findByRole('region', { name: 'Recording offered' })
    expect(offer).toHaveTextContent('Docker is not reachable: the kernel alone shows 7 containers')
    expect(offer).toHaveTextContent('A host with seven varied containers')
    expect(screen.queryByRole('region', { name: 'Recording' })).toBeNull()

    await user.click(within(offer).getByRole('button', { name: 'Open the recording' }))
    await waitFor(() => expect(store.getState().source.kind).toBe('recording'))
    const banner = screen.getByRole('region', { name: 'Recording' })
    expect(banner).toHaveTextContent('REPLAY of a recording — not live')
    expect(banner).toHaveTextContent(/Docker is not reachable/)
    expect(within(banner).getByRole('button', { name: 'Back to live' })).toBeInTheDocument()
    expect(screen.queryByRole('region', { name: 'Recording offered' })).toBeNull()
  })

  it('can be dismissed', async () => {
    const user = userEvent.setup()
    await renderApp({ snapshot: dockerDown() })
    await user.click(await screen.findByRole('button', { name: 'Dismiss' }))
    expect(screen.queryByRole('region', { name: 'Recording offered' })).toBeNull()
  })

  it('is not shown while Docker answers', async () => {
    const { bridge } = await renderApp()
    expect(screen.queryByRole('region', { name: 'Recording offered' })).toBeNull()
    expect(bridge.calls.map((c) => c.channel)).not.toContain('recording:list')
  })

  it('is replaced by the recording itself when the kernel shows no container either', async () => {
    const { store } = await renderApp({ snapshot: { ...dockerDown(), containers: [] } })
    await waitFor(() => expect(store.getState().source.kind).toBe('recording'))
    expect(screen.getByRole('region', { name: 'Recording' })).toHaveTextContent(/No Docker daemon answers; the kernel shows no container \(cannot reach Docker/)
    expect(screen.queryByRole('region', { name: 'Recording offered' })).toBeNull()
  })
})
