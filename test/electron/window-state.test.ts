// Remembering window size, position, last view and presenter font size in a small JSON file.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  DEFAULT_WINDOW_STATE,
  fitToDisplays,
  loadWindowState,
  parseWindowState,
  saveWindowState,
  WindowStateStore
} from '../../main/electron/window-state'
import { rememberWindow } from '../../main/electron/remember-window'
import { FakeBrowserWindow } from '../support/electron-mock'

vi.mock('electron', () => ({}))

const dirs: string[] = []
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'glasshouse-state-'))
  dirs.push(dir)
  return join(dir, 'nested', 'window-state.json')
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('window state file', () => {
  it('gives the defaults when the file is missing or garbage', () => {
    const path = tempFile()
    expect(loadWindowState(path)).toEqual(DEFAULT_WINDOW_STATE)
    saveWindowState(path, DEFAULT_WINDOW_STATE)
    writeFileSync(path, '{ not json')
    expect(loadWindowState(path)).toEqual(DEFAULT_WINDOW_STATE)
  })

  it('round-trips through the file (written private, atomically)', () => {
    const path = tempFile()
    const state = { bounds: { width: 1400, height: 900, x: 30, y: 40 }, maximized: true, lastView: 'cgroups' as const }
    saveWindowState(path, state)
    expect(loadWindowState(path)).toEqual(state)
    expect(statSync(path).mode & 0o777).toBe(0o600)
  })

  it('drops what it does not trust', () => {
    expect(
      parseWindowState({ bounds: { width: 10, height: 1e9, x: 5, y: 'no' }, maximized: 'yes', lastView: '../../x' })
    ).toEqual(DEFAULT_WINDOW_STATE)
    expect(parseWindowState(null)).toEqual(DEFAULT_WINDOW_STATE)
    expect(parseWindowState({ bounds: { width: 800, height: 600, x: 1.5, y: 2 } }).bounds).toEqual({ width: 800, height: 600 })
  })
})

describe('fitToDisplays', () => {
  const laptop = { x: 0, y: 0, width: 1920, height: 1050 }

  it('keeps a position that is on a screen', () => {
    expect(fitToDisplays({ width: 1200, height: 800, x: 100, y: 50 }, [laptop])).toEqual({ width: 1200, height: 800, x: 100, y: 50 })
  })

  it('drops a position on a monitor that is gone', () => {
    expect(fitToDisplays({ width: 1200, height: 800, x: 2500, y: 50 }, [laptop])).toEqual({ width: 1200, height: 800 })
    expect(fitToDisplays({ width: 1200, height: 800, x: 100, y: -500 }, [laptop])).toEqual({ width: 1200, height: 800 })
  })

  it('shrinks a window larger than every screen', () => {
    expect(fitToDisplays({ width: 5000, height: 3000 }, [laptop])).toEqual({ width: 1920, height: 1050 })
  })
})

describe('WindowStateStore and rememberWindow', () => {
  it('writes changes after a short delay, and at once on flush', async () => {
    const path = tempFile()
    const store = new WindowStateStore(path, 20)
    store.update({ lastView: 'security' })
    expect(() => readFileSync(path)).toThrow()
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(JSON.parse(readFileSync(path, 'utf8')).lastView).toBe('security')
    store.update({ maximized: true })
    store.flush()
    expect(new WindowStateStore(path).get()).toMatchObject({ lastView: 'security', maximized: true })
  })

  it('reports a write failure instead of throwing', () => {
    const errors: unknown[] = []
    // A directory that cannot exist: its parent is a file. (Not under /proc: Node 20's recursive
    // mkdir loops forever there.)
    const file = tempFile()
    saveWindowState(file, DEFAULT_WINDOW_STATE)
    const store = new WindowStateStore(join(file, 'below-a-file', 'state.json'), 10, (e) => errors.push(e))
    store.update({ maximized: true })
    store.flush()
    expect(errors).toHaveLength(1)
  })

  it('follows a window’s size and saves when it closes', () => {
    const path = tempFile()
    const store = new WindowStateStore(path, 10_000)
    const window = new FakeBrowserWindow({ webPreferences: {} })
    rememberWindow(window, store)
    window.emit('resize')
    expect(store.get().bounds).toEqual({ x: 10, y: 20, width: 900, height: 700 })
    window.emit('close')
    expect(loadWindowState(path).bounds).toEqual({ x: 10, y: 20, width: 900, height: 700 })
  })
})
