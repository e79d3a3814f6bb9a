// The cluster's security posture as the talk names it: mutual TLS and this node's certificate,
// the root CA and its rotation, autolock, and raft encryption at rest, each with its source.
import type { SwarmActive } from '../../../shared/model'
import { daysBetween, durationText } from '../../../shared/selectors/swarm'

export function SwarmPosturePanel({ swarm, takenAt }: { swarm: SwarmActive; takenAt: string }): React.JSX.Element {
  const p = swarm.posture
  const certDays = p.nodeCert ? daysBetween(takenAt, p.nodeCert.notAfter) : null
  return (
    <section className="panel" aria-labelledby="swarm-posture">
      <h3 id="swarm-posture">Security posture</h3>
      <table className="plain swarm-posture">
        <tbody>
          <tr>
            <th scope="row">mutual TLS</th>
            <td>
              ✓ always on between nodes: each node proves itself with a certificate signed by the swarm&apos;s CA.
              {p.nodeCert ? (
                <div>
                  This node&apos;s certificate expires <b>{p.nodeCert.notAfter.slice(0, 10)}</b> (in {certDays} days; renewed automatically before then).
                  <div className="muted">
                    {p.nodeCert.subject} · from {p.nodeCert.path}
                  </div>
                </div>
              ) : (
                <div className="muted">This node&apos;s certificate: not read ({p.certProblem}).</div>
              )}
              {p.nodeCertValiditySeconds !== null && (
                <div className="muted">Certificates are issued for {durationText(p.nodeCertValiditySeconds)} (docker info: CA Configuration, Expiry Duration).</div>
              )}
            </td>
          </tr>
          <tr>
            <th scope="row">root CA</th>
            <td>
              {p.externalCas > 0 ? `${p.externalCas} external CA${p.externalCas === 1 ? '' : 's'}` : 'the swarm’s own CA'}
              {p.rootCaNotAfter && <>, valid until {p.rootCaNotAfter.slice(0, 10)}</>} ·{' '}
              {p.rootRotationInProgress ? <b>a root rotation is in progress</b> : 'no rotation in progress'}
              {p.forceRotate ? ` · rotated by force ${p.forceRotate} time${p.forceRotate === 1 ? '' : 's'}` : ''}
            </td>
          </tr>
          <tr>
            <th scope="row">autolock</th>
            <td>
              {p.autolock === null ? (
                'unknown'
              ) : p.autolock ? (
                <>✓ on: after a restart a manager needs the unlock key before it can decrypt its raft log.</>
              ) : (
                <span className="text-risk">▲ off: the key that decrypts the raft log (with every secret) sits on each manager&apos;s disk. <code>docker swarm update --autolock=true</code></span>
              )}
            </td>
          </tr>
          <tr>
            <th scope="row">raft at rest</th>
            <td>
              {p.raftEncrypted === null ? 'unknown' : p.raftEncrypted ? '✓ encrypted' : <span className="text-risk">▲ not encrypted</span>}
              <div className="muted">{p.raftEvidence}</div>
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  )
}
