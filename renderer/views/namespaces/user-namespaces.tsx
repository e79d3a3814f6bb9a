// User namespaces: per container, what its uid is on the host, through its user namespace's uid
// map. Without a user namespace of its own, the map is the identity: ids mean the same inside and out.
import { memo, useMemo } from 'react'
import type { HostSnapshot, IdMapRange } from '../../../shared/model'
import { idOutside, isIdentityMap } from '../../../shared/selectors/id-maps'
import { namespaceKey } from '../../../shared/identity'
import { indexSnapshot, initProcess, isHostNamespace } from '../../../shared/selectors/snapshot-index'
import { ExplainButton } from '../../explain/explain-panel'

interface UserRowProps {
  name: string
  uid: number | null
  /** The init process is in the host's user namespace: true; in its own: false; unreadable: null. */
  hostUserNs: boolean | null
  userNs: number | null
  /** The uid map in words; null when it was not read. */
  mapText: string | null
  hostUidText: string
}

/** One row per running container, as plain values, so a row renders again only when they change. */
function userRows(snapshot: HostSnapshot): Array<UserRowProps & { id: string }> {
  const namespaces = indexSnapshot(snapshot).namespaceByKey
  return snapshot.containers
    .filter((c) => c.pid !== null)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => {
      const init = initProcess(snapshot, c)
      const uid = init?.uid ?? null
      const userNs = init?.namespaces.user ?? null
      const hostUserNs = init ? isHostNamespace(snapshot, 'user', init.namespaces.user) : null
      const uidMap = userNs === null ? null : (namespaces.get(namespaceKey('user', userNs))?.idMaps?.uid ?? null)
      return { id: c.id, name: c.name, uid, hostUserNs, userNs, mapText: uidMap ? describeMap(uidMap) : null, hostUidText: hostUid(uid, hostUserNs, uidMap) }
    })
}

export function UserNamespaces({ snapshot }: { snapshot: HostSnapshot }): React.JSX.Element {
  const rows = useMemo(() => userRows(snapshot), [snapshot])
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
          {rows.map((r) => (
            <UserRow key={r.id} name={r.name} uid={r.uid} hostUserNs={r.hostUserNs} userNs={r.userNs} mapText={r.mapText} hostUidText={r.hostUidText} />
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

const UserRow = memo(function UserRow({ name, uid, hostUserNs, userNs, mapText, hostUidText }: UserRowProps): React.JSX.Element {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td className="mono">{uid ?? '?'}</td>
      <td>{hostUserNs === true ? "the host's (none of its own)" : hostUserNs === false ? <>its own ({userNs})</> : 'unreadable'}</td>
      <td className="mono">{mapText ?? 'not read'}</td>
      <td className="mono">{hostUidText}</td>
      <td>{meaning(uid, hostUserNs)}</td>
    </tr>
  )
})

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
