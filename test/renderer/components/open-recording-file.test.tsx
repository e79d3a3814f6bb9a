// In the desktop app the Recordings menu also opens any recording file (the native dialog picks
// it: recording:open-file); in a browser the item is not offered (serve never reads a path on request).
import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { renderApp } from '../support/render-app'
import { variedSnapshot } from '../support/fixture'
import { syntheticRecording } from '../support/synthetic-live'

const file = { ...syntheticRecording(variedSnapshot(), 5), name: 'file-yesterday', title: 'yesterday.ndjson (vm)' }

describe('Open a file… in the Recordings menu', () => {
  it('opens the file the dialog chose, in the desktop app', async () => {
    const user = userEvent.setup()
    const { store, bridge } = await renderApp({ carrier: 'electron', fileRecording: file })
    await user.click(screen.getByRole('button', { name: 'Recordings' }))
    await user.click(await screen.findByRole('menuitem', { name: /Open a file…/ }))
    expect(bridge.calls.map((c) => c.channel)).toContain('recording:open-file')
    expect(within(screen.getByRole('region', { name: 'Recording' })).getByText('yesterday.ndjson (vm)')).toBeInTheDocument()
    expect(store.getState().source).toMatchObject({ kind: 'recording', info: { name: 'file-yesterday' } })
  })

  it('is not offered in a browser', async () => {
    const user = userEvent.setup()
    await renderApp({ carrier: 'serve', fileRecording: file })
    await user.click(screen.getByRole('button', { name: 'Recordings' }))
    await screen.findByRole('menu', { name: 'Recordings' })
    expect(screen.queryByRole('menuitem', { name: /Open a file…/ })).not.toBeInTheDocument()
  })
})
