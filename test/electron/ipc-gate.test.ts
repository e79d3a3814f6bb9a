// The IPC gate with a forged sender, bad arguments and failing handlers. Electron is mocked:
// its binary does not exist here, and the gate needs only ipcMain's shape.
import { describe, expect, it, vi } from 'vitest'
import type { IpcMainInvokeEvent } from 'electron'
import { INVOKE_CHANNELS, PUSH_CHANNELS } from '../../shared/contract'
import { registerIpcGate, type IpcRegistrar } from '../../main/electron/ipc-gate'
import { rendererLocation, isRendererUrl } from '../../main/electron/renderer-location'
import { isTrustedSender, senderFacts } from '../../main/electron/trusted-sender'
import { fakeBackend, SECRET_FAILURE } from '../support/fake-backend'

vi.mock('electron', () => ({}))

const location = rendererLocation({ rendererDir: '/opt/Glasshouse/resources/app.asar/out/renderer', devUrl: undefined, isPackaged: true })
const OUR_WINDOW = 7

function fakeIpc(): IpcRegistrar & { listeners: Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>>; removed: string[] } {
  const listeners = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>>()
  const removed: string[] = []
  return {
    listeners,
    removed,
    handle: (channel, listener) => {
      if (listeners.has(channel)) throw new Error(`second handler for ${channel}`)
      listeners.set(channel, listener)
    },
    removeHandler: (channel) => {
      removed.push(channel)
      listeners.delete(channel)
    }
  }
}

interface FrameShape {
  url: string
  parent: object | null
  frameTreeNodeId: number
  processId: number
}

/** An event as Electron would build it; every field can be forged. */
function event(options: { webContentsId?: number; url?: string; subframe?: boolean; frameGone?: boolean } = {}): IpcMainInvokeEvent {
  const mainFrame: FrameShape = { url: options.url ?? location.url, parent: null, frameTreeNodeId: 1, processId: 4 }
  const senderFrame: FrameShape | null = options.frameGone
    ? null
    : options.subframe
      ? { url: options.url ?? location.url, parent: mainFrame, frameTreeNodeId: 2, processId: 4 }
      : mainFrame
  return { sender: { id: options.webContentsId ?? OUR_WINDOW, mainFrame }, senderFrame } as unknown as IpcMainInvokeEvent
}

function gate(): { ipc: ReturnType<typeof fakeIpc>; backend: ReturnType<typeof fakeBackend>; logs: string[]; dispose: () => void } {
  const ipc = fakeIpc()
  const backend = fakeBackend()
  const logs: string[] = []
  const dispose = registerIpcGate(
    ipc,
    backend.handlers,
    (e) => isTrustedSender(senderFacts(e), { isOurWindow: (id) => id === OUR_WINDOW, isRendererUrl: (url) => isRendererUrl(url, location) }),
    (line) => logs.push(line)
  )
  return { ipc, backend, logs, dispose }
}

async function call(g: ReturnType<typeof gate>, channel: string, e: IpcMainInvokeEvent, ...args: unknown[]): Promise<unknown> {
  const listener = g.ipc.listeners.get(channel)
  if (!listener) throw new Error(`no handler for ${channel}`)
  return listener(e, ...args)
}

