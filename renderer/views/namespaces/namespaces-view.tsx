// The namespaces view: the PID picture, the sharing map, and who is root.
import { FreshWhenVisible } from '../../components/fresh-when-visible'
import { ViewHeader } from '../../components/view-header'
import { useSnapshot } from '../../hooks/use-snapshot'
import { PidPicture } from './pid-picture'
import { SharingMap } from './sharing-map'
import { UserNamespaces } from './user-namespaces'

export function NamespacesView(): React.JSX.Element | null {
  const snapshot = useSnapshot()
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
        <FreshWhenVisible value={snapshot}>{(s) => <PidPicture snapshot={s} />}</FreshWhenVisible>
      </section>
      <FreshWhenVisible value={snapshot}>{(s) => <UserNamespaces snapshot={s} />}</FreshWhenVisible>
    </div>
  )
}
