// The one window factory: every security option written out, navigation and new windows denied.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { cancellable, FakeBrowserWindow } from '../support/electron-mock'

vi.mock('electron', async () => ({ BrowserWindow: (await import('../support/electron-mock')).FakeBrowserWindow }))

const { createMainWindow } = await import('../../main/electron/window-factory')
const { guardWebContents } = await import('../../main/electron/web-contents-guards')

const fileLocation = { kind: 'file', url: 'file:///app/out/renderer/index.html', indexFile: '/app/out/renderer/index.html' } as const

beforeEach(() => {
  FakeBrowserWindow.created = []
})

function make(devTools = false, view: 'cgroups' | null = null): FakeBrowserWindow {
  createMainWindow({ preload: '/app/out/preload/index.js', location: fileLocation, bounds: { width: 1000, height: 700 }, devTools, view })
  expect(FakeBrowserWindow.created).toHaveLength(1)
  return FakeBrowserWindow.created[0]!
}

describe('createMainWindow', () => {
  it('writes out every security option', () => {
    const prefs = make().options.webPreferences
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false
    })
    expect(prefs).not.toHaveProperty('enableBlinkFeatures')
    expect(prefs).not.toHaveProperty('additionalArguments')
  })

  it('uses the remembered size, starts hidden and shows when ready', () => {
    const window = make()
    expect(window.options).toMatchObject({ width: 1000, height: 700, show: false })
    window.emit('ready-to-show')
    expect(window.show).toHaveBeenCalled()
  })

  it('loads the built page from its file, on the last view when there is one', () => {
    expect(make().loadedFile).toBe('/app/out/renderer/index.html')
    FakeBrowserWindow.created = []
    const window = make(false, 'cgroups')
    expect(window.loadedFile).toBe('/app/out/renderer/index.html')
    expect(window.loadOptions).toEqual({ hash: '/cgroups' })
  })

  it('loads a dev server only when the location says so', () => {
    const dev = { kind: 'dev', url: 'http://localhost:5173/' } as const
    createMainWindow({ preload: '/p.js', location: dev, bounds: { width: 800, height: 600 }, devTools: true, view: 'security' })
    expect(FakeBrowserWindow.created[0]!.loadedUrl).toBe('http://localhost:5173/#/security')
  })

  it('denies navigation, redirects and webviews', () => {
    const contents = make().webContents
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = cancellable()
      contents.emit(name, event, 'https://evil.example/')
      expect(event.prevented, name).toBe(true)
    }
  })

  it('denies every new window', () => {
    const contents = make().webContents
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
    expect(contents.windowOpenHandler?.({ url: fileLocation.url })).toEqual({ action: 'deny' })
  })
})

describe('guardWebContents', () => {
  it('applies the same denials to any webContents', () => {
    const window = new FakeBrowserWindow({ webPreferences: {} })
    guardWebContents(window.webContents as never)
    const event = cancellable()
    window.webContents.emit('will-navigate', event, 'https://evil.example/')
    expect(event.prevented).toBe(true)
    expect(window.webContents.windowOpenHandler?.({ url: 'x' })).toEqual({ action: 'deny' })
  })
})