describe('the contract’s channel names', () => {
  it('are unique, domain:action, and each invoke channel gets exactly one handler', () => {
    const all = [...INVOKE_CHANNELS, ...PUSH_CHANNELS]
    expect(new Set(all).size).toBe(all.length)
    for (const name of all) expect(name).toMatch(/^[a-z]+:[a-z-]+$/)
    const g = gate()
    expect([...g.ipc.listeners.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort())
    for (const channel of INVOKE_CHANNELS) expect(typeof g.backend.handlers[channel]).toBe('function')
  })

  it('cannot be registered with a handler missing (a compile error)', () => {
    const { 'export:save': _left, ...partial } = fakeBackend().handlers
    // @ts-expect-error: ContractHandlers needs a handler for every invoke channel
    registerIpcGate(fakeIpc(), partial, () => true, () => undefined)
  })

  it('are all removed again by the function the gate returns', () => {
    const g = gate()
    g.dispose()
    expect(g.ipc.removed.sort()).toEqual([...INVOKE_CHANNELS].sort())
  })
})

describe('the sender check', () => {
  it('lets our window’s main frame showing our page through (any #route)', async () => {
    const g = gate()
    expect(await call(g, 'app:info', event())).toEqual({ ok: true, value: { version: '9.9.9', carrier: 'serve', live: false } })
    expect(await call(g, 'app:info', event({ url: `${location.url}#/security` }))).toMatchObject({ ok: true })
  })

  const forged: [string, Parameters<typeof event>[0]][] = [
    ['a page from the network', { url: 'https://evil.example/' }],
    ['another local file', { url: 'file:///tmp/evil.html' }],
    ['a file whose name only starts like ours', { url: location.url.replace('index.html', 'index.html.evil.html') }],
    ['a data: URL', { url: 'data:text/html,<script>1</script>' }],
    ['a subframe of our page', { subframe: true }],
    ['a webContents we did not create', { webContentsId: 99 }],
    ['a frame that is already gone', { frameGone: true }]
  ]
  for (const [name, options] of forged) {
    it(`refuses ${name} with 'forbidden', before the handler runs`, async () => {
      const g = gate()
      expect(await call(g, 'snapshot:get', event(options))).toEqual({
        ok: false,
        error: { code: 'forbidden', message: 'this frame may not use Glasshouse' }
      })
      expect(g.backend.calls).toEqual([])
      expect(g.logs.join('\n')).toContain('refused snapshot:get')
    })
  }

  it('refuses an event whose sender cannot even be read', async () => {
    const g = gate()
    const broken = {
      get sender(): never {
        throw new Error('destroyed')
      },
      senderFrame: null
    } as unknown as IpcMainInvokeEvent
    expect(await call(g, 'app:info', broken)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })
})

describe('arguments and errors', () => {
  it('answers bad arguments with bad-request and never calls the handler', async () => {
    const g = gate()
    expect(await call(g, 'recording:open', event(), '../../../etc/shadow')).toMatchObject({ ok: false, error: { code: 'bad-request' } })
    expect(await call(g, 'recording:open', event())).toMatchObject({ ok: false, error: { code: 'bad-request' } })
    expect(await call(g, 'app:info', event(), 'extra')).toMatchObject({ ok: false, error: { code: 'bad-request' } })
    expect(await call(g, 'export:save', event(), { suggestedName: '../x.svg', mimeType: 'image/svg+xml', data: '', encoding: 'utf8' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' }
    })
    expect(g.backend.calls).toEqual([])
  })

  it('passes a BackendError’s code and message through', async () => {
    const g = gate()
    expect(await call(g, 'recording:open', event(), 'demo')).toEqual({ ok: false, error: { code: 'not-found', message: 'no recording named demo' } })
  })

  it('turns any other failure into internal, logging the details but never sending them', async () => {
    const g = gate()
    const result = await call(g, 'export:save', event(), { suggestedName: 'a.svg', mimeType: 'image/svg+xml', data: '<svg/>', encoding: 'utf8' })
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(JSON.stringify(result)).not.toContain('secret')
    expect(JSON.stringify(result)).not.toMatch(/\bat .*:\d+/)
    expect(g.logs.join('\n')).toContain(SECRET_FAILURE)
  })
})

describe('deferredHandlers', () => {
  it('waits for a backend still starting, and answers unavailable when it failed to start', async () => {
    const { deferredHandlers, dispatchInvoke } = await import('../../main/backend/dispatch')
    let ready: (b: ReturnType<typeof fakeBackend>) => void = () => undefined
    const starting = deferredHandlers(new Promise((resolve) => (ready = resolve)))
    const answer = dispatchInvoke(starting, 'app:info', [], () => undefined)
    ready(fakeBackend())
    expect(await answer).toMatchObject({ ok: true, value: { version: '9.9.9' } })
    const failed = deferredHandlers(Promise.reject(new Error('no socket')))
    expect(await dispatchInvoke(failed, 'app:info', [], () => undefined)).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'the backend did not start: no socket' }
    })
  })
})
