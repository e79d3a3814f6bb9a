// The application: the store and the session handed down by context, and the shell.
import { Shell } from './components/shell'
import type { Session } from './connection/session'
import { SessionContext } from './session-context'
import { StoreContext, type AppStore } from './store/app-store'

export function App({ store, session }: { store: AppStore; session: Session | null }): React.JSX.Element {
  return (
    <StoreContext.Provider value={store}>
      <SessionContext.Provider value={session}>
        <Shell />
      </SessionContext.Provider>
    </StoreContext.Provider>
  )
}
