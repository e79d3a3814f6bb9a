// The post-mortem of a container that stopped: how it ended (Docker keeps it; the kernel removed the
// cgroup) and the last moments a limit bit, from the live events this session saw.
import { useMemo } from 'react'
import type { LiveEvent } from '../../../shared/live'
import type { ContainerInfo } from '../../../shared/model'
import { killThatEndedIt, oomKillsView } from '../../../shared/selectors/oom-kills'
import { exitCodeMeaning } from '../../../shared/selectors/post-mortem'
import { useApp } from '../../store/app-store'
import { KIND_TEXT, timeOf } from '../cgroups/sparklines'
import { OomKills } from './oom-kills'

const LIMIT_KINDS: ReadonlySet<LiveEvent['kind']> = new Set(['oom-kill', 'container-oom', 'pids-limit', 'cpu-throttled', 'memory-pressure'])
const LAST_EVENTS = 5

export function PostMortem({ container: c }: { container: ContainerInfo }): React.JSX.Element | null {
  const allEvents = useApp((s) => s.events)
  const events = useMemo(() => allEvents.filter((e) => e.containerId === c.id && LIMIT_KINDS.has(e.kind)).slice(-LAST_EVENTS).reverse(), [allEvents, c.id])
  const snapshot = useApp((s) => s.snapshot)
  const oom = snapshot ? oomKillsView(snapshot, c) : ({ kind: 'none' } as const)
  const e = c.exit
  // A running container whose process (e.g. one started by docker exec) was OOM-killed: only that part.
  if (!e) {
    if (oom.kind !== 'kills') return null
    return (
      <section className="panel container-grid__wide post-mortem post-mortem--oom" aria-labelledby="c-oom">
        <h3 id="c-oom">OOM kills</h3>
        <OomKills view={oom} oomKilled={false} heading={false} />
      </section>
    )
  }
  // Docker's OOMKilled can miss a kill of PID 1 that the kernel log shows right before the exit.
  const loggedKill = e.oomKilled ? null : killThatEndedIt(c)
  return (
    <section className={`panel container-grid__wide post-mortem${e.oomKilled || loggedKill ? ' post-mortem--oom' : ''}`} aria-labelledby="c-exit">
      <h3 id="c-exit">How it ended</h3>
      <p className="post-mortem__lead">
        {e.oomKilled ? (
          <strong className="text-risk">▲ OOM-killed: the kernel killed it at its memory limit.</strong>
        ) : loggedKill ? (
          <strong className="text-risk">
            ▲ OOM-killed: the kernel log shows the OOM killer killed <code>{loggedKill.comm}</code> at its memory limit as it ended.
          </strong>
        ) : (
          <strong>{exitCodeMeaning(e.exitCode)}</strong>
        )}
      </p>
      <table className="plain">
        <tbody>
          <tr>
            <th scope="row">exit code</th>
            <td className="mono">
              {e.exitCode} <span className="muted">({exitCodeMeaning(e.exitCode)})</span>
            </td>
          </tr>
          <tr>
            <th scope="row">OOM-killed</th>
            <td>{e.oomKilled ? 'yes (Docker’s OOMKilled)' : loggedKill ? 'yes, by the kernel log (Docker’s OOMKilled says no: it missed the kill)' : 'no'}</td>
          </tr>
          <tr>
            <th scope="row">finished</th>
            <td>
              {timeOf(e.finishedAt)} <span className="muted mono">{e.finishedAt}</span>
            </td>
          </tr>
          <tr>
            <th scope="row">restarts</th>
            <td>{c.restartCount ?? 'unknown'}</td>
          </tr>
          {e.error && (
            <tr>
              <th scope="row">Docker’s error</th>
              <td>{e.error}</td>
            </tr>
          )}
        </tbody>
      </table>
      <OomKills view={oom} oomKilled={e.oomKilled} />
      <h4>Last limit events</h4>
      {events.length === 0 ? (
        <p className="muted">None seen in this session{e.oomKilled ? ': the kill happened before Glasshouse was watching' : ''}.</p>
      ) : (
        <ol className="limit-events__list">
          {events.map((x, i) => (
            <li key={`${x.at}-${x.kind}-${i}`} className={`limit-event limit-event--${x.kind}`}>
              <span className="mono">{timeOf(x.at)}</span> <strong>{KIND_TEXT[x.kind] ?? x.kind}</strong> — {x.message}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
