// Electron entry: app lifecycle only. Everything else lives in pure Node modules.
import { app, BrowserWindow, session } from 'electron'
import { createMainWindow } from './window-factory'

app.enableSandbox()

void app.whenReady().then(() => {
  // Glasshouse needs no camera, microphone, notifications or any other permission.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  createMainWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow()
  })
})

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault())
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
