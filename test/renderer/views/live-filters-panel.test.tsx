import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import type { Session } from '../../../renderer/connection/session'
import { SessionContext } from '../../../renderer/session-context'
import { LiveFiltersPanel } from '../../../renderer/views/security/live-filters-panel'
import { useLiveFilters } from '../../../renderer/views/security/live-filters-store'
import { createBridgeMock } from '../support/bridge-mock'
import { variedSnapshot } from '../support/fixture'
import { renderWithStore, storeWith } from '../support/render-app'
import { seccompReport } from '../support/seccomp-report'

afterEach(() => useLiveFilters.setState({ report: null, reading: false, error: null }))

function setup(name: string, withReport = true, live = true) {
  const snapshot = variedSnapshot()
  const bridge = createBridgeMock({ snapshot, ...(withReport ? { seccompFilters: seccompReport(snapshot) } : {}) })
  const container = snapshot.containers.find((c) => c.name === name)!
  const session = { bridge } as unknown as Session
  const store = storeWith(snapshot)
  if (live) store.getState().setSource({ kind: 'live', carrier: 'serve', version: '' })
  renderWithStore(
    <SessionContext.Provider value={session}>
      <LiveFiltersPanel container={container} />
    </SessionContext.Provider>,
    store
  )
  return { bridge }
}

// Rendering ~400 verdict chips in jsdom takes a few seconds on the shared 2-core machine.
describe('the live filters panel', { timeout: 30_000 }, () => {
  it('reads nothing until the button is pressed, and says why it asks', async () => {
    const { bridge } = setup('nested')
    expect(screen.getByText(/reads it only when you ask/)).toBeInTheDocument()
    expect(bridge.calls.filter((c) => c.channel === 'seccomp:read')).toHaveLength(0)
    await userEvent.setup().click(screen.getByRole('button', { name: 'Read live filters' }))
    expect(bridge.calls.filter((c) => c.channel === 'seccomp:read')).toHaveLength(1)
    expect(await screen.findByText("Docker's default profile")).toBeInTheDocument()
    expect(screen.getByText(/read from pid \d+, stopped 0.07 ms/)).toBeInTheDocument()
    expect(screen.getByText(/Same filter behaviour as: web/)).toBeInTheDocument()
  })

  it('groups the verdicts by family with why Docker blocks each, and recovers the clone condition', async () => {
    setup('nested')
    await userEvent.setup().click(screen.getByRole('button', { name: 'Read live filters' }))
    const mount = (await screen.findByRole('rowheader', { name: /Mounting/ })).closest('tr')!
    expect(within(mount).getByText('mount ✗ EPERM')).toBeInTheDocument()
    expect(mount).toHaveTextContent('Why Docker blocks these: Mounting changes which files a process sees')
    const ns = screen.getByRole('rowheader', { name: /Namespaces/ }).closest('tr')!
    expect(ns).toHaveTextContent('partly blocked')
    expect(within(ns).getByRole('list', { name: 'clone depends on its arguments' })).toHaveTextContent('ALLOW when flags args[0] & 0x7e020000 == 0x0')
    expect(screen.getByText(/Compared with Docker's default profile: 0 differences/)).toBeInTheDocument()
  })

  it('shows how a custom profile differs from the default and from another container, with its findings', async () => {
    const user = userEvent.setup()
    setup('sidecar')
    await user.click(screen.getByRole('button', { name: 'Read live filters' }))
    expect(await screen.findByText('custom profile')).toBeInTheDocument()
    expect(screen.getByRole('list', { name: 'Findings from the live filter' })).toHaveTextContent('filter allows calls the default blocks')
    expect(screen.getByText(/allowed here that the default blocks/)).toBeInTheDocument()
    await user.selectOptions(screen.getByRole('combobox', { name: /Compare with another container/ }), 'nested')
    const row = screen.getAllByRole('cell', { name: 'chmod' }).map((c) => c.closest('tr')!).at(-1)!
    expect(row).toHaveTextContent('chmodERRNO(1 EPERM)ALLOW')
  })

  it('offers no reading while a recording is shown: its containers are not this host', () => {
    setup('nested', true, false)
    expect(screen.getByRole('button', { name: 'Read live filters' })).toBeDisabled()
    expect(screen.getByText('Live filters need the live host, not a recording.')).toBeInTheDocument()
  })

  it('says when nothing could be read', async () => {
    setup('nested', false)
    await userEvent.setup().click(screen.getByRole('button', { name: 'Read live filters' }))
    expect(await screen.findByText(/Could not read: no live filters in this mock/)).toBeInTheDocument()
  })
})
