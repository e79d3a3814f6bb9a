// The swarm's nodes: role, availability, state, engine version and manager reachability.
import type { SwarmActive } from '../../../shared/model'

export function SwarmNodes({ swarm }: { swarm: SwarmActive }): React.JSX.Element {
  return (
    <section className="panel" aria-labelledby="swarm-nodes">
      <h3 id="swarm-nodes">Nodes</h3>
      <p className="muted">
        {swarm.nodeCount ?? '?'} node{swarm.nodeCount === 1 ? '' : 's'}, {swarm.managers ?? '?'} manager{swarm.managers === 1 ? '' : 's'} · cluster <code className="swarm-node-id">{swarm.clusterId ?? '?'}</code>
        {swarm.managers === 1 && ' · one manager: if it is lost, so is the cluster state'}
      </p>
      {swarm.nodes.length === 0 ? (
        <p className="muted">Only a manager can list the nodes; this one is {swarm.isManager ? 'a manager, yet the list was not read' : 'a worker'}.</p>
      ) : (
        <table className="plain">
          <thead>
            <tr>
              <th scope="col">node</th>
              <th scope="col">role</th>
              <th scope="col">availability · state</th>
              <th scope="col">manager reachability</th>
            </tr>
          </thead>
          <tbody>
            {swarm.nodes.map((n) => (
              <tr key={n.id}>
                <th scope="row">
                  {n.hostname} {n.self && <span className="muted">(this node)</span>}
                  <div className="mono muted swarm-node-id">{n.id}</div>
                  <div className="muted swarm-node-engine">engine {n.engineVersion}</div>
                </th>
                <td>{n.role}</td>
                <td>
                  {n.availability} · {n.state}
                </td>
                <td>{n.reachability === null ? '— (worker)' : `${n.reachability}${n.leader ? ', leader' : ''}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
