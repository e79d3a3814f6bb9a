// The container page's "Mounts" section: the kernel's mount table (mountinfo) joined with what
// Docker was asked (host path of each bind), secrets and swarm configs as tmpfs files, tmpfs
// sizes and propagation, and whether each kernel file Docker masks or makes read-only is walled off.
import { formatBytes } from '../../../shared/format'
import type { ContainerInfo, SwarmState } from '../../../shared/model'
import { containerMounts, type MountRow } from '../../../shared/selectors/mounts'
import { protectedPaths, type ProtectedPath } from '../../../shared/selectors/mounts-protection'
import './mounts-section.css'

export function MountsSection({ container: c, swarm }: { container: ContainerInfo; swarm?: SwarmState }): React.JSX.Element {
  return (
    <section className="panel" aria-labelledby="c-mounts">
      <h3 id="c-mounts">Mounts</h3>
      <MountList container={c} swarm={swarm} />
      <ProtectedPaths container={c} />
    </section>
  )
}

function MountList({ container: c, swarm }: { container: ContainerInfo; swarm?: SwarmState }): React.JSX.Element {
  const { from, rows } = containerMounts(c, swarm)
  if (from === 'none') return <p className="muted">Unknown: neither the kernel&apos;s mount table nor Docker could be read.</p>
  const notable = rows.filter((r) => !r.routine)
  const routine = rows.filter((r) => r.routine)
  return (
    <div>
      <p className="muted">
        {from === 'kernel' ? "From the kernel's mount table of its main process (mountinfo), with the host paths Docker was asked to bind." : "As declared to Docker (the kernel's mount table was not read); swarm secrets do not show here."}
      </p>
      {notable.length === 0 ? (
        <p>No binds, volumes or secrets: only the image&apos;s own file system.</p>
      ) : (
        <ul className="mounts">
          {notable.map((m) => (
            <MountItem key={m.mountPoint} mount={m} />
          ))}
        </ul>
      )}
      {routine.length > 0 && (
        <details className="mounts__routine">
          <summary>
            {routine.length} routine mount{routine.length === 1 ? '' : 's'} every container has (root file system, /proc, /sys, masked paths, files Docker writes)
          </summary>
          <ul className="mounts">
            {routine.map((m) => (
              <MountItem key={m.mountPoint} mount={m} />
            ))}
          </ul>
        </details>
      )}
    </div>
  )
}

function MountItem({ mount: m }: { mount: MountRow }): React.JSX.Element {
  const kind = m.kind === 'docker-socket' ? '▲ docker socket' : m.swarmConfig ? 'config' : m.kind
  return (
    <li className={`mount mount--${m.kind}`}>
      <span className={`mount__kind mount__kind--${m.swarmConfig ? 'secret' : m.kind}`}>{kind}</span> <code>{m.mountPoint}</code>{' '}
      <span className="muted">← {m.hostPath ?? (m.source || '(anonymous)')}</span> {m.readOnly ? '· read-only' : '· writable'}
      {m.sizeBytes != null && <> · at most {formatBytes(m.sizeBytes)}</>}
      {m.propagation && m.propagation !== 'private' && !m.routine && <> · propagation {m.propagation}</>}
      <div className="muted">{m.note}</div>
    </li>
  )
}

function ProtectedPaths({ container: c }: { container: ContainerInfo }): React.JSX.Element | null {
  const paths = protectedPaths(c)
  if (paths.length === 0) {
    return c.declared?.privileged ? <p className="text-risk">▲ Privileged: Docker masks no kernel file and leaves /proc/sys writable.</p> : null
  }
  const holes = paths.filter((p) => p.holds === 'missing')
  return (
    <details className="mounts__protected">
      <summary>
        Kernel files Docker hides or makes read-only: {paths.length - holes.length} of {paths.length} walled off in the mount table
        {holes.length > 0 && `; ${holes.length} absent from it (a file this kernel lacks, or a wall missing: open to see)`}
      </summary>
      <table className="plain">
        <thead>
          <tr>
            <th scope="col">path</th>
            <th scope="col">Docker asks</th>
            <th scope="col">mount table</th>
          </tr>
        </thead>
        <tbody>
          {paths.map((p) => (
            <ProtectedRow key={`${p.wants}:${p.path}`} path={p} />
          ))}
        </tbody>
      </table>
    </details>
  )
}

function ProtectedRow({ path: p }: { path: ProtectedPath }): React.JSX.Element {
  return (
    <tr className={p.holds === 'missing' ? 'is-different' : ''}>
      <th scope="row" className="mono">
        {p.path}
      </th>
      <td>{p.wants}</td>
      <td>
        {p.holds === 'holds' ? '✓ ' : p.holds === 'missing' ? '✗ ' : '? '}
        {p.how}
      </td>
    </tr>
  )
}
