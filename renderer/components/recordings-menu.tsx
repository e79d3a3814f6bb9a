// "Recordings": lists what the backend offers (recording:list) and opens one; in the desktop app
// also any recording file, chosen in the native open dialog (recording:open-file).
import { useEffect, useRef, useState } from 'react'
import type { RecordingInfo } from '../../shared/contract'
import { useSession } from '../session-context'
import { useApp } from '../store/app-store'

export function RecordingsMenu(): React.JSX.Element | null {
  const session = useSession()
  // In the store, so the desktop menu's "Open Recording…" can open it too.
  const open = useApp((s) => s.recordingsOpen)
  const setOpen = useApp((s) => s.setRecordingsOpen)
  const [list, setList] = useState<RecordingInfo[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const ref = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!open || !session) return
    let cancelled = false
    void session.listRecordings().then((r) => {
      if (cancelled) return
      if (r.ok) setList(r.value)
      else setError(r.error.message)
    })
    const onDoc = (e: MouseEvent): void => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false)
    }
    document.addEventListener('mousedown', onDoc)
    return () => {
      cancelled = true
      document.removeEventListener('mousedown', onDoc)
    }
  }, [open, session, setOpen])

  if (!session) return null
  return (
    <div className="menu" ref={ref} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <button type="button" aria-expanded={open} aria-haspopup="true" onClick={() => setOpen(!open)}>
        Recordings
      </button>
      {open && (
        <div className="menu__popover" role="menu" aria-label="Recordings">
          {error && <p className="muted">Could not list recordings: {error}</p>}
          {!error && list === null && <p className="muted">Loading…</p>}
          {list?.length === 0 && <p className="muted">No recordings available.</p>}
          {session.carrier === 'electron' && (
            <button
              type="button"
              role="menuitem"
              className="menu__item"
              onClick={() => {
                setOpen(false)
                void session.openRecordingFile()
              }}
            >
              <b>Open a file…</b>
              <span className="muted"> — a recording made with glasshouse record (or watch --json)</span>
            </button>
          )}
          {list?.map((r) => (
            <button
              key={r.name}
              type="button"
              role="menuitem"
              className="menu__item"
              onClick={() => {
                setOpen(false)
                void session.openRecording(r.name)
              }}
            >
              <b>{r.title}</b>
              <span className="muted"> — {r.description}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  )
}
