// The selected capability: what it unlocks, whether Docker grants it by default, and which
// containers hold it.
import { capabilityByName, DOCKER_DEFAULT_CAPS } from '../../../shared/capabilities'
import type { HostSnapshot } from '../../../shared/model'
import { selectCapabilityMatrix } from '../../selectors/derived'
import { useApp } from '../../store/app-store'

export function CapabilityDetail({ snapshot }: { snapshot: HostSnapshot }): React.JSX.Element {
  const selected = useApp((s) => s.selectedCapability)
  const cap = selected ? capabilityByName(selected) : undefined
  if (!cap) {
    return <p className="muted cap-detail">Select a capability name in the matrix (or focus it and use the arrow keys) to read what it unlocks and who holds it.</p>
  }
  const rows = selectCapabilityMatrix(snapshot).filter((r) => r.running)
  const held = rows.filter((r) => r.cells.find((c) => c.cap === cap.name)?.bounding)
  const dropped = rows.filter((r) => r.cells.find((c) => c.cap === cap.name)?.status === 'dropped')
  const inDefault = DOCKER_DEFAULT_CAPS.includes(cap.name)
  return (
    <div className="cap-detail" aria-live="polite">
      <h4>
        <span className="mono">{cap.name}</span> <span className="muted">· bit {cap.bit} · {cap.group}</span>
      </h4>
      <p className="cap-detail__summary">{cap.summary}</p>
      <p>
        {inDefault ? "In Docker's default set: containers get it unless it is dropped." : "Not in Docker's default set: a container has it only with --cap-add or --privileged."}
      </p>
      <p>
        Held by: {held.length ? held.map((r) => r.name).join(', ') : 'no running container'}
        {dropped.length > 0 && <> · dropped by: {dropped.map((r) => r.name).join(', ')}</>}
      </p>
    </div>
  )
}
