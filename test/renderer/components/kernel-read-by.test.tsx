// The status line says which kernel is shown and how it was read, with the reason on hover; while the
// helper container is being replaced it says so, and stops saying it once a fresh snapshot arrives.
import { act, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { variedSnapshot } from '../support/fixture'
import { renderApp } from '../support/render-app'

describe('how the kernel was read, in the status line', () => {
  it('names a helper container, with the reason as its title', async () => {
    const snapshot = { ...variedSnapshot(), kernelReadBy: { source: 'helper' as const, reason: 'this process runs as uid 1000, not root' } }
    await renderApp({ snapshot })
    const readBy = screen.getByTestId('kernel-read-by')
    expect(readBy).toHaveTextContent(`kernel ${snapshot.host.kernel} · read by a helper container`)
    expect(readBy).toHaveAttribute('title', 'How the kernel was read: this process runs as uid 1000, not root')
  })

  it('names where the kernel runs when the helper said it (Docker Desktop\'s VM)', async () => {
    const place = 'Docker Desktop VM, kernel 6.10.14-linuxkit'
    const snapshot = { ...variedSnapshot(), kernelReadBy: { source: 'helper' as const, reason: 'the daemon is Docker Desktop, which runs its containers in a VM', place } }
    await renderApp({ snapshot })
    expect(screen.getByTestId('kernel-read-by')).toHaveTextContent(/^Docker Desktop VM, kernel 6\.10\.14-linuxkit · read by a helper container$/)
  })

  it('says in-process when this process read it', async () => {
    const snapshot = { ...variedSnapshot(), kernelReadBy: { source: 'in-process' as const, reason: 'root on the kernel that runs the containers' } }
    await renderApp({ snapshot })
    expect(screen.getByTestId('kernel-read-by')).toHaveTextContent(`kernel ${snapshot.host.kernel} · read in-process`)
  })

  it('names only the kernel for a snapshot that does not say (older recordings)', async () => {
    const snapshot = variedSnapshot()
    delete snapshot.kernelReadBy
    await renderApp({ snapshot })
    expect(screen.getByTestId('kernel-read-by')).toHaveTextContent(new RegExp(`^kernel ${snapshot.host.kernel.replace(/\./g, '\\.')}$`))
  })

  it('says the helper stopped while a new one starts, and recovers with the next snapshot', async () => {
    const readBy = { source: 'helper' as const, reason: '--probe helper' }
    const snapshot = { ...variedSnapshot(), kernelReadBy: readBy }
    const { store } = await renderApp({ snapshot })
    const lost = 'the helper container 0123456789ab stopped'
    act(() => store.getState().ingest({ type: 'snapshot', snapshot: { ...snapshot, kernelReadBy: { ...readBy, lost } } }))
    const state = screen.getByRole('status')
    expect(state).toHaveTextContent('The helper container that reads the kernel stopped — starting a new one')
    expect(state).toHaveAttribute('title', lost)
    act(() => store.getState().ingest({ type: 'snapshot', snapshot }))
    expect(screen.getByRole('status')).not.toHaveTextContent('stopped')
    expect(screen.getByRole('status')).toHaveTextContent(/^● Live · Docker/)
  })
})
