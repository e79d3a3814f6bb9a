// The Swarm view: the nodes, the cluster's security posture (mutual TLS with this node's certificate
// expiry, root CA rotation, autolock, raft encryption at rest), services → tasks → containers on
// this node, and where each secret and config lands, proven from the container's mount table.
import type { HostSnapshot, SwarmActive, SwarmState } from '../../../shared/model'
import { swarmServices } from '../../../shared/selectors/swarm'
import { EmptyNote } from '../../components/state-screens'
import { ViewHeader } from '../../components/view-header'
import { useSnapshot } from '../../hooks/use-snapshot'
import { SwarmFiles } from './swarm-files'
import { SwarmNodes } from './swarm-nodes'
import { SwarmPosturePanel } from './swarm-posture'
import { SwarmServices } from './swarm-services'
import './swarm.css'

export function SwarmView(): React.JSX.Element | null {
  const snapshot = useSnapshot()
  if (!snapshot) return null
  const swarm = snapshot.swarm
  return (
    <div className="view-body swarm-view">
      <ViewHeader
        title="Swarm"
        lead="Docker's orchestrator: nodes that trust each other through mutual TLS, services run as tasks, secrets delivered as in-memory files."
        concepts={['swarm']}
      />
      {swarm?.state === 'active' ? <ActiveSwarm snapshot={snapshot} swarm={swarm} /> : <NotInSwarm swarm={swarm} snapshot={snapshot} />}
    </div>
  )
}

function ActiveSwarm({ snapshot, swarm }: { snapshot: HostSnapshot; swarm: SwarmActive }): React.JSX.Element {
  const services = swarmServices(snapshot, swarm)
  return (
    <div className="swarm-grid">
      {swarm.problems.length > 0 && (
        <div className="problems swarm-grid__wide" role="note">
          <b>Could not read everything:</b>
          <ul>
            {swarm.problems.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        </div>
      )}
      <SwarmPosturePanel swarm={swarm} takenAt={snapshot.takenAt} />
      <SwarmNodes swarm={swarm} />
      <SwarmServices services={services} />
      <SwarmFiles swarm={swarm} />
    </div>
  )
}

function NotInSwarm({ swarm, snapshot }: { swarm: Exclude<SwarmState, SwarmActive> | undefined; snapshot: HostSnapshot }): React.JSX.Element {
  if (!snapshot.engine.reachable) return <EmptyNote>Docker could not be reached, so whether this engine is in a swarm is unknown.</EmptyNote>
  if (!swarm) return <EmptyNote>This snapshot says nothing about a swarm (the engine was not asked, or it was taken by an older Glasshouse).</EmptyNote>
  return (
    <section className="panel swarm-absent" aria-labelledby="swarm-absent">
      <h3 id="swarm-absent">{swarm.state === 'locked' ? 'This node is locked' : 'This engine is not in a swarm'}</h3>
      {swarm.state === 'locked' ? (
        <p>
          Autolock is on and the daemon restarted: its raft keys stay encrypted until someone runs <code>docker swarm unlock</code> with the unlock key. Until then this node takes part in nothing.
        </p>
      ) : (
        <>
          <p>
            Swarm mode (state: {swarm.state}{swarm.error ? `, ${swarm.error}` : ''}) turns Docker engines into a cluster: managers keep the cluster state in an encrypted raft log, every node gets a
            certificate from the swarm's own CA and talks to the others over mutual TLS, and services get secrets as files in memory under <code>/run/secrets</code>.
          </p>
          <p>To try it on this single host (it makes this engine a manager of a one-node swarm; <code>docker swarm leave --force</code> undoes it):</p>
          <pre className="swarm-command">docker swarm init --advertise-addr 127.0.0.1</pre>
        </>
      )}
    </section>
  )
}
