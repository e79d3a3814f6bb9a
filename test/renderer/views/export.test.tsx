import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { exportName } from '../../../renderer/export/save-file'
import { serializeView } from '../../../renderer/export/serialize-svg'
import { act } from 'react'
import { bigSnapshot } from '../support/big-snapshot'
import { renderApp } from '../support/render-app'
import { syntheticSamples } from '../support/synthetic-live'

describe('exporting', () => {
  it('serialises every svg[data-export] of a view into one standalone SVG, without zoom or screen-only parts', () => {
    document.body.innerHTML = `
      <div id="root">
        <svg data-export="First &amp; one" width="100" height="50"><g data-zoom-layer="" transform="translate(5,5) scale(2)"><text class="x">a &lt; b</text></g><rect data-export-skip="" /></svg>
        <svg data-export="Second" width="80" height="40" data-export-box="0 0 200 100"><circle r="3" /></svg>
      </div>`
    const out = serializeView(document.getElementById('root')!, { title: 'Glasshouse · test', background: '#fff', textColor: '#000' })!
    expect(out.text.startsWith('<?xml')).toBe(true)
    expect(out.text).toContain('xmlns="http://www.w3.org/2000/svg"')
    expect(out.text).toContain('First &amp; one')
    expect(out.text).toContain('a &lt; b')
    expect(out.text).not.toContain('data-export-skip')
    expect(out.text).toContain('transform="translate(5,5) scale(2)"')
    expect(out.text).toContain('viewBox="0 0 200 100"')
    expect(out.width).toBe(248)
    expect(out.height).toBeGreaterThan(100 + 50)
  })

  it('names files after the view, the host and the time', () => {
    expect(exportName('cgroups', 'vm', '2026-11-28T16:56:03.123Z', 'png')).toBe('glasshouse-cgroups-vm-2026-11-28T16-56-03.png')
  })

  it('hands an SVG of the view and the snapshot JSON to export:save in the desktop app', async () => {
    const user = userEvent.setup()
    const { bridge } = await renderApp({ carrier: 'electron' })
    await user.click(screen.getByRole('button', { name: 'Export' }))
    await user.click(screen.getByRole('menuitem', { name: 'Namespaces view as SVG' }))
    await waitFor(() => expect(bridge.saved).toHaveLength(1))
    expect(bridge.saved[0]).toMatchObject({ mimeType: 'image/svg+xml', encoding: 'utf8' })
    expect(bridge.saved[0]?.data).toContain('PID namespaces: host PID')
    expect(bridge.saved[0]?.suggestedName).toMatch(/^glasshouse-namespaces-vm-.*\.svg$/)
    await user.click(screen.getByRole('button', { name: 'Export' }))
    await user.click(screen.getByRole('menuitem', { name: 'Snapshot as JSON' }))
    await waitFor(() => expect(bridge.saved).toHaveLength(2))
    expect(JSON.parse(bridge.saved[1]!.data).containers).toHaveLength(7)
    expect(screen.getByText(/^Saved to \/tmp\/glasshouse-snapshot-vm-/)).toBeInTheDocument()
  })

  it('exports the cgroup tree with every card up to date, also those off screen that the samples left alone', async () => {
    const user = userEvent.setup()
    const snapshot = bigSnapshot(40, 2, 5)
    const { bridge, store, container } = await renderApp({ carrier: 'electron', snapshot, hash: '#/cgroups' })
    await screen.findByRole('button', { name: /^svc-039: memory/ })
    act(() => store.getState().ingest(syntheticSamples(snapshot, { seconds: 1 }).samples[0]!))
    const stale = (text: string): number => text.split('50 MiB · no limit').length - 1
    expect(stale(container.querySelector('.cg-svg')!.innerHTML)).toBeGreaterThan(0)

    await user.click(screen.getByRole('button', { name: 'Export' }))
    await user.click(screen.getByRole('menuitem', { name: 'Cgroups view as SVG' }))
    await waitFor(() => expect(bridge.saved).toHaveLength(1))
    expect(bridge.saved[0]?.data).toContain('svc-039')
    expect(stale(bridge.saved[0]?.data ?? '')).toBe(0)
  })
})
