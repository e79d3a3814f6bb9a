// The Record / Stop button: Record asks the backend to keep the live session, the header shows time
// and size while it does, Stop saves the text record:stop hands back the way exports are saved (here
// the desktop's export:save) as an .ndjson that the recording reader opens. Not offered while a
// recording is shown; a recording stopped by its size bound says so.
import { act, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { parseRecording } from '../../../shared/recording-format'
import { renderApp } from '../support/render-app'
import { syntheticSamples } from '../support/synthetic-live'

describe('the Record button', () => {
  it('records from the click, shows time and size, and saves an .ndjson recording on Stop', async () => {
    const user = userEvent.setup()
    const { bridge, snapshot } = await renderApp({ carrier: 'electron' })
    await user.click(screen.getByRole('button', { name: /Record$/ }))
    expect(bridge.calls.map((c) => c.channel)).toContain('record:start')
    expect(screen.getByRole('timer', { name: 'Recording' })).toHaveTextContent(/^Recording 0:00 · 0\.\d\d MB$/)
    const { samples } = syntheticSamples(snapshot, { seconds: 3 })
    act(() => samples.forEach((s) => bridge.push(s)))

    await user.click(screen.getByRole('button', { name: 'Stop recording and save' }))
    await waitFor(() => expect(bridge.saved).toHaveLength(1))
    const file = bridge.saved[0]!
    expect(file).toMatchObject({ mimeType: 'application/x-ndjson', encoding: 'utf8' })
    expect(file.suggestedName).toMatch(/^glasshouse-recording-[A-Za-z0-9-]+\.ndjson$/)
    const parsed = parseRecording(file.data)
    expect(parsed.fault).toBeNull()
    expect(parsed.header?.format).toBe('glasshouse-recording')
    expect(parsed.messages.map((m) => m.type)).toEqual(['snapshot', ...samples.map(() => 'sample')])
    expect(await screen.findByText(/Recording saved to \/tmp\/glasshouse-recording-.*: 4 messages/)).toBeInTheDocument()
    // Back to Record.
    expect(screen.getByRole('button', { name: /Record$/ })).toBeEnabled()
  })

  it('says when the size bound stopped it', async () => {
    const user = userEvent.setup()
    await renderApp({ carrier: 'electron', recordStatus: { ended: 'size-limit' } })
    await user.click(screen.getByRole('button', { name: /Record$/ }))
    expect(screen.getByRole('timer', { name: 'Recording' })).toHaveTextContent('Size limit reached (50.0 MB): Stop saves it')
  })

  it('is disabled while a recording is open', async () => {
    const user = userEvent.setup()
    const { bridge } = await renderApp()
    expect(screen.getByRole('button', { name: /Record$/ })).toBeEnabled()
    await user.click(screen.getByRole('button', { name: 'Recordings' }))
    await user.click(await screen.findByRole('menuitem', { name: /./ }))
    await waitFor(() => expect(screen.getByRole('button', { name: /Record$/ })).toBeDisabled())
    expect(bridge.calls.map((c) => c.channel)).not.toContain('record:start')
  })
})
