// Issue 9, item 11 (renderer): the export notice goes away and covers no button; "throttled" only
// where a CPU quota throttles; hiding the containers only the kernel shows, remembered for the session.
import { act, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CgroupsView } from '../../../renderer/views/cgroups/cgroups-view'
import type { HostSnapshot } from '../../../shared/model'
import { containerId, variedSnapshot } from '../support/fixture'
import { renderApp, renderWithStore, storeWith } from '../support/render-app'

afterEach(() => {
  vi.useRealTimers()
  window.sessionStorage.clear()
})

describe('the export notice', () => {
  it('says where the file went in the status line, not over the header buttons, and goes away by itself', async () => {
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) })
    const { bridge } = await renderApp({ carrier: 'electron' })
    vi.useFakeTimers({ shouldAdvanceTime: true })
    await user.click(screen.getByRole('button', { name: 'Export' }))
    await user.click(screen.getByRole('menuitem', { name: 'Snapshot as JSON' }))
    await vi.waitFor(() => expect(bridge.saved).toHaveLength(1))
    const said = await screen.findByText(/^Saved to \/tmp\/glasshouse-snapshot-vm-/)
    expect(said.closest('footer')).toBe(screen.getByRole('contentinfo', { name: 'Status' }))
    expect(within(document.querySelector<HTMLElement>('.app-header')!).queryByText(/Saved to/)).toBeNull()
    act(() => vi.advanceTimersByTime(6000))
    expect(screen.queryByText(/Saved to/)).toBeNull()
  })
})

describe('what the program inside sees', () => {
  function sentenceFor(edit: (s: HostSnapshot, id: string) => void): string {
    const snapshot = variedSnapshot()
    const id = containerId(snapshot, 'web')
    edit(snapshot, id)
    const store = storeWith(snapshot)
    store.getState().selectContainer(id)
    const { container, unmount } = renderWithStore(<CgroupsView />, store)
    const text = container.querySelector('.program-sees__sentence')?.textContent ?? ''
    unmount()
    return text
  }
  const limits = (s: HostSnapshot, id: string) => s.containers.find((c) => c.id === id)!.limits!

  it('says "throttled" only when a CPU quota exists, and "killed" only with a memory limit', () => {
    const memoryOnly = sentenceFor((s, id) => (limits(s, id).cpuQuotaCores = null))
    expect(memoryOnly).toMatch(/kill it \(OOM\) above 64 MiB: too big a heap gets killed\.$/)
    expect(memoryOnly).not.toMatch(/throttl/)

    const quotaOnly = sentenceFor((s, id) => (limits(s, id).memoryBytes = null))
    expect(quotaOnly).toMatch(/throttle it to 0.5 cores: too many threads get throttled\.$/)
    expect(quotaOnly).not.toMatch(/killed/)

    const both = sentenceFor(() => {})
    expect(both).toMatch(/too many threads get throttled, too big a heap gets killed\.$/)
  })
})

describe('hiding kernel-only containers', () => {
  function withKernelOnly(): HostSnapshot {
    const snapshot = variedSnapshot()
    const sidecar = snapshot.containers.find((c) => c.name === 'sidecar')!
    sidecar.source = 'cgroup'
    sidecar.name = 'a1b2c3d4e5f6'
    return snapshot
  }

  it('hides the containers another daemon owns, says how many, and remembers it for the session', async () => {
    const user = userEvent.setup()
    const first = await renderApp({ snapshot: withKernelOnly() })
    const list = screen.getByRole('listbox', { name: 'Containers' })
    expect(within(list).getByRole('option', { name: /a1b2c3d4e5f6/ })).toHaveTextContent('kernel only')
    await user.click(screen.getByRole('checkbox', { name: 'Hide kernel-only (1)' }))
    expect(within(list).queryByRole('option', { name: /a1b2c3d4e5f6/ })).toBeNull()
    expect(screen.getByText('6 of 7 containers')).toBeInTheDocument()
    first.unmount()

    // A reload in the same tab: still hidden.
    await renderApp({ snapshot: withKernelOnly() })
    expect(screen.getByRole('checkbox', { name: 'Hide kernel-only (1)' })).toBeChecked()
    expect(screen.queryByRole('option', { name: /a1b2c3d4e5f6/ })).toBeNull()
  })

  it('offers no such switch when the kernel shows nothing Docker does not know', async () => {
    await renderApp()
    expect(screen.queryByRole('checkbox', { name: /kernel-only/ })).toBeNull()
  })
})
