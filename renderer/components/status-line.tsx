// The engine status line: live and connected, Docker unreachable (kernel-only view), or a
// recording; plus what host this is and how fresh the data are.
import { formatBytes } from '../../shared/format'
import { useApp } from '../store/app-store'
import { clockTime } from '../viz/clock-time'
import { KernelReadBy } from './kernel-read-by'
import { LimitEventsButton, LimitEventsPanel } from './limit-events-panel'
import { ProbeSettingControl } from './probe-setting'
import { StatusNotice } from './status-notice'

export function StatusLine(): React.JSX.Element | null {
  const snapshot = useApp((s) => s.snapshot)
  const source = useApp((s) => s.source)
  const link = useApp((s) => s.link)
  const lastSample = useApp((s) => s.lastSample)
  const noticeShown = useApp((s) => s.notice !== null)
  if (!snapshot) return null
  const engine = snapshot.engine
  let state: 'live' | 'degraded' | 'recording' | 'down'
  let text: string
  let title: string | undefined
  const lost = snapshot.kernelReadBy?.lost
  if (source.kind === 'recording') {
    state = 'recording'
    text = `Replaying: ${source.info.title} — not live`
  } else if (link === 'reconnecting') {
    state = 'down'
    text = 'Connection to the Glasshouse server lost — reconnecting…'
  } else if (lost) {
    // The helper container that reads the kernel is gone; the session is starting a new one.
    state = 'degraded'
    text = 'The helper container that reads the kernel stopped — starting a new one; showing the last snapshot'
    title = lost
  } else if (engine.reachable) {
    state = 'live'
    text = `Live · Docker ${engine.version} (API ${engine.apiVersion}, ${engine.cgroupDriver} driver) at ${engine.endpoint}`
  } else {
    state = 'degraded'
    text = `Docker unreachable${engine.endpoint ? ` at ${engine.endpoint}` : ''}: ${engine.error} — showing what the kernel alone reveals (no names, no declared settings)`
  }
  const h = snapshot.host
  const sampleAge = lastSample ? `samples every ${Math.round(lastSample.intervalMs / 100) / 10} s, watcher ${(lastSample.self.cpuCores * 100).toFixed(1)}% of a core` : 'no live samples yet'
  return (
    <footer className={`status-line status-line--${state}`} aria-label="Status">
      <span className="status-line__state" role="status" title={title}>
        <span aria-hidden="true" className="status-line__mark">
          {state === 'live' ? '●' : state === 'recording' ? '■' : '▲'}
        </span>{' '}
        {text}
      </span>
      <span className="status-line__detail">
        <StatusNotice />
        <span className={`status-line__host muted${noticeShown ? ' is-covered' : ''}`}>
          host {h.hostname} · <KernelReadBy snapshot={snapshot} /> <ProbeSettingControl /> · cgroup {h.cgroupLayout === 'hybrid' ? 'v1 (hybrid)' : h.cgroupLayout} · {h.cpus} CPUs · {formatBytes(h.memoryBytes)} · snapshot{' '}
          {clockTime(snapshot.takenAt)} · {source.kind === 'recording' ? 'recorded data' : sampleAge}
          {h.probeUid !== 0 && <strong> · not root (uid {h.probeUid}): some namespaces and cgroup files are unreadable</strong>}
        </span>
      </span>
      <LimitEventsButton />
      <LimitEventsPanel />
    </footer>
  )
}
