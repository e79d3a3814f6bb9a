// The application menu as data: what is there, and what each item does.
import { describe, expect, it, vi } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import { buildMenuTemplate, type MenuActions, type MenuCommand } from '../../main/electron/menu-template'
import { VIEWS } from '../../main/electron/views'

vi.mock('electron', () => ({}))

function actions(overrides: Partial<MenuActions> = {}): MenuActions {
  return {
    appName: 'Glasshouse',
    isMac: false,
    isDev: false,
    sendCommand: null,
    showView: vi.fn(),
    showAbout: vi.fn(),
    showExplanations: vi.fn(),
    ...overrides
  }
}

function menu(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const found = template.find((item) => item.label === label || (label === 'Help' && item.role === 'help'))
  if (!found) throw new Error(`no ${label} menu`)
  return found.submenu as MenuItemConstructorOptions[]
}

function item(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const found = items.find((i) => i.label === label)
  if (!found) throw new Error(`no ${label} item`)
  return found
}

const click = (i: MenuItemConstructorOptions): void => (i.click as unknown as () => void)()

describe('the application menu', () => {
  it('has File, Edit, View and Help, with the views and zoom', () => {
    const template = buildMenuTemplate(actions())
    const view = menu(template, 'View')
    expect(view.map((i) => i.role).filter(Boolean)).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']))
    expect(view.some((i) => i.role === 'toggleDevTools')).toBe(false)
    expect(template.some((i) => i.role === 'editMenu')).toBe(true)
    expect(menu(template, 'File').some((i) => i.role === 'quit')).toBe(true)
  })

  it('switches views without any channel (the renderer routes by the address)', () => {
    const a = actions()
    const view = menu(buildMenuTemplate(a), 'View')
    VIEWS.forEach((v, index) => {
      const entry = item(view, v.label)
      expect(entry.accelerator).toBe(`CmdOrCtrl+${index + 1}`)
      click(entry)
    })
    expect((a.showView as ReturnType<typeof vi.fn>).mock.calls.map((c) => c[0])).toEqual(VIEWS.map((v) => v.id))
  })

  it('leaves out the items that need a menu-command channel until one exists', () => {
    const template = buildMenuTemplate(actions())
    expect(menu(template, 'File').map((i) => i.label).filter(Boolean)).toEqual([])
    expect(menu(template, 'View').some((i) => i.label === 'Presenter Text Size')).toBe(false)
  })

  it('sends open-recording, export and presenter commands once a channel exists', () => {
    const sent: MenuCommand[] = []
    const template = buildMenuTemplate(actions({ sendCommand: (c) => sent.push(c) }))
    const file = menu(template, 'File')
    click(item(file, 'Open Recording…'))
    const exports = item(file, 'Export').submenu as MenuItemConstructorOptions[]
    for (const i of exports) click(i)
    click(item(menu(template, 'View'), 'Presenter Text Size'))
    click(item(menu(template, 'Demos'), 'Classroom Demos…'))
    expect(sent).toEqual([
      { type: 'open-recording' },
      { type: 'export', format: 'svg' },
      { type: 'export', format: 'png' },
      { type: 'export', format: 'json' },
      { type: 'toggle-presenter-text' },
      { type: 'open-demos' }
    ])
  })

  it('offers About and Explanations under Help', () => {
    const a = actions()
    const help = menu(buildMenuTemplate(a), 'Help')
    click(item(help, 'Explanations…'))
    click(item(help, 'About Glasshouse'))
    expect(a.showExplanations).toHaveBeenCalled()
    expect(a.showAbout).toHaveBeenCalled()
  })

  it('adds the app menu on macOS and the developer items in development', () => {
    const template = buildMenuTemplate(actions({ isMac: true, isDev: true }))
    expect(template[0]!.label).toBe('Glasshouse')
    expect(menu(template, 'View').some((i) => i.role === 'toggleDevTools')).toBe(true)
  })
})
