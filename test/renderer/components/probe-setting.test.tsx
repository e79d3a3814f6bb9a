// The probe setting in the status line: it shows the setting in force and the helper's docker run
// command (copyable), changes the setting through probe:set (the backend restarts the live session),
// and asks before a helper image is pulled: the pull happens only after the user allows it.
import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { HELPER_COMMAND } from '../support/bridge-mock'
import { renderApp } from '../support/render-app'

async function openPanel(): Promise<HTMLElement> {
  await userEvent.click(screen.getByRole('button', { name: /^Kernel probe/ }))
  const panel = await screen.findByRole('dialog', { name: 'How the kernel is read' })
  await within(panel).findByTestId('helper-command')
  return panel
}

describe('the probe setting', () => {
  it('shows the setting in force and the helper command, and copies the command', async () => {
    const { bridge } = await renderApp({ probe: { state: { setting: 'auto' } } })
    const panel = await openPanel()
    expect(within(panel).getByRole('radio', { name: /^Auto/ })).toBeChecked()
    expect(within(panel).getByTestId('helper-command').textContent).toBe(HELPER_COMMAND)
    expect(screen.getByRole('button', { name: 'Kernel probe: Auto' })).toBeInTheDocument()
    const writeText = vi.fn(async () => undefined)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    await userEvent.click(within(panel).getByRole('button', { name: 'Copy' }))
    expect(writeText).toHaveBeenCalledWith(HELPER_COMMAND)
    expect(within(panel).getByRole('button', { name: 'Copied' })).toBeInTheDocument()
    expect(bridge.calls.filter((c) => c.channel === 'probe:set')).toEqual([])
  })

  it('changes the setting through the backend, without consent to pull', async () => {
    const { bridge } = await renderApp()
    const panel = await openPanel()
    await userEvent.click(within(panel).getByRole('radio', { name: /^This process/ }))
    await waitFor(() => expect(within(panel).getByRole('radio', { name: /^This process/ })).toBeChecked())
    expect(bridge.calls.filter((c) => c.channel === 'probe:set').map((c) => c.args)).toEqual([['local', false]])
  })

  it('says which image a helper needs, and pulls it only when the user allows it', async () => {
    const image = 'node:22-alpine@sha256:8094c002d08262dba12645a3b4a15cd6cd627d30bc782f53229a2ec13ee22a00'
    const { bridge } = await renderApp({ probe: { needsPull: image } })
    const panel = await openPanel()
    await userEvent.click(within(panel).getByRole('radio', { name: /^Helper container/ }))
    const alert = await within(panel).findByRole('alert')
    expect(alert).toHaveTextContent(`Not changed: the helper image ${image} is not on the daemon`)
    // Not changed: the setting in force stays checked.
    expect(within(panel).getByRole('radio', { name: /^Auto/ })).toBeChecked()
    await act(async () => userEvent.click(within(alert).getByRole('button', { name: 'Allow pulling node:22-alpine and use the helper' })))
    await waitFor(() => expect(within(panel).getByRole('radio', { name: /^Helper container/ })).toBeChecked())
    expect(bridge.calls.filter((c) => c.channel === 'probe:set').map((c) => c.args)).toEqual([
      ['helper', false],
      ['helper', true]
    ])
    expect(within(panel).queryByRole('alert')).toBeNull()
    // The pull's progress reached the panel.
    expect(within(panel).getByTestId('probe-progress')).toHaveTextContent('pulling the helper image (mock)')
  })
})
