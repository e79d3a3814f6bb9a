// One container on one page: its PID chain, namespaces, limits and usage, capabilities,
// seccomp, user, root file system, mounts (Docker secrets shown as secrets) and findings.
import { processKey } from '../../../shared/identity'
import type { ContainerInfo, HostSnapshot, ProcessInfo } from '../../../shared/model'
import { processCapabilityDiff } from '../../../shared/selectors/capability-diff'
import { compareLimits } from '../../../shared/selectors/limit-comparison'
import { zombieSummary } from '../../../shared/selectors/zombies'
import { initProcess, isHostNamespace, processesOf } from '../../../shared/selectors/snapshot-index'
import { EmptyNote } from '../../components/state-screens'
import { RiskBadges } from '../../components/risk-badges'
import { ViewHeader } from '../../components/view-header'
import { useSelectedContainer, useSnapshot, useVizUnit } from '../../hooks/use-snapshot'
import { liveUsage } from '../../selectors/live-usage'
import { selectBadges, selectSharingMap } from '../../selectors/derived'
import { useApp } from '../../store/app-store'
import { barSpecs, versionLabel } from '../cgroups/cgroup-card'
import { UsageBar } from '../cgroups/usage-bar'
import { FindingsList } from '../security/findings-list'
import { LiveFiltersPanel } from '../security/live-filters-panel'
import { SeccompPanel } from '../security/seccomp-panel'
import { ImageSection } from './image-section'
import { JavaInsidePanel } from './java-inside-panel'
import { MountsSection } from './mounts-section'
import { MemoryBreakdownPanel } from './memory-breakdown-panel'
import { ObservePanel } from './observe-panel'
import { PidChainFigure } from './pid-chain-figure'
import { PostMortem } from './post-mortem'
import { LimitsTimeline } from './timeline/limits-timeline'

export function ContainerPage(): React.JSX.Element | null {
  const snapshot = useSnapshot()
  const container = useSelectedContainer()
  if (!snapshot) return null
  if (!container) {
    return (
      <div className="view-body">
        <ViewHeader title="Container" lead="Everything about one container on one page." concepts={['namespaces']} />
        <EmptyNote>Select a container in the list on the left.</EmptyNote>
      </div>
    )
  }
  return <ContainerDetail snapshot={snapshot} container={container} />
}

