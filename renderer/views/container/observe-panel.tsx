// "What it uses" on the container page (issue 14): an explicit, timed observation of the container's
// capability checks and syscalls, then per capability held / used / denied / never asked, the syscall
// families, a timeline of first use, and the suggested smaller privileges with a copy button and a check.
import { useState } from 'react'
import type { ContainerInfo } from '../../../shared/model'
import { OBSERVE_DURATIONS } from '../../../shared/observe/observe-request'
import type { Observation } from '../../../shared/observe/observation'
import { capabilityRows, observationCounts, syscallFamilies } from '../../../shared/observe/observation-view'
import type { Suggestion } from '../../../shared/observe/suggestion'
import { useSession } from '../../session-context'
import { useApp } from '../../store/app-store'
import { CopyButton } from './observe-copy-button'
import { FirstUseTimeline } from './observe-timeline'
import { WindowCountdown } from '../../components/window-countdown'
import { useObserveStore, type ObserveEntry } from './observe-store'
import './observe.css'

export function ObservePanel({ container: c }: { container: ContainerInfo }): React.JSX.Element {
  const session = useSession()
  const live = useApp((s) => s.source.kind === 'live')
  const entry = useObserveStore((s) => s.entries[c.id])
  const observe = useObserveStore((s) => s.observe)
  const verify = useObserveStore((s) => s.verify)
  const [seconds, setSeconds] = useState<number>(20)
  const busy = entry?.status === 'observing' || entry?.status === 'verifying'
  const canObserve = session !== null && live && c.pid !== null
  return (
    <section className="panel container-grid__wide observe-panel" aria-labelledby="c-observe">
      <h3 id="c-observe">What it uses</h3>
      <p className="muted">
        Holding a capability is not using it. Watching records the capability checks and system calls this container&apos;s processes make
        (tracefs, only while you watch), and suggests the smaller set that ran it.
      </p>
      <div className="observe-actions">
        <label>
          for{' '}
          <select value={seconds} onChange={(e) => setSeconds(Number(e.target.value))} disabled={busy}>
            {OBSERVE_DURATIONS.map((d) => (
              <option key={d} value={d}>
                {d} s
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" disabled={!canObserve || busy} onClick={() => session && void observe(session.bridge, c.id, seconds)}>
          Watch what it uses
        </button>
        {!canObserve && <span className="muted">{c.pid === null ? 'Not running: nothing to watch.' : 'Only on a live host.'}</span>}
      </div>
      <ObserveBody entry={entry} onVerify={session ? () => void verify(session.bridge, c.id) : null} />
    </section>
  )
}

function ObserveBody({ entry, onVerify }: { entry: ObserveEntry | undefined; onVerify: (() => void) | null }): React.JSX.Element | null {
  if (!entry) return null
  if (entry.status === 'observing') {
    return (
      <p role="status" className="observe-status">
        Watching for {entry.seconds} s, <WindowCountdown seconds={entry.seconds} />… do what the container normally does now
        (send it requests, run its job).
      </p>
    )
  }
  if (entry.status === 'error' || !entry.result) {
    return (
      <p role="alert" className="text-risk">
        Could not watch: {entry.error}
      </p>
    )
  }
  const { observation, suggestion } = entry.result
  return (
    <>
      <ObservationSummary observation={observation} />
      <div className="observe-grid">
        <CapabilityUseTable observation={observation} />
        <SyscallFamilies observation={observation} />
      </div>
      <FirstUseTimeline observation={observation} />
      <SuggestionBlock suggestion={suggestion} entry={entry} onVerify={onVerify} />
    </>
  )
}

function ObservationSummary({ observation: o }: { observation: Observation }): React.JSX.Element {
  const n = observationCounts(o)
  return (
    <p className="observe-summary">
      Watched {o.seconds.toFixed(1)} s from {new Date(o.startedAt).toLocaleTimeString()}: {o.processes} processes.{' '}
      <b>
        Uses {n.used} of {n.held} capabilities held
      </b>
      , {n.denied} asked for and denied, {n.neverAsked} held but never asked.
      {o.lostEvents > 0 && <span className="text-risk"> {o.lostEvents} events were lost: counts are lower bounds.</span>}
      {n.otherCredential > 0 && <span className="muted"> {n.otherCredential} checks made with another credential (overlayfs) are not counted.</span>}
    </p>
  )
}

const VERDICT_TEXT = { used: 'used', denied: 'denied', unasked: 'never asked' } as const

function CapabilityUseTable({ observation }: { observation: Observation }): React.JSX.Element {
  const rows = capabilityRows(observation)
  const asked = rows.filter((c) => c.verdict !== 'unasked')
  // Held but never asked: one folded row of names, so the few that matter stay on screen.
  const unasked = rows.filter((c) => c.verdict === 'unasked').map((c) => c.name.replace(/^CAP_/, ''))
  return (
    <table className="plain observe-caps" aria-label="Capabilities held and used">
      <thead>
        <tr>
          <th scope="col">capability</th>
          <th scope="col">held</th>
          <th scope="col">in the window</th>
          <th scope="col">checks</th>
        </tr>
      </thead>
      <tbody>
        {asked.map((c) => (
          <tr key={c.bit} className={`observe-cap observe-cap--${c.verdict}`}>
            <td className="mono">{c.name.replace(/^CAP_/, '')}</td>
            <td>{c.held ? 'held' : 'not held'}</td>
            <td>
              <span className={`observe-verdict observe-verdict--${c.verdict}`}>
                {c.verdict === 'used' ? '✓ ' : '✗ '}
                {VERDICT_TEXT[c.verdict]}
              </span>
            </td>
            <td className="mono">{c.verdict === 'used' ? c.granted : c.denied}</td>
          </tr>
        ))}
        {unasked.length > 0 && (
          <tr className="observe-cap observe-cap--unasked">
            <td colSpan={4}>
              <span className="observe-verdict observe-verdict--unasked">– held, never asked ({unasked.length}):</span> <span className="mono">{unasked.join(' ')}</span>
            </td>
          </tr>
        )}
      </tbody>
    </table>
  )
}

function SyscallFamilies({ observation }: { observation: Observation }): React.JSX.Element {
  if (!observation.syscallsTraced) return <p className="muted">System calls were not traced.</p>
  const families = syscallFamilies(observation)
  return (
    <div className="observe-families" role="group" aria-label="System call families used">
      <h4>
        System calls: {observation.syscalls.length} different, by family
      </h4>
      <dl>
        {families.map((f) => (
          <div key={f.family} className="observe-family">
            <dt>{f.family}</dt>
            <dd className="mono">{f.names.join(' ')}</dd>
          </div>
        ))}
      </dl>
    </div>
  )
}

function SuggestionBlock({ suggestion: s, entry, onVerify }: { suggestion: Suggestion; entry: ObserveEntry; onVerify: (() => void) | null }): React.JSX.Element {
  const line = `docker run ${s.dockerRunFlags}`
  const profile = JSON.stringify(s.seccompProfile, null, 2)
  const v = entry.verification
  return (
    <div className="observe-suggestion" role="group" aria-label="Suggested privileges">
      <h4>Suggested: the smallest privileges that ran it in this window</h4>
      <div className="observe-line">
        <code>{line}</code>
        <CopyButton text={line} label="Copy the docker run flags" />
      </div>
      <p className="muted">{s.caveat}</p>
      <details>
        <summary>Compose snippet</summary>
        <div className="observe-line">
          <pre>{s.compose}</pre>
          <CopyButton text={s.compose} label="Copy the Compose snippet" />
        </div>
      </details>
      <details>
        <summary>
          Seccomp profile: allows {s.seccompProfile.syscalls.filter((r) => r.action === 'SCMP_ACT_ALLOW').reduce((n, r) => n + r.names.length, 0)} system calls; refuses{' '}
          {s.seccompDiff.refusedNow.length} that Docker&apos;s default allows
        </summary>
        <p className="muted">
          Against {s.seccompDiff.against}. Allowed beyond it: {s.seccompDiff.allowedBeyondDefault.join(' ') || 'none'}.
        </p>
        <div className="observe-line">
          <pre className="observe-profile">{profile}</pre>
          <CopyButton text={profile} label="Copy the seccomp profile" />
        </div>
      </details>
      <div className="observe-actions">
        <button type="button" disabled={onVerify === null || entry.status === 'verifying'} onClick={() => onVerify?.()}>
          Check it: run the command again with these
        </button>
        {entry.status === 'verifying' && <span role="status">Running a copy with the suggested privileges…</span>}
        {v && (
          <span role="status" className={v.ok ? 'observe-ok' : 'text-risk'}>
            {v.ok ? '✓ Same behaviour: ' : '✗ Different: '}
            {v.summary}
          </span>
        )}
        {entry.error && entry.status === 'done' && <span className="text-risk">{entry.error}</span>}
      </div>
    </div>
  )
}
