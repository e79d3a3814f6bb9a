// Findings: risky settings and declared-vs-enforced differences, most severe first, each with
// one sentence on why it matters. Across containers, the same finding is one entry naming
// every container it applies to; low-severity ones are folded until asked for.
import { useState } from 'react'
import type { HostSnapshot } from '../../../shared/model'
import { countBySeverity, SEVERITIES, type Finding } from '../../../shared/selectors/findings'
import { SeverityTag } from '../../components/severity-tag'
import { selectFindings } from '../../selectors/derived'
import { useApp } from '../../store/app-store'

const CONTAINERS_SHOWN = 12

export interface FindingGroup {
  key: string
  finding: Finding
  containers: Array<{ id: string; name: string }>
}

/** Findings that say the same thing about several containers, as one entry each. */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>()
  for (const f of findings) {
    const key = [f.severity, f.kind, f.title, f.why, f.declared, f.enforced, f.evidence].join('|')
    const group = groups.get(key)
    if (group) group.containers.push({ id: f.containerId, name: f.containerName })
    else groups.set(key, { key, finding: f, containers: [{ id: f.containerId, name: f.containerName }] })
  }
  return [...groups.values()]
}

export function FindingsList({ snapshot, containerId = null }: { snapshot: HostSnapshot; containerId?: string | null }): React.JSX.Element {
  const selected = useApp((s) => s.selectedContainerId)
  const select = useApp((s) => s.selectContainer)
  const [scope, setScope] = useState<'all' | 'selected'>(containerId ? 'selected' : 'all')
  const [showLow, setShowLow] = useState(containerId !== null)
  const all = selectFindings(snapshot)
  const focus = containerId ?? selected
  const findings = scope === 'selected' && focus ? all.filter((f) => f.containerId === focus) : all
  const counts = countBySeverity(findings)
  const groups = groupFindings(findings)
  const visible = showLow ? groups : groups.filter((g) => g.finding.severity !== 'low')
  const foldedLow = groups.length - visible.length
  return (
    <div className="findings">
      <div className="findings__tools">
        <p className="findings__counts" aria-live="polite">
          {SEVERITIES.map((s) => (
            <span key={s}>
              <SeverityTag severity={s} /> {counts[s]}
            </span>
          ))}
        </p>
        {!containerId && (
          <div className="segmented" role="group" aria-label="Findings of">
            <button type="button" aria-pressed={scope === 'all'} onClick={() => setScope('all')}>
              All containers
            </button>
            <button type="button" aria-pressed={scope === 'selected'} onClick={() => setScope('selected')} disabled={!selected}>
              Selected only
            </button>
          </div>
        )}
      </div>
      {findings.length === 0 ? (
        <p className="muted">Nothing to report{scope === 'selected' ? ' for this container' : ''}.</p>
      ) : (
        <ul className="findings__list">
          {visible.map((g) => (
            <FindingItem key={g.key} group={g} showContainers={!containerId} selected={selected} onSelect={select} />
          ))}
        </ul>
      )}
      {(foldedLow > 0 || showLow) && counts.low > 0 && (
        <button type="button" className="link findings__more" onClick={() => setShowLow(!showLow)} aria-expanded={showLow}>
          {showLow ? 'Hide the low-severity findings' : `Show ${counts.low} low-severity finding${counts.low === 1 ? '' : 's'} (${foldedLow} kind${foldedLow === 1 ? '' : 's'})`}
        </button>
      )}
    </div>
  )
}

function FindingItem({ group, showContainers, selected, onSelect }: { group: FindingGroup; showContainers: boolean; selected: string | null; onSelect: (id: string) => void }): React.JSX.Element {
  const f = group.finding
  return (
    <li className={`finding finding--${f.severity}`}>
      <div className="finding__head">
        <SeverityTag severity={f.severity} />
        <strong className="finding__title">{f.title}</strong>
        {showContainers && (
          <span className="finding__containers">
            {group.containers.slice(0, CONTAINERS_SHOWN).map((c) => (
              <button key={c.id} type="button" className={`link${c.id === selected ? ' is-current' : ''}`} onClick={() => onSelect(c.id)} aria-label={`Select ${c.name}`}>
                {c.name}
              </button>
            ))}
            {group.containers.length > CONTAINERS_SHOWN && <span className="muted">and {group.containers.length - CONTAINERS_SHOWN} more</span>}
          </span>
        )}
      </div>
      <p className="finding__why">{f.why}</p>
      {f.evidence && <p className="finding__compare mono">{f.evidence}</p>}
      {(f.declared !== undefined || f.enforced !== undefined) && (
        <p className="finding__compare">
          <span>
            declared: <code>{f.declared ?? '—'}</code>
          </span>{' '}
          <span>
            kernel enforces: <code>{f.enforced ?? '—'}</code>
          </span>
        </p>
      )}
    </li>
  )
}
