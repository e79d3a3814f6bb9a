// The Security view's column of observed use (issue 14): for each container watched in this session,
// how many of the capabilities it holds it used, and the suggested flags. Watching starts on the
// container page ("Watch what it uses").
import type { HostSnapshot } from '../../../shared/model'
import { observationCounts } from '../../../shared/observe/observation-view'
import { useObserveStore } from '../container/observe-store'
import { CopyButton } from '../container/observe-copy-button'
import '../container/observe.css'

export function ObservedUsePanel({ snapshot }: { snapshot: HostSnapshot }): React.JSX.Element {
  const entries = useObserveStore((s) => s.entries)
  const rows = snapshot.containers.filter((c) => entries[c.id]?.result)
  return (
    <section className="panel" aria-labelledby="observed-title">
      <h3 id="observed-title">Held and used (observed)</h3>
      {rows.length === 0 ? (
        <p className="muted">No container watched yet. On a container&apos;s page, “Watch what it uses” records which of its capabilities it really uses.</p>
      ) : (
        <table className="plain" aria-label="Observed capability use">
          <thead>
            <tr>
              <th scope="col">container</th>
              <th scope="col">held</th>
              <th scope="col">used</th>
              <th scope="col">denied</th>
              <th scope="col">suggested</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => {
              const { observation, suggestion } = entries[c.id]!.result!
              const n = observationCounts(observation)
              const used = observation.capabilities.filter((x) => x.verdict === 'used').map((x) => x.name.replace(/^CAP_/, ''))
              const flags = suggestion.dockerRunFlags
              return (
                <tr key={c.id}>
                  <td>{c.name}</td>
                  <td className="mono">{n.held}</td>
                  <td className="mono">
                    {n.used}
                    {used.length > 0 ? ` (${used.join(', ')})` : ''}
                  </td>
                  <td className="mono">{n.denied}</td>
                  <td>
                    <div className="observe-line">
                      <code>{flags}</code>
                      <CopyButton text={`docker run ${flags}`} label={`Copy the suggested flags for ${c.name}`} />
                    </div>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </section>
  )
}
