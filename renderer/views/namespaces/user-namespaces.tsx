// User namespaces: per container, what its uid is on the host, through its user namespace's uid
// map. Without a user namespace of its own, the map is the identity: ids mean the same inside and out.
import type { HostSnapshot, IdMapRange } from '../../../shared/model'
import { idOutside, isIdentityMap } from '../../../shared/selectors/id-maps'
import { initProcess, isHostNamespace } from '../../../shared/selectors/snapshot-index'
import { ExplainButton } from '../../explain/explain-panel'

export function UserNamespaces({ snapshot }: { snapshot: HostSnapshot }): React.JSX.Element {
  const rows = snapshot.containers
    .filter((c) => c.pid !== null)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => {
      const init = initProcess(snapshot, c)
      const hostUserNs = init ? isHostNamespace(snapshot, 'user', init.namespaces.user) : null
      const uidMap = snapshot.namespaces.find((n) => n.type === 'user' && n.inode === init?.namespaces.user)?.idMaps?.uid ?? null
      return { c, init, hostUserNs, uidMap }
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
            <th scope="col">uid map (inside → host)</th>
            <th scope="col">uid on the host</th>
            <th scope="col">what it means</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ c, init, hostUserNs, uidMap }) => (
            <tr key={c.id}>
              <th scope="row">{c.name}</th>
              <td className="mono">{init?.uid ?? '?'}</td>
              <td>
                {hostUserNs === true ? "the host's (none of its own)" : hostUserNs === false ? <>its own ({init?.namespaces.user})</> : 'unreadable'}
              </td>
              <td className="mono">{uidMap ? describeMap(uidMap) : 'not read'}</td>
              <td className="mono">{hostUid(init?.uid ?? null, hostUserNs, uidMap)}</td>
              <td>{meaning(init?.uid ?? null, hostUserNs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        The map comes from <code>/proc/&lt;pid&gt;/uid_map</code>. In the host&apos;s user namespace it is the identity (<code>0 0 4294967295</code>): ids inside
        are ids on the host. Docker uses a user namespace of its own only with <code>userns-remap</code>.
      </p>
    </section>
  )
}

function describeMap(ranges: readonly IdMapRange[]): string {
  if (isIdentityMap(ranges)) return 'identity (0 0 4294967295)'
  return ranges.map((r) => `${r.inside}→${r.outside} ×${r.count}`).join(', ')
}

function hostUid(uid: number | null, hostUserNs: boolean | null, uidMap: readonly IdMapRange[] | null): string {
  if (uid === null) return '?'
  if (uidMap) return String(idOutside(uid, uidMap) ?? 'unmapped (shows as 65534)')
  return hostUserNs === true ? String(uid) : '?'
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
