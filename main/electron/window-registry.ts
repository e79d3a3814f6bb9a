// The windows this app created, by webContents id: the IPC gate trusts only these, and pushes
// go only to these.
export interface RegisteredWindow {
  webContents: { id: number }
}

export class WindowRegistry<W extends RegisteredWindow> {
  private readonly windows = new Map<number, W>()

  /** Registers the window; returns the function that forgets it (call it when the window closes). */
  add(window: W): () => void {
    const id = window.webContents.id
    this.windows.set(id, window)
    return () => {
      this.windows.delete(id)
    }
  }

  has(webContentsId: number): boolean {
    return this.windows.has(webContentsId)
  }

  all(): W[] {
    return [...this.windows.values()]
  }
}
