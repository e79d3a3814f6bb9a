import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app'
import { resolveBridge } from './bridge/bridge'
import { Session } from './connection/session'
import { loadPrefs } from './hooks/use-document-prefs'
import { createAppStore } from './store/app-store'
import './styles/theme.css'
import './styles/base.css'
import './styles/shell.css'
import './styles/views.css'

const store = createAppStore()
loadPrefs(store, window)
const session = new Session(store, resolveBridge(window))
void session.start()

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App store={store} session={session} />
    </StrictMode>
  )
}
