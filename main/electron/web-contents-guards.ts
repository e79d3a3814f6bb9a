// Applied to every webContents the app ever creates: our page never navigates, never opens
// windows and never embeds a <webview>. Links to elsewhere are simply inert.
import type { WebContents } from 'electron'

export function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-frame-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}
