// Installs the application menu and carries out the items that main can do alone.
import { app, BrowserWindow, dialog, Menu } from 'electron'
import { aboutText, EXPLANATIONS } from './explanations'
import { buildMenuTemplate, type MenuCommand } from './menu-template'
import type { ViewId } from './views'

export interface AppMenuOptions {
  windows: () => BrowserWindow[]
  isDev: boolean
  sendCommand: ((command: MenuCommand) => void) | null
  showView: (window: BrowserWindow, view: ViewId) => void
}

export function installAppMenu(options: AppMenuOptions): void {
  const focused = (): BrowserWindow | undefined => BrowserWindow.getFocusedWindow() ?? options.windows()[0]
  const info = async (title: string, message: string, detail: string): Promise<void> => {
    const window = focused()
    const box = { type: 'info' as const, title, message, detail, buttons: ['OK'] }
    await (window ? dialog.showMessageBox(window, box) : dialog.showMessageBox(box))
  }
  const template = buildMenuTemplate({
    appName: app.getName(),
    isMac: process.platform === 'darwin',
    isDev: options.isDev,
    sendCommand: options.sendCommand,
    showView: (view) => {
      const window = focused()
      if (window) options.showView(window, view)
    },
    showAbout: () =>
      void info(
        `About ${app.getName()}`,
        app.getName(),
        aboutText({ app: app.getVersion(), electron: process.versions.electron ?? '?', chrome: process.versions.chrome ?? '?', node: process.versions.node })
      ),
    showExplanations: () => void info('Explanations', 'What Glasshouse shows', EXPLANATIONS)
  })
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
