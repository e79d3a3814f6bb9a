// A stand-in for the parts of Electron the main process touches, recording what was done.
// (Electron's binary cannot be downloaded here; importing the real module would try to.)
import { EventEmitter } from 'node:events'
import { vi } from 'vitest'

export class FakeWebContents extends EventEmitter {
  static nextId = 1
  readonly id = FakeWebContents.nextId++
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  url = ''
  sent: [string, unknown][] = []
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload])
  }
  isDestroyed(): boolean {
    return false
  }
  getURL(): string {
    return this.url
  }
  loadURL = vi.fn(async (url: string) => {
    this.url = url
  })
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = []
  static getFocusedWindow = vi.fn((): FakeBrowserWindow | null => null)
  readonly webContents = new FakeWebContents()
  loadedFile: string | null = null
  loadOptions: unknown = null
  loadedUrl: string | null = null
  constructor(readonly options: Record<string, unknown> & { webPreferences: Record<string, unknown> }) {
    super()
    FakeBrowserWindow.created.push(this)
  }
  async loadFile(file: string, options?: { hash?: string }): Promise<void> {
    this.loadedFile = file
    this.loadOptions = options ?? null
    this.webContents.url = `file://${file}${options?.hash ? `#${options.hash}` : ''}`
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url
    this.webContents.url = url
  }
  show = vi.fn()
  maximize = vi.fn()
  isDestroyed = (): boolean => false
  isMinimized = (): boolean => false
  isFullScreen = (): boolean => false
  isMaximized = (): boolean => false
  getNormalBounds = (): { x: number; y: number; width: number; height: number } => ({ x: 10, y: 20, width: 900, height: 700 })
}

export function fakeSession() {
  return {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onHeadersReceived: vi.fn() }
  }
}

/** The preventDefault-able event Electron passes to will-navigate and friends. */
export function cancellable(): { preventDefault: () => void; prevented: boolean } {
  const e = {
    prevented: false,
    preventDefault: () => {
      e.prevented = true
    }
  }
  return e
}
