// Draw what is on screen first: at 200 containers the first frame holds a screenful of the list and
// of the capability matrix, and the namespaces view's parts below the sharing map come in the frame
// after; the history is asked for once the snapshot is painted.
import { screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { ContainerList } from '../../../renderer/components/container-list'
import { Session } from '../../../renderer/connection/session'
import { createAppStore } from '../../../renderer/store/app-store'
import { CgroupsView } from '../../../renderer/views/cgroups/cgroups-view'
import { CapabilityMatrixChart } from '../../../renderer/views/security/capability-matrix-chart'
import { NamespacesView } from '../../../renderer/views/namespaces/namespaces-view'
import { bigSnapshot } from '../support/big-snapshot'
import { createBridgeMock } from '../support/bridge-mock'
import { variedSnapshot } from '../support/fixture'
import { renderWithStore, storeWith } from '../support/render-app'

describe('the first frame at 200 containers', () => {
  it('lists a screenful of containers first and all 200 in the next frame', async () => {
    renderWithStore(<ContainerList />, storeWith(bigSnapshot(200, 1, 10)))
    const first = screen.getAllByRole('option').length
    expect(first).toBeGreaterThanOrEqual(12)
    expect(first).toBeLessThan(40)
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(200))
    expect(screen.getByText('200 containers')).toBeInTheDocument()
  })

  it('draws the capability matrix a screenful of rows first, at its full height, then every row', async () => {
    const snapshot = bigSnapshot(200, 1, 10)
    const { container } = renderWithStore(<CapabilityMatrixChart snapshot={snapshot} />, storeWith(snapshot))
    const svg = container.querySelector('.cap-matrix svg')!
    const height = svg.getAttribute('height')
    expect(container.querySelectorAll('[data-row-id]').length).toBeLessThan(60)
    await waitFor(() => expect(container.querySelectorAll('[data-row-id]')).toHaveLength(200))
    expect(svg.getAttribute('height')).toBe(height)
  })

  it('draws the cgroup cards in view first and the others in the next frame', async () => {
    const snapshot = bigSnapshot(200, 1, 10)
    const store = storeWith(snapshot)
    store.getState().selectContainer(snapshot.containers[0]!.id)
    const { container } = renderWithStore(<CgroupsView />, store)
    const first = container.querySelectorAll('.cg-card').length
    expect(first).toBeGreaterThan(0)
    expect(first).toBeLessThan(60)
    await waitFor(() => expect(container.querySelectorAll('.cg-card')).toHaveLength(200))
  })

  it('draws the namespaces view’s sharing map first and the PID picture below it in the next frame', async () => {
    const { container } = renderWithStore(<NamespacesView />, storeWith(variedSnapshot()))
    expect(container.querySelector('.sharing-map svg')).not.toBeNull()
    expect(container.querySelector('.pid-svg')).toBeNull()
    await waitFor(() => expect(container.querySelector('.pid-svg')).not.toBeNull())
  })

  it('asks for the history only once the snapshot has been painted', async () => {
    const snapshot = variedSnapshot()
    const bridge = createBridgeMock({ snapshot, recordings: [] })
    const store = createAppStore()
    let painted: () => void = () => {}
    const session = new Session(store, { bridge, carrier: 'serve', onLinkChange: null }, { afterPaint: () => new Promise<void>((resolve) => (painted = resolve)) })
    const started = session.start()
    await waitFor(() => expect(store.getState().phase).toBe('ready'))
    expect(bridge.calls.map((c) => c.channel)).toEqual(['app:info', 'snapshot:get'])
    painted()
    await started
    expect(bridge.calls.map((c) => c.channel)).toEqual(['app:info', 'snapshot:get', 'history:get'])
  })
})
