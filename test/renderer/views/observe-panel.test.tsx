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

function capturedResult(id: string, name = 'web', lines = capturedTrace.split('\n'), notes: string[] = []): ObserveResult {
  const tally = new ObservationTally(bitsOf('a80425fb'))
  for (const line of lines) {
    const event = parseTraceLine(line)
    if (event) tally.add(event)
  }
  const observation = tally.result({ id, name, capBnd: '00000000a80425fb', capEff: '00000000a80425fb' }, '2026-12-07T07:00:00Z', 4, true, notes)
  return { observation, suggestion: suggest(observation, `${name}-seccomp.json`) }
}

beforeEach(() => useObserveStore.setState({ entries: {}, all: null }))

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
    expect(within(observed).getByRole('row', { name: /web CHOWN NET_RAW 12 DAC_OVERRIDE .*KILL.* 1 --cap-drop ALL --cap-add CHOWN --cap-add NET_RAW/ })).toBeInTheDocument()
  })
})

describe('watching what every container uses (Security view)', () => {
  it('asks observe:all only when the button is pressed, then lists every container, most over-privileged first', async () => {
    const snapshot = variedSnapshot()
    const web = containerId(snapshot, 'web')
    const batch = containerId(snapshot, 'batch')
    const late = 'e'.repeat(64)
    const pingOnly = capturedTrace.split('\n').filter((line) => / cap 13, ret 0/.test(line))
    const observeAll = {
      startedAt: '2026-12-07T07:00:00Z',
      seconds: 20,
      notes: ['a window note'],
      results: [capturedResult(web), capturedResult(batch, 'batch', []), capturedResult(late, 'late-one', pingOnly, ['started during the window, 3.0 s after it opened; followed from its first process'])]
    }
    const { bridge } = await renderApp({ snapshot, hash: '#/security', observeAll })
    const panel = await screen.findByRole('region', { name: 'Held and used (observed)' })
    expect(bridge.calls.filter((c) => c.channel === 'observe:all')).toEqual([])
    fireEvent.change(within(panel).getByRole('combobox', { name: 'How long to watch every container' }), { target: { value: '30' } })
    fireEvent.click(within(panel).getByRole('button', { name: 'Watch what every container uses' }))
    expect(bridge.calls.filter((c) => c.channel === 'observe:all')).toEqual([{ channel: 'observe:all', args: [30] }])

    const table = await within(panel).findByRole('table', { name: 'Observed capability use' })
    const rows = within(table).getAllByRole('row').slice(1) as HTMLTableRowElement[]
    expect(rows.map((row) => row.cells[0]!.textContent)).toEqual(['batch', 'late-one', 'web'])
    expect(rows[0]!.cells[1]).toHaveTextContent('none')
    expect(rows[0]!.cells[2]).toHaveTextContent(/^14 /)
    expect(rows[1]!.cells[1]).toHaveTextContent('NET_RAW')
    expect(rows[1]!.cells[2]).toHaveTextContent(/^13 /)
    expect(rows[2]!.cells[1]).toHaveTextContent('CHOWN NET_RAW')
    expect(rows[2]!.cells[2]).toHaveTextContent(/^12 /)
    expect(within(panel).getByText(/Watched 3 containers together for 20.0 s/)).toHaveTextContent('1 of them started during the window')
    expect(within(panel).getByRole('button', { name: 'Copy the suggested flags for batch' })).toBeInTheDocument()
  })

  it('says why watching every container failed', async () => {
    await renderApp({ snapshot: variedSnapshot(), hash: '#/security', fail: { 'observe:all': { code: 'unavailable', message: 'tracefs is not mounted and mounting it failed (mounting needs root)' } } })
    const panel = await screen.findByRole('region', { name: 'Held and used (observed)' })
    fireEvent.click(within(panel).getByRole('button', { name: 'Watch what every container uses' }))
    expect(await within(panel).findByRole('alert')).toHaveTextContent('mounting needs root')
  })
})
