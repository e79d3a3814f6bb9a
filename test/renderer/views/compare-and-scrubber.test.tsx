// A recording in which web's memory limit is raised 5 s in (a patch, as Docker's update event
// brings one): the Compare view lists that change between its start and end and none before it;
// the time scrubber shows each moment; a damaged file says which line. Live: pin, change, compare.
import { act, fireEvent, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { Recording } from '../../../shared/contract'
import type { LiveMessage, SnapshotPatch } from '../../../shared/live'
import type { ContainerInfo } from '../../../shared/model'
import { renderApp } from '../support/render-app'
import { variedSnapshot } from '../support/fixture'
import { syntheticRecording } from '../support/synthetic-live'

const MiB = 2 ** 20

function updatedRecording(fault?: string): Recording {
  const snapshot = variedSnapshot()
  const base = syntheticRecording(snapshot, 10)
  const web = snapshot.containers.find((c) => c.name === 'web')!
  const raised: ContainerInfo = { ...web, limits: { ...web.limits!, memoryBytes: 128 * MiB } }
  const takenAt = new Date(Date.parse(snapshot.takenAt) + 5000).toISOString()
  const patch: SnapshotPatch = { takenAt, upsert: { containers: [raised], processes: [], namespaces: [], cgroups: [] }, remove: { containers: [], processes: [], namespaces: [], cgroups: [] }, problems: [] }
  const messages: LiveMessage[] = [...base.messages]
  const at = messages.findIndex((m) => m.type !== 'snapshot' && Date.parse(m.type === 'patch' ? m.patch.takenAt : (m as { at: string }).at) > Date.parse(takenAt))
  messages.splice(at, 0, { type: 'patch', patch })
  return { ...base, name: 'updated', title: 'web raised to 128 MiB', messages, ...(fault ? { fault } : {}) }
}

describe('the Compare view and the time scrubber on a recording', () => {
  it('lists the limit change between A and B, and nothing when B is before it', async () => {
    const { store } = await renderApp({ appInfo: { live: false }, recordings: [updatedRecording()], hash: '#/compare' })
    expect(store.getState().source.kind).toBe('recording')
    const changes = await screen.findByRole('region', { name: 'Changes in web' })
    expect(changes).toHaveTextContent('limits.memoryBytes: 64 MiB → 128 MiB')
    expect(screen.getByText('0 containers added, 0 containers removed, 1 container changed.')).toBeInTheDocument()
    fireEvent.change(screen.getByRole('slider', { name: 'Moment B' }), { target: { value: '4000' } })
    expect(screen.getByText(/^No changes between A and B/)).toBeInTheDocument()
    expect(screen.queryByRole('region', { name: 'Changes in web' })).not.toBeInTheDocument()
  })

  it('the scrubber shows the state at the moment dragged to, back and forth', async () => {
    const { store } = await renderApp({ appInfo: { live: false }, recordings: [updatedRecording()], hash: '#/compare' })
    const scrubber = screen.getByRole('region', { name: 'Time scrubber' })
    const slider = within(scrubber).getByRole('slider', { name: 'Recording time' })
    const webLimit = (): number | null | undefined => store.getState().snapshot?.containers.find((c) => c.name === 'web')?.limits?.memoryBytes
    act(() => void fireEvent.change(slider, { target: { value: '9000' } }))
    expect(webLimit()).toBe(128 * MiB)
    expect(within(scrubber).getByLabelText('playback position')).toHaveTextContent('0:09 / 0:')
    act(() => void fireEvent.change(slider, { target: { value: '2000' } }))
    expect(webLimit()).toBe(64 * MiB)
    // "A = moment shown" takes the scrubber's moment.
    fireEvent.click(screen.getByRole('button', { name: 'A = moment shown' }))
    expect(screen.getByText(/Changes from A \(0:02\) to B/)).toBeInTheDocument()
  })

  it('a damaged file says so, naming the line', async () => {
    await renderApp({ appInfo: { live: false }, recordings: [updatedRecording('The file is damaged: line 12 is cut off (the file ends in the middle of it). Shown up to the line before it.')] })
    expect(screen.getByRole('alert')).toHaveTextContent('line 12 is cut off')
  })
})

describe('the Compare view on the live host', () => {
  it('pins a moment and shows what changed since', async () => {
    const { store } = await renderApp({ hash: '#/compare' })
    fireEvent.click(screen.getByRole('button', { name: 'Pin this moment as A' }))
    const snapshot = store.getState().snapshot!
    const web = snapshot.containers.find((c) => c.name === 'web')!
    act(() =>
      store.getState().ingest({
        type: 'patch',
        patch: { takenAt: new Date().toISOString(), upsert: { containers: [{ ...web, limits: { ...web.limits!, memoryBytes: 32 * MiB } }], processes: [], namespaces: [], cgroups: [] }, remove: { containers: [], processes: [], namespaces: [], cgroups: [] }, problems: [] }
      })
    )
    expect(screen.getByRole('region', { name: 'Changes in web' })).toHaveTextContent('limits.memoryBytes: 64 MiB → 32 MiB')
  })
})

describe('the Compare view: a recording against the live host', () => {
  it('B = the live host now diffs the recorded moment against a fresh live snapshot', async () => {
    const user = userEvent.setup()
    // Live is the varied host (web at 64 MiB); the recording ends with web raised to 128 MiB.
    const { store, bridge } = await renderApp({ recordings: [updatedRecording()], hash: '#/compare' })
    await user.click(screen.getByRole('button', { name: 'Recordings' }))
    await user.click(await screen.findByRole('menuitem', { name: /web raised to 128 MiB/ }))
    expect(store.getState().source.kind).toBe('recording')
    // A = the recording's end.
    fireEvent.change(screen.getByRole('slider', { name: 'Moment A' }), { target: { value: '100000' } })
    const asked = bridge.calls.filter((c) => c.channel === 'snapshot:get').length
    await user.click(screen.getByRole('button', { name: 'B = the live host now' }))
    expect(bridge.calls.filter((c) => c.channel === 'snapshot:get').length).toBe(asked + 1)
    expect(await screen.findByText(/Changes from A \(.*\) to B \(the live host at/)).toBeInTheDocument()
    expect(screen.getByRole('region', { name: 'Changes in web' })).toHaveTextContent('limits.memoryBytes: 128 MiB → 64 MiB')
    // Still the recording on screen: only the Compare view read the live host.
    expect(store.getState().source.kind).toBe('recording')
  })
})
