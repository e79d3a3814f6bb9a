// Electron entry: app lifecycle and wiring only. Each rule lives in its own module: the window
// factory, the session and webContents guards, the IPC gate, push forwarding, the menu.
import { app, BrowserWindow, dialog, ipcMain, screen, session } from 'electron'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { PushChannel } from '../../shared/contract'
import type { ContractHandlers } from '../backend/backend'
import { createBackend } from '../backend/create-backend'
import { cspFromHtml } from '../server/csp'
import { deferredHandlers } from '../backend/dispatch'
import { installAppMenu } from './app-menu'
import { saveExport } from './export-save'
import { openRecordingFromDialog } from './open-recording-file'
import { registerIpcGate } from './ipc-gate'
import { forwardPushes } from './push-forwarding'
import { rememberWindow } from './remember-window'
import { isRendererUrl, rendererLocation, viewUrl } from './renderer-location'
import { applySessionSecurity } from './session-security'
import { isTrustedSender, senderFacts } from './trusted-sender'
import { guardWebContents } from './web-contents-guards'
import { viewFromUrl } from './views'
import { createMainWindow } from './window-factory'
import { WindowRegistry } from './window-registry'
import { fitToDisplays, WindowStateStore } from './window-state'

const log = (message: string): void => {
  process.stderr.write(`glasshouse: ${message}\n`)
}

app.enableSandbox()
// A second start focuses the first window instead of opening another app.
const primary = app.requestSingleInstanceLock()
if (!primary) app.quit()

const isDev = !app.isPackaged
const location = rendererLocation({ rendererDir: join(__dirname, '../renderer'), devUrl: process.env.ELECTRON_RENDERER_URL, isPackaged: app.isPackaged })
const showsOurPage = (url: string): boolean => isRendererUrl(url, location)
const windows = new WindowRegistry<BrowserWindow>()

app.on('web-contents-created', (_event, contents) => guardWebContents(contents))

void app.whenReady().then(() => {
  if (!primary) return
  applySessionSecurity(session.defaultSession, location.kind === 'file' ? pageCsp(location.indexFile) : null)
  const store = new WindowStateStore(join(app.getPath('userData'), 'window-state.json'), 500, (error) => log(`cannot save the window state: ${String(error)}`))

  const backend = createBackend({ env: process.env, carrier: 'electron', version: app.getVersion(), onWarning: log })
  backend.catch((error: unknown) => log(`the backend did not start: ${error instanceof Error ? error.message : String(error)}`))
  const handlers: ContractHandlers = {
    ...deferredHandlers(backend),
    'export:save': (file) =>
      saveExport(
        file,
        (options) => {
          const parent = BrowserWindow.getFocusedWindow()
          return parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options)
        },
        app.getPath('downloads')
      ),
    'recording:open-file': () =>
      openRecordingFromDialog((options) => {
        const parent = BrowserWindow.getFocusedWindow()
        return parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options)
      })
  }
  registerIpcGate(ipcMain, handlers, (event) => isTrustedSender(senderFacts(event), { isOurWindow: (id) => windows.has(id), isRendererUrl: showsOurPage }), log)
  backend.then((b) => forwardPushes(b.push, () => windows.all().map((w) => w.webContents), showsOurPage)).catch(() => undefined)

  const openWindow = (): BrowserWindow => {
    const state = store.get()
    const window = createMainWindow({
      preload: join(__dirname, '../preload/index.js'),
      location,
      bounds: fitToDisplays(state.bounds, screen.getAllDisplays().map((d) => d.workArea)),
      devTools: isDev,
      view: state.lastView
    })
    const forget = windows.add(window)
    window.on('closed', forget)
    if (state.maximized) window.maximize()
    rememberWindow(window, store)
    // The renderer keeps its view in the address's hash: remember the last one for next time.
    window.webContents.on('did-navigate-in-page', (_event, url, isMainFrame) => {
      const view = isMainFrame && showsOurPage(url) ? viewFromUrl(url) : null
      if (view) store.update({ lastView: view })
    })
    return window
  }

  // Menu commands the page carries out (open recording, export, presenter text size) go to the
  // focused window of ours on the contract's menu:command channel.
  installAppMenu({
    windows: () => windows.all(),
    isDev,
    sendCommand: (command) => {
      const target = BrowserWindow.getFocusedWindow() ?? windows.all()[0]
      if (target && windows.all().includes(target) && showsOurPage(target.webContents.getURL())) {
        target.webContents.send('menu:command' satisfies PushChannel, command)
      }
    },
    // Same page, another #fragment: the renderer routes by it (a same-document navigation).
    showView: (window, view) => void window.webContents.loadURL(viewUrl(location, view))
  })
  openWindow()

  app.on('second-instance', () => {
    const window = windows.all()[0]
    if (window) {
      if (window.isMinimized()) window.restore()
      window.focus()
    }
  })
  app.on('activate', () => {
    if (windows.all().length === 0) openWindow()
  })

  let quitting = false
  app.on('will-quit', (event) => {
    store.flush()
    if (quitting) return
    quitting = true
    event.preventDefault()
    const closed = backend.then((b) => b.close())
    const timeout = new Promise((resolve) => setTimeout(resolve, 3000))
    void Promise.race([closed, timeout])
      .catch((error: unknown) => log(`closing the backend failed: ${String(error)}`))
      .finally(() => app.quit())
  })
})

/** The policy the page declares; a strict default if the page cannot be read. */
function pageCsp(indexFile: string): string {
  try {
    return cspFromHtml(readFileSync(indexFile, 'utf8'))
  } catch {
    return cspFromHtml('')
  }
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
