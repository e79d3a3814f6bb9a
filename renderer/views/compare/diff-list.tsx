// What changed between moment A and moment B: containers added and removed, and per container
// each change on a line of its own, tagged with its kind (limits, capabilities, namespaces …).
import { shortId } from '../../../shared/format'
import type { SnapshotDiff } from '../../../shared/selectors/snapshot-diff'
import { changeRows } from './diff-rows'

export function DiffList({ diff }: { diff: SnapshotDiff }): React.JSX.Element {
  const total = diff.added.length + diff.removed.length + diff.changed.length
  if (total === 0) {
    return (
      <p className="compare-none" role="status">
        No changes between A and B in containers, limits, capabilities, namespaces, mounts or processes.
      </p>
    )
  }
  return (
    <div className="compare-diff">
      <p className="compare-summary" role="status">
        {count(diff.added.length, 'container')} added, {count(diff.removed.length, 'container')} removed, {count(diff.changed.length, 'container')} changed.
      </p>
      {diff.added.length + diff.removed.length > 0 && (
        <ul className="compare-containers" aria-label="Containers added and removed">
          {diff.added.map((c) => (
            <li key={`+${c.id}`} className="compare-added">
              <span className="compare-sign" aria-hidden="true">+</span> <b>{c.name}</b> <span className="mono muted">{shortId(c.id)}</span> {c.image} <em>added</em>
            </li>
          ))}
          {diff.removed.map((c) => (
            <li key={`-${c.id}`} className="compare-removed">
              <span className="compare-sign" aria-hidden="true">−</span> <b>{c.name}</b> <span className="mono muted">{shortId(c.id)}</span> {c.image} <em>removed</em>
            </li>
          ))}
        </ul>
      )}
      {diff.changed.map((c) => (
        <section key={c.id} className="compare-card" aria-label={`Changes in ${c.name}`}>
          <h4>
            {c.name} <span className="mono muted">{shortId(c.id)}</span>
          </h4>
          <ul>
            {changeRows(c).map((row, i) => (
              <li key={i}>
                <span className={`compare-kind compare-kind--${row.kind}`}>{row.kind}</span>
                <span className="mono">{row.text}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  )
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}
