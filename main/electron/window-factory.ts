// The one place windows are made. Every security setting is written out, not left to defaults.
import { BrowserWindow } from 'electron'
import { viewUrl, type RendererLocation } from './renderer-location'
import type { ViewId } from './views'
import { guardWebContents } from './web-contents-guards'
import type { WindowBounds } from './window-state'

export interface MainWindowOptions {
  preload: string
  location: RendererLocation
  bounds: WindowBounds
  /** Whether DevTools may be opened (development only). */
  devTools: boolean
  /** The view to open on (the last one used), or null for the renderer's default. */
  view: ViewId | null
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    ...options.bounds,
    minWidth: 640,
    minHeight: 400,
    show: false,
    title: 'Glasshouse',
    webPreferences: {
      // electronegativity-ok: PRELOAD_JS_CHECK the preload is the narrow bridge (main/preload), reviewed and tested
      preload: options.preload,
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
      // Middle-click would ask for a new window (denied anyway); switch the event off entirely.
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: false,
      devTools: options.devTools
    }
  })
  // Also applied app-wide on 'web-contents-created'; repeated here so the factory is safe alone.
  guardWebContents(window.webContents)
  window.once('ready-to-show', () => window.show())
  const { location, view } = options
  if (location.kind === 'file') void window.loadFile(location.indexFile, view ? { hash: `/${view}` } : {})
  else void window.loadURL(view ? viewUrl(location, view) : location.url)
  return window
}
