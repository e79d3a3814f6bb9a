// One process's five capability sets, every capability with one sentence on what it unlocks.
import { useState } from 'react'
import { CAPABILITY_SETS, type HostSnapshot } from '../../../shared/model'
import { CAPABILITY_GROUP_LABEL, CAPABILITY_SET_MEANING, processCapabilityTable } from '../../../shared/selectors/capability-matrix'
import { processKey } from '../../../shared/identity'
import { initProcess, processesOf } from '../../../shared/selectors/snapshot-index'
import { useSelectedContainer } from '../../hooks/use-snapshot'
import { useApp } from '../../store/app-store'

export function ProcessCapabilities({ snapshot }: { snapshot: HostSnapshot }): React.JSX.Element {
  const container = useSelectedContainer()
  const selectedKey = useApp((s) => s.selectedProcessKey)
  const selectProcess = useApp((s) => s.selectProcess)
  const [onlyHeld, setOnlyHeld] = useState(false)
  if (!container) return <p className="muted">Select a container to see the capability sets of its processes.</p>
  const processes = processesOf(snapshot, container.id)
  const init = initProcess(snapshot, container)
  const process = processes.find((p) => processKey(p) === selectedKey) ?? init
  if (!process) return <p className="muted">{container.name} is not running: it has no processes, so no capability sets.</p>
  const table = processCapabilityTable(process)
  const shown = onlyHeld ? table.filter((r) => CAPABILITY_SETS.some((s) => r.sets[s])) : table
  return (
    <div className="process-caps">
      <div className="process-caps__tools">
        <label>
          Process{' '}
          <select value={processKey(process)} onChange={(e) => selectProcess(e.target.value)}>
            {processes.map((p) => (
              <option key={processKey(p)} value={processKey(p)}>
                {p.comm} — host PID {p.pid}
                {p.nspid.length > 1 ? `, PID ${p.nspid.at(-1)} inside` : ''}
                {p.uid !== null ? `, uid ${p.uid}` : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={onlyHeld} onChange={(e) => setOnlyHeld(e.target.checked)} /> only capabilities in some set
        </label>
      </div>
      <table className="plain process-caps__table">
        <caption className="visually-hidden">Capability sets of {process.comm} (host PID {process.pid})</caption>
        <thead>
          <tr>
            <th scope="col">capability</th>
            {CAPABILITY_SETS.map((s) => (
              <th key={s} scope="col" title={CAPABILITY_SET_MEANING[s]} className="process-caps__set">
                {s}
              </th>
            ))}
            <th scope="col">Docker default</th>
            <th scope="col">what it unlocks</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r, i) => {
            const header = i === 0 || shown[i - 1]?.cap.group !== r.cap.group
            return [
              header ? (
                <tr key={`g-${r.cap.group}`} className="process-caps__group">
                  <th colSpan={CAPABILITY_SETS.length + 3} scope="rowgroup">
                    {CAPABILITY_GROUP_LABEL[r.cap.group]}
                  </th>
                </tr>
              ) : null,
              <tr key={r.cap.name} className={r.sets.effective ? 'is-effective' : ''}>
                <th scope="row" className="mono">
                  {r.cap.name.replace(/^CAP_/, '')}
                </th>
                {CAPABILITY_SETS.map((s) => (
                  <td key={s} className={`process-caps__mark${r.sets[s] ? ' is-on' : ''}`}>
                    {r.sets[s] ? <span aria-label={`in ${s}`}>✓</span> : <span aria-label={`not in ${s}`}>·</span>}
                  </td>
                ))}
                <td>{r.inDefault ? 'yes' : <span className="muted">no</span>}</td>
                <td>{r.cap.summary}</td>
              </tr>
            ]
          })}
        </tbody>
      </table>
      <dl className="process-caps__meanings">
        {CAPABILITY_SETS.map((s) => (
          <div key={s}>
            <dt>{s}</dt>
            <dd>{CAPABILITY_SET_MEANING[s]}</dd>
          </div>
        ))}
      </dl>
    </div>
  )
}
