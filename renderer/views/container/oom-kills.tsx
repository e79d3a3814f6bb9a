// Which process the OOM killer chose, from the kernel log (/dev/kmsg), with its memory at the kill; or
// plainly why that is unknown and what is shown instead.
import type { OomKillsView } from '../../../shared/selectors/oom-kills'
import { biggestAtKillText, killMemoryText } from '../../../shared/selectors/oom-kills'
import { formatBytes } from '../../../shared/format'
import type { OomKillRecord } from '../../../shared/model'
import { timeOf } from '../cgroups/sparklines'

/** `heading`: false inside a panel that is about the kills already (a running container's "OOM kills"). */
export function OomKills({ view, oomKilled, heading = true }: { view: OomKillsView; oomKilled: boolean; heading?: boolean }): React.JSX.Element | null {
  if (view.kind === 'unreadable') {
    const counted =
      view.counted === null
        ? 'The cgroup’s OOM kill counter is gone with the cgroup; Docker’s OOMKilled is what is left.'
        : `The cgroup counted ${view.counted} OOM kill${view.counted === 1 ? '' : 's'}.`
    return (
      <div className="oom-kills">
        <h4>Killed process</h4>
        <p className="muted">
          Unknown: {view.reason} {counted}
        </p>
      </div>
    )
  }
  if (view.kind === 'none') {
    if (!oomKilled) return null
    return (
      <div className="oom-kills">
        <h4>Killed process</h4>
        <p className="muted">The kernel log holds no OOM kill for this container any more: its buffer no longer reaches back to it.</p>
      </div>
    )
  }
  const [last, ...earlier] = view.kills
  return (
    <div className="oom-kills">
      {heading && <h4>Killed process</h4>}
      <KillLine kill={last!} />
      {earlier.length > 0 && (
        <details>
          <summary>{earlier.length} earlier OOM kill{earlier.length === 1 ? '' : 's'}</summary>
          <ul className="oom-kills__earlier">
            {earlier.map((k) => (
              <li key={k.seq}>
                <KillLine kill={k} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  )
}

function KillLine({ kill: k }: { kill: OomKillRecord }): React.JSX.Element {
  return (
    <>
      <p className="oom-kills__lead">
        OOM killer killed <code>{k.comm}</code> (host pid <span className="mono">{k.hostPid}</span>), anon{' '}
        <strong>{formatBytes(k.anonRssBytes)}</strong> at the kill
        <span className="muted"> · {timeOf(k.at)}</span>
      </p>
      <p className="muted oom-kills__detail">
        {k.pidInside === null ? 'pid inside unknown: the process was gone before any scan saw it' : `pid ${k.pidInside} inside the container`} ·{' '}
        {killMemoryText(k)}
      </p>
      <BiggestAtKill kill={k} />
    </>
  )
}

/** What held the memory: the cgroup's biggest processes at the kill, from the kernel's task dump. */
function BiggestAtKill({ kill }: { kill: OomKillRecord }): React.JSX.Element | null {
  const text = biggestAtKillText(kill)
  if (text === null) return null
  return (
    <p className="muted oom-kills__detail" aria-label="Biggest processes at the kill">
      Biggest at the kill (resident memory, from the kernel&apos;s task dump): {text}
    </p>
  )
}
