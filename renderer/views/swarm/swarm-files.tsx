// Every secret and config the cluster holds, and which services get it where. Contents are never
// read: a secret's value is only in the raft log (encrypted) and in the tmpfs of the tasks using it.
import type { SwarmActive, SwarmObject } from '../../../shared/model'
import { usersOf } from '../../../shared/selectors/swarm'

export function SwarmFiles({ swarm }: { swarm: SwarmActive }): React.JSX.Element {
  return (
    <section className="panel swarm-grid__wide" aria-labelledby="swarm-secrets">
      <h3 id="swarm-secrets">Secrets and configs</h3>
      <p className="muted">
        Stored in the managers&apos; encrypted raft log and sent only to nodes running a task that uses them, over mutual TLS; there they are files in memory (tmpfs), never written into the image or a layer.
      </p>
      <div className="swarm-files">
        <FileTable title="secrets" objects={swarm.secrets} swarm={swarm} />
        <FileTable title="configs" objects={swarm.configs} swarm={swarm} />
      </div>
    </section>
  )
}

function FileTable({ title, objects, swarm }: { title: string; objects: SwarmObject[]; swarm: SwarmActive }): React.JSX.Element {
  return (
    <div>
      <h4>
        {objects.length} {title}
      </h4>
      {objects.length > 0 && (
        <table className="plain">
          <tbody>
            {objects.map((o) => {
              const users = usersOf(swarm, o.id)
              return (
                <tr key={o.id}>
                  <th scope="row">{o.name}</th>
                  <td>{users.length === 0 ? <span className="muted">used by no service</span> : users.map((u) => `${u.service.name} → ${u.target.target}`).join('; ')}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </div>
  )
}
