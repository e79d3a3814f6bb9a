// Follows a window's size, position and maximized state into the window-state store.
import type { Rectangle, WindowStateStore } from './window-state'

export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown
  isDestroyed(): boolean
  isMinimized(): boolean
  isFullScreen(): boolean
  isMaximized(): boolean
  /** The bounds the window has when neither maximized nor minimized. */
  getNormalBounds(): Rectangle
}

export function rememberWindow(window: TrackedWindow, store: WindowStateStore): void {
  const record = (): void => {
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return
    store.update({ bounds: window.getNormalBounds(), maximized: window.isMaximized() })
  }
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event, record)
  window.on('close', () => {
    record()
    store.flush()
  })
}
