// What the step points at, for the selected container, in words large enough for a room: its
// capabilities against Docker's default (the matrix's labels are small and turned), its seccomp mode,
// its PIDs, its user, its limits. Read from the live snapshot, like the views beside it.
import { DOCKER_DEFAULT_CAPS } from '../../../shared/capabilities'
import type { ViewId } from '../../../shared/views'
import { formatBytes } from '../../../shared/format'
import { initProcess } from '../../../shared/selectors/snapshot-index'
import { useApp } from '../../store/app-store'

const short = (cap: string): string => cap.replace(/^CAP_/, '')

export function FocusFacts({ view }: { view: ViewId }): React.JSX.Element | null {
  const selected = useApp((s) => s.selectedContainerId)
  const snapshot = useApp((s) => s.snapshot)
  const container = snapshot?.containers.find((c) => c.id === selected)
  if (!snapshot || !container) return null
  const main = initProcess(snapshot, container)
  const facts: Array<[string, React.ReactNode]> = []
  if (view === 'security' && main) {
    const effective = main.capabilities.effective
    const dropped = DOCKER_DEFAULT_CAPS.filter((cap) => !effective.includes(cap))
    const added = effective.filter((cap) => !DOCKER_DEFAULT_CAPS.includes(cap))
    facts.push(['Capabilities', effective.length === 0 ? 'none at all' : <Chips caps={effective} marked={added} />])
    if (added.length > 0) facts.push(['Added', <Chips key="a" caps={added} marked={added} />])
    if (dropped.length > 0 && effective.length > 0) facts.push(['Dropped', <Chips key="d" caps={dropped} marked={[]} />])
    facts.push(['Seccomp', main.seccomp.mode === 'filter' ? 'filter on' : main.seccomp.mode === 'disabled' ? 'off (unconfined)' : (main.seccomp.mode ?? 'unknown')])
  }
  if ((view === 'namespaces' || view === 'container') && main) {
    facts.push(['PIDs', main.nspid.length > 1 ? main.nspid.join(' → ') + '  (host → inside)' : `${main.pid} (the host's own PID namespace)`])
    facts.push(['User', main.uid === null ? 'unknown' : `uid ${main.uid} on the host`])
  }
  if (view === 'cgroups' || view === 'container') {
    const limits = container.limits
    if (limits) {
      facts.push(['Memory limit', limits.memoryBytes === null ? 'none' : formatBytes(limits.memoryBytes)])
      facts.push(['CPU', [limits.cpuQuotaCores === null ? 'no quota' : `quota ${limits.cpuQuotaCores} cores`, limits.cpusetCpus ? `CPUs ${limits.cpusetCpus}` : null].filter(Boolean).join(' · ')])
      if (limits.pidsMax !== null) facts.push(['Pids limit', String(limits.pidsMax)])
    }
    if (container.exit) facts.push(['Exited', `code ${container.exit.exitCode}${container.exit.oomKilled ? ' · OOM killed' : ''}`])
  }
  if (facts.length === 0) return null
  return (
    <section className="presenter__focus" aria-label={`${container.name} now`}>
      <h3>{container.name} now</h3>
      <dl>
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}

function Chips({ caps, marked }: { caps: readonly string[]; marked: readonly string[] }): React.JSX.Element {
  return (
    <span className="presenter__chips">
      {caps.map((cap) => (
        <span key={cap} className={`presenter__chip${marked.includes(cap) ? ' is-added' : ''}`}>
          {short(cap)}
        </span>
      ))}
    </span>
  )
}
