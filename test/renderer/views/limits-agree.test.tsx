// The container page's limits table and the Findings must tell the same story about a limit:
// a row marked as different exactly when Findings reports that limit as differing.
import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { HostSnapshot } from '../../../shared/model'
import { findingsFor } from '../../../shared/selectors/findings'
import { ContainerPage } from '../../../renderer/views/container/container-page'
import { containerId, variedSnapshot } from '../support/fixture'
import { renderWithStore, storeWith } from '../support/render-app'

const MIB = 2 ** 20

function web(s: HostSnapshot) {
  return s.containers.find((c) => c.name === 'web')!
}

function pageAndFindings(edit: (s: HostSnapshot) => void): { rowDiffers: boolean; findingDiffers: boolean } {
  const snapshot = variedSnapshot()
  edit(snapshot)
  const store = storeWith(snapshot)
  store.getState().selectContainer(containerId(snapshot, 'web'))
  renderWithStore(<ContainerPage />, store)
  const limits = screen.getByRole('region', { name: 'Limits and usage' })
  const row = within(limits).getByRole('row', { name: /^memory \+ swap/ })
  const findingDiffers = findingsFor(snapshot, web(snapshot)).some((f) => f.kind === 'limit-differs' && f.id.endsWith(':memorySwapBytes'))
  return { rowDiffers: row.classList.contains('is-different'), findingDiffers }
}

describe('memory+swap: the container page and Findings agree', () => {
  it('v1 without swap accounting (no memsw files): unknown, not a difference, on both', () => {
    const seen = pageAndFindings((s) => {
      const c = web(s)
      c.limits = { ...c.limits!, memorySwapBytes: null }
      c.problems.push({ field: 'limits.memorySwapBytes', reason: 'missing', message: 'ENOENT reading memory.memsw.limit_in_bytes' })
    })
    expect(seen).toEqual({ rowDiffers: false, findingDiffers: false })
    expect(within(screen.getByRole('region', { name: 'Limits and usage' })).getByRole('row', { name: /^memory \+ swap/ })).not.toHaveTextContent('none')
  })

  it('memory+swap not set (the daemon allows 2× memory): not a difference on either', () => {
    const seen = pageAndFindings((s) => {
      const c = web(s)
      c.declared!.resources = { ...c.declared!.resources, memorySwapBytes: null }
      c.limits = { ...c.limits!, memorySwapBytes: 2 * 64 * MIB }
    })
    expect(seen).toEqual({ rowDiffers: false, findingDiffers: false })
  })

  it('a real difference is one on both', () => {
    const seen = pageAndFindings((s) => {
      const c = web(s)
      c.limits = { ...c.limits!, memorySwapBytes: 96 * MIB }
    })
    expect(seen).toEqual({ rowDiffers: true, findingDiffers: true })
  })
})
