// The "What it uses" panel and the Security view's observed column, against the mock bridge with an
// observation made from a captured trace (busybox running ping, chown, mkdir, touch).
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ObserveResult } from '../../../shared/observe/observe-request'
import { bitsOf, ObservationTally } from '../../../shared/observe/observation-tally'
import { suggest } from '../../../shared/observe/suggestion'
import { parseTraceLine } from '../../../shared/observe/trace-event'
import { useObserveStore } from '../../../renderer/views/container/observe-store'
import { containerId, variedSnapshot } from '../support/fixture'
import { renderApp } from '../support/render-app'
// The captured trace, as text (Vite's ?raw import: renderer tests have no node: modules).
import capturedTrace from '../../fixtures/trace/busybox-ping-chown-mkdir-6.18.txt?raw'

function capturedResult(id: string): ObserveResult {
  const tally = new ObservationTally(bitsOf('a80425fb'))
  for (const line of capturedTrace.split('\n')) {
    const event = parseTraceLine(line)
    if (event) tally.add(event)
  }
  const observation = tally.result({ id, name: 'web', capBnd: '00000000a80425fb', capEff: '00000000a80425fb' }, '2026-12-07T07:00:00Z', 4, true, [])
  return { observation, suggestion: suggest(observation, 'web-seccomp.json') }
}

beforeEach(() => useObserveStore.setState({ entries: {} }))

describe('watching what a container uses', () => {
  it('asks the backend only when the button is pressed, with the chosen duration, then shows held / used / denied', async () => {
    const snapshot = variedSnapshot()
    const id = containerId(snapshot, 'web')
    const { bridge, store } = await renderApp({ snapshot, hash: '#/container', observe: capturedResult(id) })
    act(() => store.getState().selectContainer(id))
    const panel = await screen.findByRole('region', { name: 'What it uses' })
    expect(bridge.calls.filter((c) => c.channel === 'observe:run')).toEqual([])
    fireEvent.change(within(panel).getByRole('combobox'), { target: { value: '30' } })
    fireEvent.click(within(panel).getByRole('button', { name: 'Watch what it uses' }))
    expect(bridge.calls.filter((c) => c.channel === 'observe:run')).toEqual([{ channel: 'observe:run', args: [id, 30] }])

    const table = await within(panel).findByRole('table', { name: 'Capabilities held and used' })
    expect(within(table).getByRole('row', { name: /NET_RAW held ✓ used 1/ })).toBeInTheDocument()
    expect(within(table).getByRole('row', { name: /CHOWN held ✓ used 2/ })).toBeInTheDocument()
    expect(within(table).getByRole('row', { name: /SYS_ADMIN not held ✗ denied/ })).toBeInTheDocument()
    expect(within(table).getByRole('row', { name: /held, never asked \(12\): DAC_OVERRIDE .*KILL/ })).toBeInTheDocument()
    expect(within(panel).getByText(/Uses 2 of 14 capabilities held/)).toBeInTheDocument()
    expect(within(panel).getByRole('group', { name: 'System call families used' })).toHaveTextContent('network')
    expect(within(panel).getByRole('img', { name: /First use: .*NET_RAW at/ })).toBeInTheDocument()
    expect(within(panel).getByText('docker run --cap-drop ALL --cap-add CHOWN --cap-add NET_RAW --security-opt seccomp=web-seccomp.json')).toBeInTheDocument()
  })

  it('copies the suggested line, and verifies the backend’s own suggestion', async () => {
    const writeText = vi.fn(async () => undefined)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    const snapshot = variedSnapshot()
    const id = containerId(snapshot, 'web')
    const verification = { ok: true, expectedExitCode: 0, exitCode: 0, capAdd: ['CHOWN', 'NET_RAW'], summary: 'the copy exited with 0, like the original', logTail: '' }
    const { bridge, store } = await renderApp({ snapshot, hash: '#/container', observe: capturedResult(id), verification })
    act(() => store.getState().selectContainer(id))
    const panel = await screen.findByRole('region', { name: 'What it uses' })
    fireEvent.click(within(panel).getByRole('button', { name: 'Watch what it uses' }))
    fireEvent.click(await within(panel).findByRole('button', { name: 'Copy the docker run flags' }))
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('docker run --cap-drop ALL --cap-add CHOWN --cap-add NET_RAW --security-opt seccomp=web-seccomp.json'))
    fireEvent.click(within(panel).getByRole('button', { name: /Check it/ }))
    expect(await within(panel).findByText(/Same behaviour: the copy exited with 0/)).toBeInTheDocument()
    expect(bridge.calls.filter((c) => c.channel === 'observe:verify')).toEqual([{ channel: 'observe:verify', args: [id] }])
  })

  it('says why watching failed (e.g. not root), and the Security view lists what was observed', async () => {
    const snapshot = variedSnapshot()
    const id = containerId(snapshot, 'web')
    const { store } = await renderApp({ snapshot, hash: '#/container', fail: { 'observe:run': { code: 'unavailable', message: 'tracefs is not mounted and mounting it failed (mounting needs root)' } } })
    act(() => store.getState().selectContainer(id))
    const panel = await screen.findByRole('region', { name: 'What it uses' })
    fireEvent.click(within(panel).getByRole('button', { name: 'Watch what it uses' }))
    expect(await within(panel).findByRole('alert')).toHaveTextContent('mounting needs root')

    act(() => useObserveStore.setState({ entries: { [id]: { status: 'done', seconds: 20, result: capturedResult(id), verification: null, error: null } } }))
    act(() => window.location.assign('#/security'))
    const observed = await screen.findByRole('table', { name: 'Observed capability use' })
    expect(within(observed).getByRole('row', { name: /web 14 2 \(CHOWN, NET_RAW\) 1/ })).toBeInTheDocument()
  })
})
