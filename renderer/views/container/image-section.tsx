// The container page's "Image" section: what its image is made of (docker history: the build steps
// with size and age, the RootFS layer digests, the total), tag and digest, what can be said about
// content trust, and on request what the container changed against its image.
import { useState } from 'react'
import { formatBytes, shortId } from '../../../shared/format'
import type { ContainerChanges, ContainerInfo } from '../../../shared/model'
import { changeCounts, changeRows, imageSummary, type ImageSummary } from '../../../shared/selectors/image'
import { useSession } from '../../session-context'
import './image-section.css'

/** `takenAt`: the snapshot's time, from which the steps' ages are counted. */
export function ImageSection({ container: c, takenAt }: { container: ContainerInfo; takenAt: string }): React.JSX.Element {
  const summary = imageSummary(c)
  return (
    <section className="panel container-grid__wide" aria-labelledby="c-image">
      <h3 id="c-image">Image</h3>
      {summary ? <ImageFacts summary={summary} takenAt={takenAt} /> : <p className="muted">{c.imageDetails === null ? "The image's details could not be read (see the problems above)." : 'Not read: the engine was not asked, or this snapshot is older than image details.'}</p>}
      <Changes container={c} />
    </section>
  )
}

function ImageFacts({ summary: s, takenAt }: { summary: ImageSummary; takenAt: string }): React.JSX.Element {
  const d = s.details
  const now = Date.parse(takenAt)
  return (
    <div>
      <table className="plain image-facts">
        <tbody>
          <tr>
            <th scope="row">image</th>
            <td>
              <code>{d.reference.text || '?'}</code> · id <code title={d.id}>{shortId(d.id.replace(/^sha256:/, ''))}</code>
              {d.tags.length > 0 ? <> · tags {d.tags.join(', ')}</> : ' · no tag points at it any more'}
            </td>
          </tr>
          <tr>
            <th scope="row">digest</th>
            <td>{d.repoDigests.length > 0 ? d.repoDigests.map((x) => <code key={x}>{x}</code>) : 'none: never pushed to or pulled from a registry'}</td>
          </tr>
          <tr>
            <th scope="row">size</th>
            <td>
              {formatBytes(d.sizeBytes)} in {d.layers.length} layer{d.layers.length === 1 ? '' : 's'}
              {s.historyBytes !== d.sizeBytes && <span className="muted"> (the steps below add up to {formatBytes(s.historyBytes)}: some were built elsewhere)</span>}
            </td>
          </tr>
          <tr>
            <th scope="row">content trust</th>
            <td>{s.trust.sentence}</td>
          </tr>
        </tbody>
      </table>
      <table className="plain image-steps" aria-label="Build steps, newest first">
        <thead>
          <tr>
            <th scope="col">step (newest first)</th>
            <th scope="col">size</th>
            <th scope="col">age</th>
            <th scope="col">layer</th>
          </tr>
        </thead>
        <tbody>
          {s.steps.map((step, i) => (
            <tr key={i} className={step.metadataOnly ? 'image-steps__meta' : ''}>
              <td className="image-steps__instruction">
                <code>{step.instruction}</code>
              </td>
              <td className="nowrap">{formatBytes(step.sizeBytes)}</td>
              <td className="nowrap">{step.createdAt ? age(now - Date.parse(step.createdAt)) : '?'}</td>
              <td className="mono nowrap">{step.layer ? <span title={step.layer}>{step.layer.slice(7, 19)}</span> : step.metadataOnly ? 'metadata' : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!s.layersMatched && (
        <p className="muted">
          Layers (bottom first): {d.layers.map((l) => l.slice(7, 19)).join(', ')}: the steps could not be matched to them one by one.
        </p>
      )}
    </div>
  )
}

function Changes({ container: c }: { container: ContainerInfo }): React.JSX.Element {
  const session = useSession()
  const [asked, setAsked] = useState<{ id: string; changes: ContainerChanges } | { id: string; error: string } | { id: string; busy: true } | null>(null)
  const mine = asked?.id === c.id ? asked : null
  const changes = mine && 'changes' in mine ? mine.changes : (c.changes ?? null)
  const ask = (): void => {
    if (!session) return
    setAsked({ id: c.id, busy: true })
    void session.bridge.invoke('container:changes', c.id).then((result) => {
      setAsked(result.ok ? { id: c.id, changes: result.value } : { id: c.id, error: result.error.message })
    })
  }
  return (
    <div className="image-changes">
      <h4>What it changed since it started</h4>
      <p className="muted">
        Files added, changed or deleted in its writable layer, against its image. The daemon walks the layer to answer, so it is asked only on request.{' '}
        <button type="button" onClick={ask} disabled={!session || (mine !== null && 'busy' in mine)}>
          {changes ? 'Read again' : 'Read its changes'}
        </button>
      </p>
      {mine && 'error' in mine && <p className="text-risk">Could not read them: {mine.error}</p>}
      {changes && <ChangeList changes={changes} container={c} />}
    </div>
  )
}

function ChangeList({ changes, container }: { changes: ContainerChanges; container: ContainerInfo }): React.JSX.Element {
  const rows = changeRows(changes, container.mounts)
  const counts = changeCounts(rows)
  return (
    <div>
      <p>
        {counts.added} added · {counts.modified} changed · {counts.deleted} deleted
        {changes.upperDir && <> · {formatBytes(counts.bytes)} in files</>}
        {counts.mountPoints > 0 && <span className="muted"> · and {counts.mountPoints} empty mount point{counts.mountPoints === 1 ? '' : 's'} runc made to mount something on</span>}
        {changes.problem && <span className="muted"> · {changes.problem}</span>}
      </p>
      {rows.length > 0 && (
        <ul className="change-list" aria-label="Changes against the image">
          {rows.map((x) => (
            <li key={x.path} className={`change change--${x.kind}${x.forMount ? ' change--mount' : ''}`}>
              <span className="change__kind">{x.kind === 'added' ? 'A' : x.kind === 'deleted' ? 'D' : 'C'}</span> <code>{x.path}</code>
              {x.forMount ? <span className="muted"> mount point</span> : x.sizeBytes !== null && <span className="muted"> {formatBytes(x.sizeBytes)}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

function age(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000))
  if (minutes < 1) return 'just now'
  if (minutes < 60) return `${minutes} min ago`
  const hours = Math.round(minutes / 60)
  if (hours < 48) return `${hours} h ago`
  const days = Math.round(hours / 24)
  return days < 60 ? `${days} days ago` : `${Math.round(days / 30)} months ago`
}
