// The header: the name, the view tabs (arrow keys move between them), and the tools.
import { useRef } from 'react'
import { useSession } from '../session-context'
import { useApp, useAppStore } from '../store/app-store'
import { leavePresenter } from '../views/presenter/presenter-actions'
import { VIEW_IDS, VIEW_LABELS, type ViewId } from '../store/ui-slice'
import { ExportMenu } from './export-menu'
import { RecordButton } from './record-button'
import { RecordingsMenu } from './recordings-menu'

export function AppHeader(): React.JSX.Element {
  const view = useApp((s) => s.view)
  const setView = useApp((s) => s.setView)
  const theme = useApp((s) => s.theme)
  const setTheme = useApp((s) => s.setTheme)
  const textSize = useApp((s) => s.textSize)
  const setTextSize = useApp((s) => s.setTextSize)
  const tabsRef = useRef<HTMLDivElement>(null)
  const presenting = useApp((s) => s.presenter !== null)
  const sidebarHidden = useApp((s) => s.sidebarHidden)
  const setSidebarHidden = useApp((s) => s.setSidebarHidden)
  const demosOpen = useApp((s) => s.demosOpen)
  const setDemosOpen = useApp((s) => s.setDemosOpen)
  const store = useAppStore()
  const session = useSession()
  const leave = async (): Promise<void> => {
    if (session) await leavePresenter(store, session.bridge)
    else store.getState().stopPresenter()
  }

  const onTabKey = (e: React.KeyboardEvent): void => {
    const i = VIEW_IDS.indexOf(view)
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? VIEW_IDS.length - 1 : null
    if (next === null) return
    e.preventDefault()
    const id = VIEW_IDS[(next + VIEW_IDS.length) % VIEW_IDS.length] as ViewId
    setView(id)
    tabsRef.current?.querySelector<HTMLElement>(`#tab-${id}`)?.focus()
  }

  return (
    <header className="app-header">
      <h1 className="app-header__brand">
        <span aria-hidden="true" className="app-header__logo">
          ▦
        </span>{' '}
        Glasshouse
      </h1>
      <div className="app-header__tabs" role="tablist" aria-label="Views" ref={tabsRef} onKeyDown={onTabKey}>
        {VIEW_IDS.map((id, i) => (
          <button
            key={id}
            id={`tab-${id}`}
            type="button"
            role="tab"
            aria-selected={view === id}
            aria-controls="view-panel"
            tabIndex={view === id ? 0 : -1}
            title={`${VIEW_LABELS[id]} (key ${i + 1})`}
            onClick={() => setView(id)}
          >
            {VIEW_LABELS[id]}
          </button>
        ))}
      </div>
      <div className="app-header__tools">
        {!presenting && (
          <button type="button" aria-pressed={sidebarHidden} onClick={() => setSidebarHidden(!sidebarHidden)} title="Hide or show the container list">
            {sidebarHidden ? 'Show list' : 'Hide list'}
          </button>
        )}
        {!presenting && (
          <button type="button" aria-expanded={demosOpen} onClick={() => setDemosOpen(!demosOpen)} title="Classroom demos, guided in presenter mode (key d)">
            Demos
          </button>
        )}
        {presenting && (
          <button type="button" onClick={() => void leave()} title="Leave the demo (Escape): its containers are removed">
            Leave demo
          </button>
        )}
        {!presenting && <RecordButton />}
        {!presenting && <RecordingsMenu />}
        {!presenting && <ExportMenu />}
        {!presenting && (
        <button type="button" aria-pressed={textSize === 'presenter'} onClick={() => setTextSize(textSize === 'presenter' ? 'normal' : 'presenter')} title="Larger text for a projector">
          Presenter
        </button>
        )}
        <button type="button" onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')} aria-label={`Switch to the ${theme === 'dark' ? 'light' : 'dark'} theme`}>
          {theme === 'dark' ? '☀ Light' : '☾ Dark'}
        </button>
      </div>
    </header>
  )
}
