// Presenter mode in the page, against a mock bridge: d opens the Demos panel, Enter presents the
// focused demo; → runs one step (a key pressed while it runs starts nothing), shows its output and
// reveal, switches to its view with its container selected, asks the next question; ← goes back;
// Escape leaves, cleans the demo up and restores the text size; the container list comes back.
import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { DEMOS } from '../../../shared/demos/index'
import { renderApp } from '../support/render-app'

describe('presenter mode', () => {
  it('steps through a demo with the keyboard and cleans up when left', { timeout: 30_000 }, async () => {
    const user = userEvent.setup()
    const { store, bridge, snapshot } = await renderApp({ delayMs: 20 })
    const demo = DEMOS.find((d) => d.id === 'cap-drop-all')!
    await user.keyboard('d')
    const panel = await screen.findByRole('dialog', { name: 'Demos' })
    await waitFor(() => expect(within(panel).getAllByRole('button').length).toBeGreaterThan(DEMOS.length))
    for (let i = 0; i < DEMOS.indexOf(demo); i++) await user.keyboard('{ArrowDown}')
    expect(panel.querySelector(`[data-demo="${demo.id}"]`)).toHaveFocus()
    await user.keyboard('{Enter}')

    const presenter = screen.getByTestId('presenter')
    expect(store.getState().textSize).toBe('presenter')
    expect(screen.queryByRole('listbox', { name: 'Containers' })).not.toBeInTheDocument()
    expect(screen.getByTestId('presenter-predict')).toHaveTextContent(demo.steps[0]!.predict)
    // Nothing ran yet.
    expect(bridge.calls.filter((c) => c.channel === 'demo:run-step')).toEqual([])

    await user.keyboard('{ArrowRight}{ArrowRight}')
    await waitFor(() => expect(within(presenter).getByTestId('presenter-revealed')).toHaveTextContent(demo.steps[0]!.reveal))
    expect(bridge.calls.filter((c) => c.channel === 'demo:run-step')).toEqual([{ channel: 'demo:run-step', args: [demo.id, 0] }])
    expect(within(presenter).getByTestId('presenter-revealed')).toHaveTextContent('docker run -d --name gh-cap-drop-all-default --label glasshouse.demo=cap-drop-all')
    expect(store.getState().view).toBe(demo.steps[0]!.look.view)
    expect(store.getState().selectedContainerId).toBe(snapshot.containers[0]!.id)
    expect(screen.getByTestId('presenter-predict')).toHaveTextContent(demo.steps[1]!.predict)

    await user.keyboard('{ArrowRight}')
    await waitFor(() => expect(within(presenter).getByTestId('presenter-revealed')).toHaveTextContent(demo.steps[1]!.reveal))
    await user.keyboard('{ArrowLeft}')
    expect(within(presenter).getByTestId('presenter-revealed')).toHaveTextContent(demo.steps[0]!.reveal)
    // Forward again shows step 2 without running it a second time.
    await user.keyboard('{ArrowRight}')
    expect(within(presenter).getByTestId('presenter-revealed')).toHaveTextContent(demo.steps[1]!.reveal)
    expect(bridge.calls.filter((c) => c.channel === 'demo:run-step')).toHaveLength(2)

    await user.keyboard('{Escape}')
    await waitFor(() => expect(bridge.calls.map((c) => c.channel)).toContain('demo:clean'))
    expect(bridge.calls.find((c) => c.channel === 'demo:clean')?.args).toEqual([demo.id])
    expect(screen.queryByTestId('presenter')).not.toBeInTheDocument()
    expect(store.getState().textSize).toBe('normal')
    expect(screen.getByRole('listbox', { name: 'Containers' })).toBeInTheDocument()
  })

  it('says what failed and starts the demo again from its first step', async () => {
    const user = userEvent.setup()
    const { store } = await renderApp({ fail: { 'demo:run-step': { code: 'unavailable', message: 'step 1 of "pid-host" failed: no daemon' } } })
    await user.keyboard('d')
    const panel = await screen.findByRole('dialog', { name: 'Demos' })
    await waitFor(() => expect(panel.querySelector('[data-demo="pid-host"]')).not.toBeNull())
    await user.click(panel.querySelector<HTMLButtonElement>('[data-demo="pid-host"]')!)
    await user.keyboard('{ArrowRight}')
    expect(await screen.findByRole('alert')).toHaveTextContent('step 1 of "pid-host" failed: no daemon → starts again from step 1.')
    expect(store.getState().presenter?.shown).toBe(-1)
  })

  it('asks before a demo that initialises a swarm, and runs nothing when the teacher declines', async () => {
    const user = userEvent.setup()
    const { bridge } = await renderApp()
    const asked: string[] = []
    let answer = false
    const confirm = vi.spyOn(window, 'confirm').mockImplementation((text) => {
      asked.push(String(text))
      return answer
    })
    try {
      await user.keyboard('d')
      const panel = await screen.findByRole('dialog', { name: 'Demos' })
      await waitFor(() => expect(panel.querySelector('[data-demo="swarm-secret"]')).not.toBeNull())
      await user.click(panel.querySelector<HTMLButtonElement>('[data-demo="swarm-secret"]')!)
      await user.keyboard('{ArrowRight}')
      expect(asked).toEqual([expect.stringContaining('initialises a single-node swarm on this daemon (docker swarm init --advertise-addr 127.0.0.1)')])
      expect(await screen.findByRole('alert')).toHaveTextContent('Not started: This demo initialises a single-node swarm')
      expect(bridge.calls.filter((c) => c.channel === 'demo:run-step')).toEqual([])

      answer = true
      await user.keyboard('{ArrowRight}')
      await waitFor(() => expect(bridge.calls.filter((c) => c.channel === 'demo:run-step')).toEqual([{ channel: 'demo:run-step', args: ['swarm-secret', 0, 'swarm-init'] }]))
    } finally {
      confirm.mockRestore()
    }
  })

  it('saves the handout through export:save (the save dialog) in the desktop app, and says where', async () => {
    const user = userEvent.setup()
    const { bridge } = await renderApp({ carrier: 'electron' })
    await user.keyboard('d')
    const panel = await screen.findByRole('dialog', { name: 'Demos' })
    await waitFor(() => expect(panel.querySelector('[data-demo="pid-host"]')).not.toBeNull())
    await user.click(panel.querySelector<HTMLButtonElement>('[data-demo="pid-host"]')!)
    await user.keyboard('{ArrowRight}')
    await screen.findByTestId('presenter-revealed')
    await user.keyboard('h')
    await waitFor(() => expect(bridge.calls.filter((c) => c.channel === 'export:save')).toHaveLength(1))
    const [file] = bridge.calls.find((c) => c.channel === 'export:save')!.args as [{ suggestedName: string; mimeType: string; data: string; encoding: string }]
    expect(file).toMatchObject({ suggestedName: 'glasshouse-demo-pid-host.html', mimeType: 'text/html', encoding: 'utf8' })
    expect(file.data).toContain('Step 1: ')
    expect(await screen.findByText(/Handout saved to \/tmp\/glasshouse-demo-pid-host\.html/)).toBeInTheDocument()
  })

  it('hides and shows the container list outside presenter mode', async () => {
    const user = userEvent.setup()
    await renderApp()
    await user.click(screen.getByRole('button', { name: 'Hide list' }))
    expect(screen.queryByRole('listbox', { name: 'Containers' })).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Show list' }))
    expect(screen.getByRole('listbox', { name: 'Containers' })).toBeInTheDocument()
  })
})

describe('the desktop menu', () => {
  it('opens the Demos panel with open-demos', async () => {
    const { bridge } = await renderApp()
    act(() => bridge.menu({ type: 'open-demos' }))
    expect(await screen.findByRole('dialog', { name: 'Demos' })).toBeInTheDocument()
  })
})
