// The Security view's observed use (issue 14): for each container watched in this session, what it used of
// what it holds, most over-privileged first (most capabilities held and never used), with the suggested
// flags. Watching one container starts on its page ("Watch what it uses"); every container at once starts
// here ("Watch what every container uses"), an explicit action for a window the user chooses.
import { useState } from 'react'
import { allSummary } from '../../../shared/observe/all-summary'
import { OBSERVE_DURATIONS } from '../../../shared/observe/observe-request'
import { useSession } from '../../session-context'
import { useApp } from '../../store/app-store'
import { CopyButton } from '../container/observe-copy-button'
import { WindowCountdown } from '../../components/window-countdown'
import { useObserveStore, type ObserveAllState } from '../container/observe-store'
import '../container/observe.css'

export function ObservedUsePanel(): React.JSX.Element {
  const entries = useObserveStore((s) => s.entries)
  const results = Object.values(entries).flatMap((e) => (e.result ? [e.result] : []))
  const suggestions = new Map(results.map((r) => [r.observation.container.id, r.suggestion]))
  const rows = allSummary(results.map((r) => r.observation))
  return (
    <section className="panel" aria-labelledby="observed-title">
      <h3 id="observed-title">Held and used (observed)</h3>
      <ObserveAllAction />
      {rows.length === 0 ? (
        <p className="muted">No container watched yet. Watch every container here, or one on its page (“Watch what it uses”).</p>
      ) : (
        // A host may run dozens of containers: the table scrolls inside the panel, its header stays.
        <div className="observed-use-scroll">
          <table className="plain observed-use" aria-label="Observed capability use">
            <thead>
              <tr>
                <th scope="col">container</th>
                <th scope="col">uses</th>
                <th scope="col">holds but never used</th>
                <th scope="col">denied</th>
                <th scope="col">suggested</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const flags = suggestions.get(r.id)!.dockerRunFlags
                return (
                  <tr key={r.id}>
                    <td>{r.name}</td>
                    <td className="mono">{r.uses.length > 0 ? r.uses.join(' ') : <span className="muted">none</span>}</td>
                    <td className="mono observed-use__unused">
                      <b>{r.heldUnused.length}</b>
                      {r.heldUnused.length > 0 && (
                        <>
                          {' '}
                          <span className="muted">{r.heldUnused.join(' ')}</span>
                        </>
                      )}
                    </td>
                    <td className="mono">{r.denied.length}</td>
                    <td>
                      <div className="observe-line">
                        <code>{flags}</code>
                        <CopyButton text={`docker run ${flags}`} label={`Copy the suggested flags for ${r.name}`} />
                      </div>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

function ObserveAllAction(): React.JSX.Element {
  const session = useSession()
  const live = useApp((s) => s.source.kind === 'live')
  const all = useObserveStore((s) => s.all)
  const observeAll = useObserveStore((s) => s.observeAll)
  const [seconds, setSeconds] = useState<number>(20)
  const busy = all?.status === 'observing'
  const canObserve = session !== null && live
  return (
    <>
      <div className="observe-actions">
        <label>
          for{' '}
          <select value={seconds} onChange={(e) => setSeconds(Number(e.target.value))} disabled={busy} aria-label="How long to watch every container">
            {OBSERVE_DURATIONS.map((d) => (
              <option key={d} value={d}>
                {d} s
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" disabled={!canObserve || busy} onClick={() => session && void observeAll(session.bridge, seconds)}>
          Watch what every container uses
        </button>
        {!canObserve && <span className="muted">Only on a live host.</span>}
      </div>
      <ObserveAllStatus all={all} />
    </>
  )
}

function ObserveAllStatus({ all }: { all: ObserveAllState | null }): React.JSX.Element | null {
  if (!all) return null
  if (all.status === 'observing') {
    return (
      <p role="status" className="observe-status">
        Watching every running container for {all.seconds} s (<WindowCountdown seconds={all.seconds} />), and any that starts
        meanwhile… use them as you normally do now.
      </p>
    )
  }
  if (all.status === 'error' || !all.summary) {
    return (
      <p role="alert" className="text-risk">
        Could not watch: {all.error}
      </p>
    )
  }
  const s = all.summary
  return (
    <div className="observe-status" role="status">
      Watched {s.containers} containers together for {s.seconds.toFixed(1)} s from {new Date(s.startedAt).toLocaleTimeString()}
      {s.joined > 0 ? `, ${s.joined} of them started during the window` : ''}. Evidence from this window, to be checked (each container&apos;s page: Check it).
      {s.notes.length > 0 && (
        <details>
          <summary>Notes on the window ({s.notes.length})</summary>
          <ul>
            {s.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  )
}
