// Live seccomp filters of the selected container: read only when the user presses the button (the backend
// stops each read process for well under a millisecond with ptrace, as root), then decoded per system call,
// grouped by family, compared with Docker's default profile and with another container.
import { useState } from 'react'
import type { ContainerInfo } from '../../../shared/model'
import { formatAction } from '../../../shared/seccomp/actions'
import { compareWithDefault, defaultReferenceText, defaultTableFor, defaultTitleFor, diffVerdicts, verdictTable } from '../../../shared/seccomp/compare'
import { groupByFamily } from '../../../shared/seccomp/family-groups'
import { READ_REASON_TEXT } from '../../../shared/seccomp/read-result'
import type { SeccompFiltersReport } from '../../../shared/seccomp/report'
import { countVerdicts, nativeAbi } from '../../../shared/seccomp/summary'
import type { SyscallVerdict } from '../../../shared/seccomp/verdict'
import { findingsFor } from '../../../shared/selectors/findings'
import { useSnapshot } from '../../hooks/use-snapshot'
import { useApp } from '../../store/app-store'
import { useSession } from '../../session-context'
import { useLiveFilters } from './live-filters-store'
import { SyscallFamiliesTable } from './syscall-families-table'
import { VerdictDiff } from './verdict-diff'
import './live-filters.css'

const verdictText = (v: SyscallVerdict): string => (v.kind === 'fixed' ? formatAction(v.action) : 'depends on arguments')

export function LiveFiltersPanel({ container }: { container: ContainerInfo }): React.JSX.Element {
  const session = useSession()
  // A recording shows another moment (or host): live filters of this host would not belong to it.
  const live = useApp((s) => s.source.kind === 'live')
  const { report, reading, error, read } = useLiveFilters()
  return (
    <div className="live-filters">
      <p className="live-filters__intro">
        What the kernel enforces is the BPF program attached to each process. Glasshouse reads it only when you ask: it briefly stops one
        process per container with ptrace (well under a millisecond) to copy the filter. This needs root on the host or, when a helper
        container reads the kernel, a second helper started for the read alone and removed after it. Until then, the declared profile
        above is all that is shown.
      </p>
      <div className="live-filters__actions">
        <button type="button" disabled={reading || !session || !live} onClick={() => session && void read(session.bridge)}>
          {reading ? 'Reading…' : report ? 'Read live filters again' : 'Read live filters'}
        </button>
        {(!session || !live) && <span className="muted">Live filters need the live host, not a recording.</span>}
        {live && report && <span className="muted">read at {new Date(report.readAt).toLocaleTimeString()}</span>}
        {error && <span className="seccomp__verdict--risk">Could not read: {error}</span>}
      </div>
      {live && report && <ContainerFilters report={report} container={container} />}
    </div>
  )
}

