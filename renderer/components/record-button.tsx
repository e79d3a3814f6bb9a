// Record / Stop in the header: keeps the live session in the backend (record:start) and, on Stop,
// saves what `glasshouse record` would have written (record:stop) the way exports are saved (a
// download in a browser, the save dialog in the desktop app). While recording it shows the time and
// the size against the bound. Not offered for a recording being shown: there is no live session to keep.
import { useEffect, useState } from 'react'
import type { RecordStatus } from '../../shared/contract'
import { formatOffset } from '../../shared/recording-state'
import { exportName, saveFile } from '../export/save-file'
import { useSession } from '../session-context'
import { useApp } from '../store/app-store'

/** How often the size is asked while recording (the elapsed time ticks with it). */
const STATUS_EVERY_MS = 1000

export function RecordButton(): React.JSX.Element | null {
  const session = useSession()
  const live = useApp((s) => s.source.kind === 'live')
  const showNotice = useApp((s) => s.showNotice)
  const [status, setStatus] = useState<RecordStatus | null>(null)
  const [busy, setBusy] = useState(false)
  // The backend's elapsed time at the last status, and when the page got it: the time shown ticks
  // on from there each second, whatever the two clocks say.
  const [statusAt, setStatusAt] = useState(() => Date.now())
  const [now, setNow] = useState(() => Date.now())
  const recording = status?.recording === true

  // A recording already running (the page was reloaded) is picked up, not lost.
  useEffect(() => {
    if (!session) return
    let cancelled = false
    void session.bridge.invoke('record:status').then((r) => {
      if (!cancelled && r.ok && r.value.recording) {
        setStatusAt(Date.now())
        setStatus(r.value)
      }
    })
    return () => {
      cancelled = true
    }
  }, [session])

  useEffect(() => {
    if (!session || !recording) return
    const timer = setInterval(() => {
      void session.bridge.invoke('record:status').then((r) => {
        if (!r.ok) return
        const at = Date.now()
        setStatusAt(at)
        setNow(at)
        setStatus((old) => (old?.recording ? r.value : old))
      })
    }, STATUS_EVERY_MS)
    return () => clearInterval(timer)
  }, [session, recording])

  if (!session) return null

  const start = async (): Promise<void> => {
    setBusy(true)
    const result = await session.bridge.invoke('record:start')
    setBusy(false)
    if (!result.ok) return showNotice(`Recording did not start: ${result.error.message}`, { tone: 'alert', ms: 12_000 })
    setStatusAt(Date.now())
    setNow(Date.now())
    setStatus(result.value)
  }

  const stop = async (): Promise<void> => {
    setBusy(true)
    const result = await session.bridge.invoke('record:stop')
    setBusy(false)
    setStatus(null)
    if (!result.ok) return showNotice(`The recording could not be ended: ${result.error.message}`, { tone: 'alert', ms: 12_000 })
    const { text, host, startedAt, messages, bytes } = result.value
    const outcome = await saveFile(
      { suggestedName: exportName('recording', host, startedAt, 'ndjson'), mimeType: 'application/x-ndjson', data: text, encoding: 'utf8' },
      { carrier: session.carrier, bridge: session.bridge }
    )
    if (outcome.ok) showNotice(`Recording saved to ${outcome.where}: ${messages} messages, ${megabytes(bytes)}.`, { ms: 8000 })
    else showNotice(`The recording was not saved: ${outcome.message}`, { tone: 'alert', ms: 12_000 })
  }

  if (recording && status) {
    const elapsed = formatOffset(Math.floor(Math.max(0, status.elapsedMs + now - statusAt) / 1000) * 1000)
    const full = status.ended === 'size-limit'
    return (
      <span className="record-button" style={{ display: 'inline-flex', alignItems: 'center', gap: '0.4em' }}>
        <button type="button" onClick={() => void stop()} disabled={busy} aria-label="Stop recording and save" title="Stop recording and save the file">
          <span aria-hidden="true" style={{ color: 'var(--sev-high)' }}>
            ■
          </span>{' '}
          Stop
        </button>
         <span role="timer" aria-label="Recording" title={`Time recorded and the file's size so far (it stops by itself at ${megabytes(status.maxBytes)})`} className={full ? undefined : 'muted'} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
          {full ? `Size limit reached (${megabytes(status.maxBytes)}): Stop saves it` : `Recording ${elapsed} · ${megabytes(status.bytes)}`}
        </span>
      </span>
    )
  }
  return (
    <button
      type="button"
      onClick={() => void start()}
      disabled={busy || !live}
      title={live ? 'Record the live session (snapshot, changes, samples, events) to a file, at most 50 MB' : 'Go back to the live host to record it'}
    >
      <span aria-hidden="true" style={{ color: live ? 'var(--sev-high)' : undefined }}>
        ●
      </span>{' '}
      Record
    </button>
  )
}

function megabytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 1)} MB`
}
