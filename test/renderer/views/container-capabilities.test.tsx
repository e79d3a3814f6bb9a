// The container page's capability panel uses the shared diff: the count comes from Docker's default set.
import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { DOCKER_DEFAULT_CAPS } from '../../../shared/capabilities'
import type { HostSnapshot } from '../../../shared/model'
import { ContainerPage } from '../../../renderer/views/container/container-page'
import { containerId, variedSnapshot } from '../support/fixture'
import { renderWithStore, storeWith } from '../support/render-app'

function panelFor(name: string, edit: (s: HostSnapshot) => void = () => {}): HTMLElement {
  const snapshot = variedSnapshot()
  edit(snapshot)
  const store = storeWith(snapshot)
  store.getState().selectContainer(containerId(snapshot, name))
  renderWithStore(<ContainerPage />, store)
  return screen.getByRole('region', { name: 'Capabilities' })
}

describe('the container page: capabilities against the default', () => {
  it('--cap-drop ALL: all of the defaults dropped, counted from the set', () => {
    const panel = panelFor('sidecar')
    expect(panel).toHaveTextContent(`Compared with Docker's default ${DOCKER_DEFAULT_CAPS.length}:`)
    expect(within(panel).getByText(`− all ${DOCKER_DEFAULT_CAPS.length} dropped`)).toBeInTheDocument()
  })

  it('added and dropped by name', () => {
    const panel = panelFor('web')
    expect([...panel.querySelectorAll('.cap-tag')].map((t) => t.textContent)).toEqual(['− NET_RAW'])
  })

  it('a non-root user with the default bounding set holds the default set', () => {
    const panel = panelFor('batch', (s) => {
      const batch = s.containers.find((c) => c.name === 'batch')!
      const init = s.processes.find((p) => p.pid === batch.pid)!
      init.uid = 1000
      init.capabilities = { ...init.capabilities, effective: [], permitted: [] }
    })
    expect(panel).toHaveTextContent('the same set.')
  })
})
