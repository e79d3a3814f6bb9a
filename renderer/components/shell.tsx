// The application shell: header, recording banner, the container list beside the current view,
// the explanation drawer and the status line.
import { ExplainPanel } from '../explain/explain-panel'
import { useDefaultSelection } from '../hooks/use-default-selection'
import { useDocumentPrefs } from '../hooks/use-document-prefs'
import { useHashRoute } from '../hooks/use-hash-route'
import { useLimitNotices } from '../hooks/use-limit-notices'
import { useSessionPrefs } from '../hooks/use-session-prefs'
import { useShortcuts } from '../hooks/use-shortcuts'
import { useSession } from '../session-context'
import { useApp } from '../store/app-store'
import { CgroupsView } from '../views/cgroups/cgroups-view'
import { CompareView } from '../views/compare/compare-view'
import { ContainerPage } from '../views/container/container-page'
import { NamespacesView } from '../views/namespaces/namespaces-view'
import { SecurityView } from '../views/security/security-view'
import { PresenterPanel } from '../views/presenter/presenter-panel'
import { useCentreSelected } from '../views/presenter/use-centre-selected'
import { usePresenterKeys } from '../views/presenter/use-presenter-keys'
import { SwarmView } from '../views/swarm/swarm-view'
import { AppHeader } from './app-header'
import { ContainerList } from './container-list'
import { DemosPanel } from './demos-panel'
import { RecordingBanner } from './recording-banner'
import { ErrorScreen, LoadingScreen } from './state-screens'
import { StatusLine } from './status-line'


export function Shell(): React.JSX.Element {
  useDocumentPrefs()
  useHashRoute()
  useShortcuts()
  useDefaultSelection()
  useLimitNotices()
  useSessionPrefs()
  const phase = useApp((s) => s.phase)
  const error = useApp((s) => s.error)
  const snapshot = useApp((s) => s.snapshot)
  const view = useApp((s) => s.view)
  const explain = useApp((s) => s.explain)
  const session = useSession()
  const presenting = useApp((s) => s.presenter !== null)
  const sidebarHidden = useApp((s) => s.sidebarHidden)
  usePresenterKeys(session?.bridge ?? null, session?.carrier)
  useCentreSelected()

  let body: React.ReactNode
  if (!snapshot && phase === 'error' && error) body = <ErrorScreen error={error} onRetry={session ? () => void session.start() : undefined} />
  else if (!snapshot) body = <LoadingScreen />
  else {
    body = (
      <div className={`workspace${presenting ? ' workspace--presenter' : ''}${presenting || sidebarHidden ? ' workspace--no-sidebar' : ''}`}>
        {!presenting && !sidebarHidden && <ContainerList />}
        <main id="view-panel" className="view" role="tabpanel" aria-labelledby={`tab-${view}`} data-export-root="">
          {view === 'namespaces' && <NamespacesView />}
          {view === 'cgroups' && <CgroupsView />}
          {view === 'security' && <SecurityView />}
          {view === 'container' && <ContainerPage />}
          {view === 'compare' && <CompareView />}
          {view === 'swarm' && <SwarmView />}
        </main>
        {explain && !presenting && <ExplainPanel />}
        {presenting && <PresenterPanel />}
      </div>
    )
  }
  return (
    <div className={`shell${presenting ? ' shell--presenter' : ''}`}>
      <AppHeader />
      <RecordingBanner />
      {body}
      <DemosPanel />
      <StatusLine />
    </div>
  )
}
