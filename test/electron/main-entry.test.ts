// The Electron entry's wiring, with Electron and the backend mocked: sandbox on, every contract
// channel behind the gate, permissions denied, one secure window, pushes forwarded, a menu.
import { afterAll, describe, expect, it, vi } from 'vitest'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { INVOKE_CHANNELS } from '../../shared/contract'
import { FakeBrowserWindow, fakeSession } from '../support/electron-mock'
import { SAMPLE_EVENT } from '../support/fake-backend'

const userData = mkdtempSync(join(tmpdir(), 'glasshouse-userdata-'))
const state = vi.hoisted(() => ({
  appEvents: new Map<string, (...args: unknown[]) => void>(),
  handlers: new Map<string, (...args: unknown[]) => Promise<unknown>>(),
  backend: null as ReturnType<typeof import('../support/fake-backend').fakeBackend> | null
}))

vi.mock('electron', async () => {
  const mock = await import('../support/electron-mock')
  const session = mock.fakeSession()
  return {
    app: {
      enableSandbox: vi.fn(),
      requestSingleInstanceLock: vi.fn(() => true),
      quit: vi.fn(),
      isPackaged: false,
      whenReady: () => Promise.resolve(),
      on: (name: string, listener: (...args: unknown[]) => void) => state.appEvents.set(name, listener),
      getPath: (name: string) => (name === 'userData' ? userData : tmpdir()),
      getVersion: () => '0.1.0',
      getName: () => 'Glasshouse'
    },
    BrowserWindow: mock.FakeBrowserWindow,
    dialog: { showSaveDialog: vi.fn(), showOpenDialog: vi.fn(), showMessageBox: vi.fn() },
    ipcMain: {
      handle: (channel: string, listener: (...args: unknown[]) => Promise<unknown>) => state.handlers.set(channel, listener),
      removeHandler: vi.fn()
    },
    Menu: { buildFromTemplate: vi.fn((t: unknown) => t), setApplicationMenu: vi.fn() },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: { defaultSession: session }
  }
})

vi.mock('../../main/backend/create-backend', async () => ({
  createBackend: vi.fn(async (options: { carrier: string }) => {
    if (options.carrier !== 'electron') throw new Error('wrong carrier')
    state.backend = (await import('../support/fake-backend')).fakeBackend()
    return state.backend
  })
}))

delete process.env.ELECTRON_RENDERER_URL
const electron = await import('electron')
await import('../../main/electron/index')
await new Promise((resolve) => setTimeout(resolve, 10))
afterAll(() => rmSync(userData, { recursive: true, force: true }))

describe('the Electron entry', () => {
  it('enables the sandbox for every renderer and denies permissions', () => {
    expect(electron.app.enableSandbox).toHaveBeenCalled()
    const session = electron.session.defaultSession as unknown as ReturnType<typeof fakeSession>
    expect(session.setPermissionRequestHandler).toHaveBeenCalled()
    expect(session.setPermissionCheckHandler).toHaveBeenCalled()
    expect(session.webRequest.onHeadersReceived).toHaveBeenCalled()
  })

  it('registers every contract channel, and guards every webContents created', () => {
    expect([...state.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort())
    expect(state.appEvents.has('web-contents-created')).toBe(true)
  })

  it('opens one secure window with the preload beside the main bundle', () => {
    expect(FakeBrowserWindow.created).toHaveLength(1)
    const window = FakeBrowserWindow.created[0]!
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false })
    expect(String(window.options.webPreferences.preload)).toMatch(/preload[/\\]index\.js$/)
    expect(window.loadedFile).toMatch(/renderer[/\\]index\.html$/)
  })

  it('answers our window and refuses a stranger', async () => {
    const window = FakeBrowserWindow.created[0]!
    const mainFrame = { url: window.webContents.url, parent: null, frameTreeNodeId: 1, processId: 1 }
    const ours = { sender: { id: window.webContents.id, mainFrame }, senderFrame: mainFrame }
    expect(await state.handlers.get('app:info')!(ours)).toMatchObject({ ok: true, value: { version: '9.9.9' } })
    const stranger = { sender: { id: 12345, mainFrame }, senderFrame: mainFrame }
    expect(await state.handlers.get('app:info')!(stranger)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it('forwards backend pushes to the window', () => {
    state.backend!.emit(SAMPLE_EVENT)
    expect(FakeBrowserWindow.created[0]!.webContents.sent).toEqual([['live:message', SAMPLE_EVENT]])
  })

  it('installs the application menu, whose page commands go to our window on menu:command', () => {
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalled()
    const template = vi.mocked(electron.Menu.buildFromTemplate).mock.calls.at(-1)?.[0] as unknown as Array<{ label?: string; submenu?: Array<{ label?: string; click?: () => void }> }>
    const file = template.find((item) => item.label === 'File')
    const open = file?.submenu?.find((item) => item.label === 'Open Recording…')
    expect(open).toBeDefined()
    const contents = FakeBrowserWindow.created[0]!.webContents
    const before = contents.sent.length
    open!.click!()
    expect(contents.sent.slice(before)).toEqual([['menu:command', { type: 'open-recording' }]])
  })

  it('remembers the view the page shows (not a foreign page’s), for the next start', async () => {
    const contents = FakeBrowserWindow.created[0]!.webContents
    contents.emit('did-navigate-in-page', {}, `${contents.url}#/security`, true)
    contents.emit('did-navigate-in-page', {}, 'https://evil.example/#/cgroups', true)
    contents.emit('did-navigate-in-page', {}, `${contents.url}#/namespaces`, false)
    await vi.waitFor(() => expect(JSON.parse(readFileSync(join(userData, 'window-state.json'), 'utf8')).lastView).toBe('security'), { timeout: 2000 })
  })

  it('closes the backend before quitting', async () => {
    const event = { preventDefault: vi.fn() }
    state.appEvents.get('will-quit')!(event)
    expect(event.preventDefault).toHaveBeenCalled()
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled())
    expect(state.backend!.closed).toBe(true)
  })
})
