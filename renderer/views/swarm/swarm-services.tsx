// Services → tasks → containers on this node (links to their container pages), and for each task
// where its secrets and configs land, with what the container's mount table shows there.
import type { ServiceRow, TaskRow, FileDelivery } from '../../../shared/selectors/swarm'
import { modeText } from '../../../shared/selectors/swarm'
import { useApp } from '../../store/app-store'

export function SwarmServices({ services }: { services: ServiceRow[] }): React.JSX.Element {
  return (
    <section className="panel swarm-grid__wide" aria-labelledby="swarm-services">
      <h3 id="swarm-services">Services, tasks and their containers</h3>
      {services.length === 0 ? (
        <p className="muted">No services. <code>docker service create</code> starts one.</p>
      ) : (
        <ul className="swarm-services">
          {services.map((row) => (
            <ServiceItem key={row.service.id} row={row} />
          ))}
        </ul>
      )}
    </section>
  )
}

function ServiceItem({ row }: { row: ServiceRow }): React.JSX.Element {
  const s = row.service
  return (
    <li className="swarm-service">
      <div>
        <b>{s.name}</b> <span className="muted">· {s.mode}{s.replicas !== null ? ` × ${s.replicas}` : ''} · image {s.image}</span>
      </div>
      {row.tasks.length === 0 ? (
        <p className="muted">No tasks yet.</p>
      ) : (
        <ul className="swarm-tasks">
          {row.tasks.map((t) => (
            <TaskItem key={t.task.id} row={t} />
          ))}
        </ul>
      )}
    </li>
  )
}

function TaskItem({ row }: { row: TaskRow }): React.JSX.Element {
  const selectContainer = useApp((s) => s.selectContainer)
  const setView = useApp((s) => s.setView)
  // Marked like a selected container in the other views, so presenter mode highlights and centres a demo's task.
  const selected = useApp((s) => row.container !== null && row.container !== undefined && s.selectedContainerId === row.container.id)
  const t = row.task
  return (
    <li className={`swarm-task swarm-task--${t.state}${selected ? ' is-selected' : ''}`}>
      task {t.slot !== null ? `${t.slot} ` : ''}
      <span className="mono muted">{t.id.slice(0, 12)}</span> · {t.state}
      {t.desiredState !== t.state && <span className="muted"> (wanted: {t.desiredState})</span>}
      {t.message && <span className="muted"> · {t.message}</span>} →{' '}
      {row.container ? (
        <button
          type="button"
          className="link"
          onClick={() => {
            selectContainer(row.container?.id ?? null)
            setView('container')
          }}
        >
          container {row.container.name}
        </button>
      ) : t.containerId ? (
        <span className="muted">container {t.containerId.slice(0, 12)} (not on this node, or gone)</span>
      ) : (
        <span className="muted">no container yet</span>
      )}
      {row.files.length > 0 && (
        <table className="plain swarm-files-table">
          <thead>
            <tr>
              <th scope="col">file</th>
              <th scope="col">target</th>
              <th scope="col">owner, mode (asked · in the container)</th>
              <th scope="col">in the container&apos;s mount table</th>
            </tr>
          </thead>
          <tbody>
            {row.files.map((f) => (
              <FileRow key={`${f.type}:${f.target.id}:${f.target.target}`} file={f} running={row.container?.mounts != null} />
            ))}
          </tbody>
        </table>
      )}
    </li>
  )
}

function FileRow({ file: f, running }: { file: FileDelivery; running: boolean }): React.JSX.Element {
  return (
    <tr>
      <th scope="row">
        {f.type} <b>{f.target.name}</b>
      </th>
      <td>
        <code>{f.target.target}</code>
      </td>
      <td className="nowrap">
        uid {f.target.uid} gid {f.target.gid} · <span className="mono">{modeText(f.target.mode)}</span>
        <div className="muted">
          {f.stat ? (
            <>
              {sameAsAsked(f) ? '✓ ' : '≠ '}uid {f.stat.uid} gid {f.stat.gid} · <span className="mono">{modeText(f.stat.mode)}</span> · {f.stat.sizeBytes} B
            </>
          ) : (
            'not read from the container'
          )}
        </div>
      </td>
      <td>
        {f.kernel ? (
          <>
            {f.kernel.fsType === 'tmpfs' ? '✓ a tmpfs file (memory, never on disk nor in the image)' : `${f.kernel.fsType}`}
            {f.kernel.readOnly ? ', read-only' : ', writable'}
            {f.kernel.byId && <span className="muted"> · its mount names the {f.type}&apos;s id</span>}
          </>
        ) : (
          <span className="muted">{running ? 'not mounted there' : 'not on this node, or not read'}</span>
        )}
        {f.alsoInEnv && <div className="text-risk">▲ also the environment variable {f.alsoInEnv}</div>}
      </td>
    </tr>
  )
}

function sameAsAsked(f: FileDelivery): boolean {
  return f.stat !== null && String(f.stat.uid) === f.target.uid && String(f.stat.gid) === f.target.gid && f.stat.mode === f.target.mode
}
