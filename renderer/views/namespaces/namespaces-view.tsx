// The namespaces view: the PID picture, the sharing map, and who is root.
import { FreshWhenVisible } from '../../components/fresh-when-visible'
import { ViewHeader } from '../../components/view-header'
import { useAfterFirstPaint } from '../../hooks/use-after-first-paint'
import { useSnapshot } from '../../hooks/use-snapshot'
import { PidPicture } from './pid-picture'
import { SharingMap } from './sharing-map'
import { UserNamespaces } from './user-namespaces'

export function NamespacesView(): React.JSX.Element | null {
  const snapshot = useSnapshot()
  // The sharing map fills the first screen; the PID picture and the user namespaces below it are drawn
  // in the frame after, so the first frame holds only what is seen.
  const belowFold = useAfterFirstPaint()
  if (!snapshot) return null
  return (
    <div className="view-body">
      <ViewHeader
        title="Namespaces"
        lead="What each process can see. Every container process has two PIDs: the host's and its own; namespaces shared with the host or another container stand out."
        concepts={['namespaces', 'pid-namespaces']}
      />
      <section aria-labelledby="sharing-title" className="view-section">
        <h3 id="sharing-title">Who shares which namespace</h3>
        <FreshWhenVisible value={snapshot}>{(s) => <SharingMap snapshot={s} />}</FreshWhenVisible>
      </section>
      <section aria-labelledby="pid-title" className="view-section">
        <h3 id="pid-title">The PID picture</h3>
        {belowFold ? <FreshWhenVisible value={snapshot}>{(s) => <PidPicture snapshot={s} />}</FreshWhenVisible> : <div className="below-fold-placeholder" />}
      </section>
      {belowFold && <FreshWhenVisible value={snapshot}>{(s) => <UserNamespaces snapshot={s} />}</FreshWhenVisible>}
    </div>
  )
}
