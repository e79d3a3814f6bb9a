import { fireEvent, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { DEMOS, listing } from '../../../shared/demos/index'
import { SecurityView } from '../../../renderer/views/security/security-view'
import { containerId, variedSnapshot } from '../support/fixture'
import { renderWithStore, storeWith } from '../support/render-app'

function setup(name = 'nested') {
  const snapshot = variedSnapshot()
  const store = storeWith(snapshot)
  store.getState().selectContainer(containerId(snapshot, name))
  return { snapshot, ...renderWithStore(<SecurityView />, store) }
}

describe('the security view', () => {
  it('draws a matrix row per container summarising effective, added and dropped capabilities', () => {
    setup()
    expect(screen.getByRole('button', { name: 'nested: 15 effective, 1 added, 0 dropped' })).toHaveAttribute('aria-pressed', 'true')
    expect(screen.getByRole('button', { name: 'sidecar: 0 effective, 0 added, 14 dropped, runs as uid 1000' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'old-job: not running' })).toBeInTheDocument()
  })

  it('marks cells with symbols as well as colour: + added, − dropped, and says so in each tooltip', () => {
    const { container } = setup()
    const cell = (name: string, cap: string): Element =>
      container.querySelector(`[data-row-id="${containerId(variedSnapshot(), name)}"] [data-cap-cell="${cap}"]`)!
    fireEvent.mouseOver(cell('nested', 'CAP_SYS_ADMIN'))
    expect(screen.getByText("nested · CAP_SYS_ADMIN: effective, added beyond Docker's default set")).toBeInTheDocument()
    fireEvent.mouseOver(cell('web', 'CAP_NET_RAW'))
    expect(screen.getByText("web · CAP_NET_RAW: not effective, dropped from Docker's default set")).toBeInTheDocument()
    expect(container.querySelector('.cap-cell__glyph.cap-cell--added')?.textContent).toBe('+')
    expect(container.querySelector('.cap-cell__glyph.cap-cell--dropped')?.textContent).toBe('−')
  })

  it('explains a capability when its column is chosen, and who holds it', async () => {
    const user = userEvent.setup()
    setup()
    await user.click(screen.getByRole('button', { name: /^CAP_SYS_ADMIN: The catch-all/ }))
    expect(screen.getByText(/The catch-all: mount file systems, create namespaces/, { selector: 'p' })).toBeInTheDocument()
    expect(screen.getByText(/Held by: nested/)).toBeInTheDocument()
    await user.keyboard('{ArrowRight}')
    expect(screen.getByText(/Held by: no running container/)).toBeInTheDocument()
  })

  it('in presenter mode, names the matrix columns horizontally at full text size, short names spelled out below', () => {
    const snapshot = variedSnapshot()
    const store = storeWith(snapshot)
    const heads = (c: HTMLElement): Element[] => [...c.querySelectorAll('.cap-matrix__head text')]
    const normal = renderWithStore(<SecurityView />, store)
    expect(heads(normal.container)[0]?.getAttribute('transform')).toMatch(/rotate\(-60\)/)
    normal.unmount()
    store.getState().startPresenter(listing(DEMOS[0]!))
    const { container } = renderWithStore(<SecurityView />, store)
    const texts = heads(container)
    expect(texts).toHaveLength(41)
    for (const t of texts) {
      expect(t.getAttribute('transform')).toBeNull()
      expect(Number(t.getAttribute('font-size'))).toBeGreaterThanOrEqual(17)
    }
    expect(texts.map((t) => t.textContent)).toContain('NADMIN')
    expect(within(screen.getByLabelText('Short names')).getByText('NADMIN').parentElement).toHaveTextContent('NADMIN NET_ADMIN')
    // The name stays whole for screen readers and the tooltip.
    expect(screen.getByRole('button', { name: /^CAP_NET_ADMIN: / })).toBeInTheDocument()
  })

  it("lists one process's five sets with a sentence per capability", () => {
    setup()
    const table = screen.getByRole('table', { name: /Capability sets of unshare/ })
    const row = within(table).getByRole('rowheader', { name: 'SYS_ADMIN' }).closest('tr')!
    expect(within(row).getAllByLabelText(/^in /).map((c) => c.getAttribute('aria-label'))).toEqual(['in effective', 'in permitted', 'in bounding'])
    expect(row).toHaveTextContent('The catch-all')
  })

  it('compares declared seccomp with the kernel for a container run with seccomp=unconfined', () => {
    setup('debug-tools')
    expect(screen.getByText(/No filter: the whole system call interface of the shared kernel is reachable/)).toBeInTheDocument()
    expect(screen.getByText(/disabled \(Seccomp: 0\)/)).toBeInTheDocument()
  })

  it('groups the same finding across containers, folds low severity, and selects a container from it', async () => {
    const user = userEvent.setup()
    const { store, snapshot } = setup()
    const item = screen.getByText('root without a user namespace').closest('li')!
    expect(within(item).getAllByRole('button').map((b) => b.textContent)).toEqual(['batch', 'debug-tools', 'nested', 'netadmin', 'web'])
    expect(screen.queryByText('writable root file system')).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: /^Show 15 low-severity findings/ }))
    expect(screen.getByText('writable root file system')).toBeInTheDocument()
    fireEvent.click(within(item).getByRole('button', { name: 'Select web' }))
    expect(store.getState().selectedContainerId).toBe(containerId(snapshot, 'web'))
  })
})
