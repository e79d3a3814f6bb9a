// User namespaces: per container, what its uid is on the host. The snapshot does not carry uid
// maps yet; without a user namespace of its own, ids mean the same inside and out.
import type { HostSnapshot } from '../../../shared/model'
import { initProcess, isHostNamespace } from '../../../shared/selectors/snapshot-index'
import { ExplainButton } from '../../explain/explain-panel'

export function UserNamespaces({ snapshot }: { snapshot: HostSnapshot }): React.JSX.Element {
  const rows = snapshot.containers
    .filter((c) => c.pid !== null)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => {
      const init = initProcess(snapshot, c)
      const hostUserNs = init ? isHostNamespace(snapshot, 'user', init.namespaces.user) : null
      return { c, init, hostUserNs }
    })
  return (
    <section className="panel user-namespaces" aria-labelledby="userns-title">
      <header className="panel__head">
        <h3 id="userns-title">User namespaces: who is root?</h3>
        <ExplainButton concept="user-namespaces" />
      </header>
      <table className="plain">
        <thead>
          <tr>
            <th scope="col">container</th>
            <th scope="col">uid inside</th>
            <th scope="col">user namespace</th>
            <th scope="col">uid on the host</th>
            <th scope="col">what it means</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ c, init, hostUserNs }) => (
            <tr key={c.id}>
              <th scope="row">{c.name}</th>
              <td className="mono">{init?.uid ?? '?'}</td>
              <td>
                {hostUserNs === true ? "the host's (none of its own)" : hostUserNs === false ? <>its own ({init?.namespaces.user})</> : 'unreadable'}
              </td>
              <td className="mono">{hostUserNs === true ? (init?.uid ?? '?') : hostUserNs === false ? 'per its uid map' : '?'}</td>
              <td>{meaning(init?.uid ?? null, hostUserNs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        Uid maps (<code>/proc/&lt;pid&gt;/uid_map</code>) are not in this snapshot yet; every container here uses the host&apos;s user namespace, where the map is the identity
        (<code>0 0 4294967295</code>): ids inside are ids on the host.
      </p>
    </section>
  )
}

function meaning(uid: number | null, hostUserNs: boolean | null): React.ReactNode {
  if (hostUserNs === false) return 'Ids are translated by its uid map: root inside need not be root outside.'
  if (hostUserNs === null) return 'Its user namespace could not be read.'
  if (uid === 0)
    return (
      <strong className="text-risk">
        <span aria-hidden="true">▲ </span>uid 0 → 0: root in the container is root on the host.
      </strong>
    )
  return `uid ${uid} → ${uid}: an ordinary user on the host too.`
}