function ContainerDetail({ snapshot, container: c }: { snapshot: HostSnapshot; container: ContainerInfo }): React.JSX.Element {
  const unit = useVizUnit()
  const init = initProcess(snapshot, c)
  const processes = processesOf(snapshot, c.id)
  // Many zombies would push everything else off the panel: past a few, they fold.
  const zombies = processes.filter((p) => p.state === 'Z')
  const folded = zombies.length > MAX_LISTED_ZOMBIES ? zombies : []
  const listed = folded.length > 0 ? processes.filter((p) => p.state !== 'Z') : processes
  const badges = selectBadges(snapshot).get(c.id) ?? []
  return (
    <div className="view-body container-page">
      <ViewHeader
        title={c.name}
        lead={
          <>
            <span className={`state-dot state-dot--${c.pid !== null ? 'running' : 'stopped'}`} aria-hidden="true">
              {c.pid !== null ? '●' : '○'}
            </span>{' '}
            {c.state} · {c.image || 'image unknown'} · <span className="mono">{c.id}</span>
            {c.source === 'cgroup' && ' · found by its cgroup only (Docker unreachable): no name or declared settings'}
          </>
        }
        concepts={['namespaces', 'cgroups', 'capabilities']}
      />
      <RiskBadges badges={badges} />
      {c.problems.length > 0 && (
        <div className="problems" role="note">
          <b>Could not read everything:</b>
          <ul>
            {c.problems.map((p, i) => (
              <li key={i}>
                <code>{p.field}</code> — {p.reason}: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="container-grid">
        <PostMortem container={c} />
        <section className="panel" aria-labelledby="c-pid">
          <h3 id="c-pid">PID chain</h3>
          {init ? (
            <>
              <PidChainFigure process={init} containerName={c.name} unit={unit} />
              <ZombieNote snapshot={snapshot} container={c} />
              <ProcessTable processes={listed} />
              {folded.length > 0 && (
                <details className="zombie-rows">
                  <summary>the {folded.length} zombies (state Z)</summary>
                  <ProcessTable processes={folded} />
                </details>
              )}
            </>
          ) : (
            <p className="muted">Not running: no processes.</p>
          )}
        </section>

        <section className="panel" aria-labelledby="c-ns">
          <h3 id="c-ns">Namespaces</h3>
          <NamespaceTable snapshot={snapshot} container={c} />
        </section>

        <section className="panel" aria-labelledby="c-limits">
          <h3 id="c-limits">Limits and usage</h3>
          <LimitsTable snapshot={snapshot} container={c} />
        </section>
        <MemoryBreakdownPanel container={c} takenAt={snapshot.takenAt} />
        <JavaInsidePanel snapshot={snapshot} container={c} />
        <LimitsTimeline container={c} />

        <section className="panel" aria-labelledby="c-user">
          <h3 id="c-user">User and root file system</h3>
          <UserFacts snapshot={snapshot} container={c} />
        </section>

        <section className="panel" aria-labelledby="c-caps">
          <h3 id="c-caps">Capabilities</h3>
          <CapabilityFacts snapshot={snapshot} container={c} />
        </section>

        <section className="panel" aria-labelledby="c-seccomp">
          <h3 id="c-seccomp">Seccomp</h3>
          <SeccompPanel snapshot={snapshot} container={c} />
          <h4>Live filter, per system call</h4>
          <LiveFiltersPanel container={c} />
        </section>
        <ObservePanel container={c} />

        <MountsSection container={c} swarm={snapshot.swarm} />
        <ImageSection container={c} takenAt={snapshot.takenAt} />

        <section className="panel container-grid__wide" aria-labelledby="c-findings">
          <h3 id="c-findings">Findings</h3>
          <FindingsList snapshot={snapshot} containerId={c.id} />
        </section>
      </div>
    </div>
  )
}

const MAX_LISTED_ZOMBIES = 5

function ProcessTable({ processes }: { processes: readonly ProcessInfo[] }): React.JSX.Element {
  return (
    <table className="plain">
      <thead>
        <tr>
          <th scope="col">process</th>
          <th scope="col">host PID → PID inside</th>
          <th scope="col">uid</th>
          <th scope="col">state</th>
        </tr>
      </thead>
      <tbody>
        {processes.map((p) => (
          <tr key={processKey(p)}>
            <td>{p.comm}</td>
            <td className="mono">
              <span className="pid-host">{p.nspid[0] ?? p.pid}</span>
              {p.nspid.slice(1).map((n, i, rest) => (
                <span key={i}>
                  {' → '}
                  <span className={i === rest.length - 1 ? 'pid-ns' : 'pid-mid'}>{n}</span>
                </span>
              ))}
            </td>
            <td className="mono">{p.uid ?? '?'}</td>
            <td>{p.state}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Zombies hold pids.max slots until reaped: say how many, who should reap them, and the fix. */
function ZombieNote({ snapshot, container }: { snapshot: HostSnapshot; container: ContainerInfo }): React.JSX.Element | null {
  const summary = zombieSummary(snapshot, container)
  if (!summary) return null
  const max = container.limits?.pidsMax
  return (
    <p className="zombie-note" role="note">
      <strong className="text-risk">▲ {withCode(summary.sentence)}.</strong>{' '}
      Each zombie (state Z) keeps one slot of the pids limit{max != null ? ` (${container.usage?.pids ?? '?'} of ${max} used)` : ''} until its parent reaps it.
    </p>
  )
}

/** `text` with its backquoted parts as <code>. */
function withCode(text: string): React.ReactNode[] {
  return text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))
}

function NamespaceTable({ snapshot, container }: { snapshot: HostSnapshot; container: ContainerInfo }): React.JSX.Element {
  const row = selectSharingMap(snapshot).rows.find((r) => r.id === container.id)
  if (!row || !row.running) return <p className="muted">Not running: a stopped container has no namespaces.</p>
  const nameOf = (id: string): string => snapshot.containers.find((x) => x.id === id)?.name ?? id.slice(0, 12)
  return (
    <table className="plain">
      <tbody>
        {row.cells.map((cell) => (
          <tr key={cell.type}>
            <th scope="row">{cell.type}</th>
            <td className="mono">{cell.inode ?? '?'}</td>
            <td>
              {cell.relation === 'host' && (cell.expectedHost ? "the host's (Docker's default)" : <strong className="text-risk">▲ the host&apos;s: not isolated</strong>)}
              {cell.relation === 'own' && `its own${cell.extra ? ` (+${cell.extra} nested)` : ''}`}
              {cell.relation === 'shared' && `shared with ${cell.sharedWith.map(nameOf).join(', ')}`}
              {cell.relation === 'joined' && `joined from ${cell.joinedFrom ? nameOf(cell.joinedFrom) : '?'}`}
              {cell.relation === 'unknown' && 'unreadable'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function LimitsTable({ snapshot, container: c }: { snapshot: HostSnapshot; container: ContainerInfo }): React.JSX.Element {
  const unit = useVizUnit()
  const sample = useApp((s) => s.latest[c.id])
  const rows = compareLimits(snapshot, c)
  const cgroup = snapshot.cgroups.find((g) => g.path === c.cgroupPath) ?? null
  const specs = c.limits ? barSpecs(liveUsage(c, sample), snapshot.host) : []
  const width = unit * 30
  return (
    <>
      <table className="plain">
        <thead>
          <tr>
            <th scope="col">resource</th>
            <th scope="col">declared</th>
            <th scope="col">kernel enforces</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={r.verdict === 'differs' ? 'is-different' : ''}>
              <th scope="row">{r.label}</th>
              <td>{unbrokenFlags(r.declared)}</td>
              <td>
                {r.verdict === 'differs' && (
                  <>
                    <span title="The kernel enforces something other than what was declared">≠</span>{' '}
                  </>
                )}
                {unbrokenFlags(r.enforced)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {c.limits && (
        <>
          <p className="muted">{versionLabel(cgroup)} · now:</p>
          <svg width={width} height={unit * 5.2} data-export={`${c.name}: use against limits`} role="img" aria-label={specs.map((s) => `${s.label} ${s.text}`).join('; ')}>
            {specs.map((s, i) => (
              <UsageBar key={s.label} spec={s} x={0} y={unit * (0.3 + i * 1.6)} width={width} unit={unit} />
            ))}
          </svg>
        </>
      )}
    </>
  )
}

/** `text` with each `--flag` and `file_name` kept on one line: a narrow column must not split them at a hyphen. */
function unbrokenFlags(text: string): React.ReactNode[] {
  return text.split(/(\S*[-_]\S*)/).map((part, i) => (i % 2 === 1 ? <span key={i} className="nowrap">{part}</span> : part))
}

function UserFacts({ snapshot, container: c }: { snapshot: HostSnapshot; container: ContainerInfo }): React.JSX.Element {
  const init = initProcess(snapshot, c)
  const hostUser = init ? isHostNamespace(snapshot, 'user', init.namespaces.user) : null
  return (
    <table className="plain">
      <tbody>
        <tr>
          <th scope="row">user (declared)</th>
          <td>{c.declared ? c.declared.user || "the image's default (usually root)" : 'unknown'}</td>
        </tr>
        <tr>
          <th scope="row">uid (kernel)</th>
          <td>
            {init?.uid ?? '?'}
            {init?.uid === 0 && hostUser !== false && <strong className="text-risk"> ▲ root in the container is root on the host (no user namespace)</strong>}
            {init && init.uid !== 0 && hostUser === true && <span> — the same uid on the host</span>}
            {hostUser === false && <span> — in its own user namespace; ids are translated</span>}
          </td>
        </tr>
        <tr>
          <th scope="row">root file system</th>
          <td>{c.declared ? (c.declared.readOnlyRootfs ? '✓ read-only (--read-only): nothing new can be written into the image' : 'writable') : 'unknown'}</td>
        </tr>
      </tbody>
    </table>
  )
}

function CapabilityFacts({ snapshot, container: c }: { snapshot: HostSnapshot; container: ContainerInfo }): React.JSX.Element {
  const init = initProcess(snapshot, c)
  const setView = useApp((s) => s.setView)
  if (!init) return <p className="muted">Not running.</p>
  const { added, dropped, isDefault, allDropped, defaultCount } = processCapabilityDiff(init)
  return (
    <div>
      <p>
        {init.capabilities.effective.length} effective · {init.capabilities.bounding.length} in the bounding set
        {init.uid !== 0 && init.capabilities.effective.length === 0 && init.capabilities.bounding.length > 0 && ' (a non-root user: none effective until it runs a setuid program)'}
      </p>
      <p>
        Compared with Docker&apos;s default {defaultCount}:{' '}
        {isDefault && 'the same set.'}
        {added.map((x) => (
          <span key={x} className="cap-tag cap-tag--added">
            + {x.replace(/^CAP_/, '')}
          </span>
        ))}
        {allDropped ? (
          <span className="cap-tag cap-tag--dropped">− all {defaultCount} dropped</span>
        ) : (
          dropped.map((x) => (
            <span key={x} className="cap-tag cap-tag--dropped">
              − {x.replace(/^CAP_/, '')}
            </span>
          ))
        )}
      </p>
      {c.declared && (
        <p className="muted">
          Declared: {c.declared.privileged ? 'privileged · ' : ''}add {c.declared.capAdd.join(', ') || 'nothing'} · drop {c.declared.capDrop.join(', ') || 'nothing'}
        </p>
      )}
      <button type="button" className="link" onClick={() => setView('security')}>
        All five sets, process by process →
      </button>
    </div>
  )
}
