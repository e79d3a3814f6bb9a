// The application menu as data (no Electron calls), so it can be tested. Views switch through
// the page's address (#/cgroups), which the renderer routes by. Items the page must carry out
// (open a recording, export, presenter text size) go as MenuCommands on the contract's
// menu:command channel; with no `sendCommand` they are left out rather than shown dead.
import type { MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../../shared/contract'
import { VIEWS, type ViewId } from './views'

export type { MenuCommand } from '../../shared/contract'

export interface MenuActions {
  appName: string
  isMac: boolean
  /** Development only: reload and DevTools. */
  isDev: boolean
  sendCommand: ((command: MenuCommand) => void) | null
  showView: (view: ViewId) => void
  showAbout: () => void
  showExplanations: () => void
}

export function buildMenuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const send = actions.sendCommand
  const fileItems: MenuItemConstructorOptions[] = send
    ? [
        { label: 'Open Recording…', accelerator: 'CmdOrCtrl+O', click: () => send({ type: 'open-recording' }) },
        {
          label: 'Export',
          submenu: [
            { label: 'View as SVG…', accelerator: 'CmdOrCtrl+E', click: () => send({ type: 'export', format: 'svg' }) },
            { label: 'View as PNG…', click: () => send({ type: 'export', format: 'png' }) },
            { label: 'Snapshot as JSON…', click: () => send({ type: 'export', format: 'json' }) }
          ]
        },
        { type: 'separator' }
      ]
    : []
  const viewItems = VIEWS.map(
    (view, index): MenuItemConstructorOptions => ({
      label: view.label,
      accelerator: `CmdOrCtrl+${index + 1}`,
      click: () => actions.showView(view.id)
    })
  )
  const presenterItems: MenuItemConstructorOptions[] = send
    ? [{ label: 'Presenter Text Size', accelerator: 'CmdOrCtrl+Shift+P', click: () => send({ type: 'toggle-presenter-text' }) }]
    : []
  const template: MenuItemConstructorOptions[] = [
    ...(actions.isMac ? [{ label: actions.appName, submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }] } satisfies MenuItemConstructorOptions] : []),
    { label: 'File', submenu: [...fileItems, actions.isMac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...viewItems,
        { type: 'separator' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'resetZoom' },
        ...presenterItems,
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(actions.isDev ? [{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] satisfies MenuItemConstructorOptions[] : [])
      ]
    },
    ...(send ? [{ label: 'Demos', submenu: [{ label: 'Classroom Demos…', accelerator: 'CmdOrCtrl+D', click: () => send({ type: 'open-demos' }) }] } satisfies MenuItemConstructorOptions] : []),
    ...(actions.isMac ? [{ role: 'windowMenu' } satisfies MenuItemConstructorOptions] : []),
    {
      role: 'help',
      submenu: [
        { label: 'Explanations…', accelerator: 'F1', click: () => actions.showExplanations() },
        { label: `About ${actions.appName}`, click: () => actions.showAbout() }
      ]
    }
  ]
  return template
}
