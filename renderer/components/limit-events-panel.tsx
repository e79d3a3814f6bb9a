// The host-wide list of recent limit events, one click from every view: a button in the status line
// and, above it, a panel with one row per container and kind (kind, count, last time). Choosing a row
// selects that container, so the current view shows it.
import { useEffect, useRef } from 'react'
import { LIMIT_KINDS, selectLimitHitCount, selectLimitRows, timesText, type LimitRow } from '../selectors/limit-events'
import { useApp } from '../store/app-store'
import { clockTime } from '../viz/clock-time'

export function LimitEventsButton(): React.JSX.Element {
  const events = useApp((s) => s.events)
  const open = useApp((s) => s.limitEventsOpen)
  const setOpen = useApp((s) => s.setLimitEventsOpen)
  const hits = selectLimitHitCount(events)
  return (
    <button
      type="button"
      className={`status-line__limits${hits > 0 ? ' has-hits' : ''}`}
      aria-expanded={open}
      aria-controls="limit-events-panel"
      onClick={() => setOpen(!open)}
    >
      Limit events{hits > 0 ? ` · ${hits}` : ''}
    </button>
  )
}

export function LimitEventsPanel(): React.JSX.Element | null {
  const events = useApp((s) => s.events)
  const open = useApp((s) => s.limitEventsOpen)
  const setOpen = useApp((s) => s.setLimitEventsOpen)
  const select = useApp((s) => s.selectContainer)
  const containers = useApp((s) => s.snapshot?.containers)
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (open) ref.current?.focus()
  }, [open])
  if (!open) return null
  const rows = selectLimitRows(events)
  const known = new Set((containers ?? []).map((c) => c.id))
  const choose = (row: LimitRow): void => {
    select(row.containerId)
    setOpen(false)
  }
  return (
    <div
      id="limit-events-panel"
      className="limit-panel"
      role="dialog"
      aria-label="Recent limit events"
      tabIndex={-1}
      ref={ref}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setOpen(false)
      }}
    >
      <div className="limit-panel__head">
        <h2>Recent limit events</h2>
        <button type="button" className="link" onClick={() => setOpen(false)} aria-label="Close the limit events">
          ✕
        </button>
      </div>
      {rows.length === 0 ? (
        <p className="muted limit-panel__empty">No container has hit a limit since this page opened: no OOM kill, no refused fork, no CPU throttling.</p>
      ) : (
        <table className="limit-panel__table">
          <thead>
            <tr>
              <th scope="col">Container</th>
              <th scope="col">Limit</th>
              <th scope="col">Last</th>
              <th scope="col">Count</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className={`limit-row limit-row--${LIMIT_KINDS[row.kind].level}`} title={row.message}>
                <td className="limit-row__name">
                  {known.has(row.containerId) ? (
                    <button type="button" className="link" onClick={() => choose(row)}>
                      {row.containerName || row.containerId.slice(0, 12)}
                    </button>
                  ) : (
                    <span className="muted">{row.containerName || row.containerId.slice(0, 12)} (gone)</span>
                  )}
                </td>
                <td className="limit-row__kind">{LIMIT_KINDS[row.kind].label}</td>
                <td className="limit-row__time mono">{clockTime(row.lastAt)}</td>
                <td className="limit-row__count">· {timesText(row.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