function ContainerFilters({ report, container }: { report: SeccompFiltersReport; container: ContainerInfo }): React.JSX.Element {
  const [otherId, setOtherId] = useState<string>('')
  if (report.obstacle) return <p>Not read: {report.obstacle.text}. The declared profile above stands instead.</p>
  const read = report.containers.find((c) => c.containerId === container.id)
  if (!read) return <p className="muted">This container was not running when the filters were read.</p>
  const first = read.reads.find((r) => r.fingerprint !== null)
  if (!first) {
    const failed = read.reads[0]
    return <p>Not read{failed ? ` (pid ${failed.pid}): ${failed.reason ? READ_REASON_TEXT[failed.reason] : failed.detail}` : ''}. The declared profile above stands instead.</p>
  }
  const chain = report.chains.find((c) => c.fingerprint === first.fingerprint)
  const abi = chain ? nativeAbi(chain) : undefined
  const otherProcesses = read.reads.length - 1
  const header = (
    <p>
      <b>{chain?.label ?? 'unknown chain'}</b>
      {chain && chain.filterLengths.length > 0 && ` · ${chain.filterLengths.length} filter${chain.filterLengths.length === 1 ? '' : 's'} (${chain.filterLengths.join(' + ')} instructions)`}
      {' · '}read from pid {first.pid}
      {first.standsFor.length > 1 && `, standing for ${first.standsFor.length} processes with the same Seccomp line`}
      {first.stoppedMs > 0 && `, stopped ${first.stoppedMs.toFixed(2)} ms`}
      {otherProcesses > 0 && ` · ${otherProcesses} more process group${otherProcesses === 1 ? '' : 's'} with another filter count`}
      {read.sharesWith.length > 0 && (
        <>
          <br />
          Same filter behaviour as: {read.sharesWith.join(', ')}
        </>
      )}
    </p>
  )
  if (!chain || chain.match === 'unconfined' || !abi || !chain.decoded) {
    return (
      <>
        {header}
        {chain?.match === 'unconfined' && <p className="seccomp__verdict--risk">▲ No filter: every system call reaches the kernel.</p>}
        <LiveFindings report={report} container={container} />
      </>
    )
  }
  const counts = countVerdicts(abi)
  const accepted = chain.decoded.abis.filter((a) => a.accepted).map((a) => a.abi)
  const vsDefault = compareWithDefault(abi, defaultTableFor(chain, abi))
  const others = report.containers.filter((c) => c.containerId !== container.id && c.fingerprint !== null)
  const other = others.find((c) => c.containerId === otherId)
  const otherAbi = other && nativeAbi(report.chains.find((ch) => ch.fingerprint === other.fingerprint) ?? chain)
  return (
    <>
      {header}
      <p>
        {abi.abi}: <b>{counts.allowed}</b> calls allowed, <b>{counts.denied}</b> denied, <b>{counts.depends}</b> depend on their arguments.
        {' '}Architectures the filter accepts: {accepted.join(', ') || 'none'}; any other gets {verdictText(chain.decoded.unknownArch)}. Calls newer than
        the filter knows: {verdictText(abi.unlisted)}.
      </p>
      <LiveFindings report={report} container={container} />
      <SyscallFamiliesTable groups={groupByFamily(abi, defaultTableFor(chain, abi))} />
      <details className="live-filters__diff" open={vsDefault.allowsBlocked.length > 0}>
        <summary>
          Compared with {defaultReferenceText(chain, abi)}: {vsDefault.differences.length} difference{vsDefault.differences.length === 1 ? '' : 's'}
          {vsDefault.allowsBlocked.length > 0 && `, ${vsDefault.allowsBlocked.length} allowed here that the default blocks`}
        </summary>
        <VerdictDiff differences={vsDefault.differences} leftTitle={container.name} rightTitle={defaultTitleFor(chain, abi)} />
      </details>
      {others.length > 0 && (
        <div className="live-filters__diff">
          <label>
            Compare with another container:{' '}
            <select value={otherId} onChange={(e) => setOtherId(e.target.value)}>
              <option value="">choose…</option>
              {others.map((c) => (
                <option key={c.containerId} value={c.containerId}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          {other && otherAbi && <VerdictDiff differences={diffVerdicts(verdictTable(abi), verdictTable(otherAbi))} leftTitle={container.name} rightTitle={other.name} />}
        </div>
      )}
    </>
  )
}

const LIVE_KINDS = new Set(['seccomp-allows-default-blocked', 'seccomp-custom-more-permissive', 'seccomp-live-unconfined'])

/** The findings the live filter adds (the Findings list above judges the snapshot without it). */
function LiveFindings({ report, container }: { report: SeccompFiltersReport; container: ContainerInfo }): React.JSX.Element | null {
  const snapshot = useSnapshot()
  if (!snapshot) return null
  const findings = findingsFor({ ...snapshot, seccompFilters: report }, container).filter((f) => LIVE_KINDS.has(f.kind))
  if (findings.length === 0) return null
  return (
    <ul aria-label="Findings from the live filter">
      {findings.map((f) => (
        <li key={f.id}>
          <span className={`badge badge--${f.severity}`}>{f.severity}</span> <b>{f.title}</b>: {f.why}
        </li>
      ))}
    </ul>
  )
}
