// The one transient notice, in the status line: it covers no control, a screen reader hears it
// (polite: it waits for a pause), and it goes away by itself. The live region is always in the
// page, so the first notice is announced too (regions added together with their text often are not).
import { useEffect } from 'react'
import { useApp } from '../store/app-store'

export function StatusNotice(): React.JSX.Element {
  const notice = useApp((s) => s.notice)
  const clear = useApp((s) => s.clearNotice)
  useEffect(() => {
    if (!notice) return
    const handle = setTimeout(() => clear(notice.seq), notice.ms)
    return () => clearTimeout(handle)
  }, [notice, clear])
  return (
    <span className={`status-notice${notice ? ` status-notice--${notice.tone}` : ''}`} aria-live="polite" aria-atomic="true" data-testid="status-notice">
      {notice && (
        <>
          <span aria-hidden="true" className="status-notice__mark">
            {notice.tone === 'alert' ? '▲ ' : '✓ '}
          </span>
          <span className="status-notice__text" title={notice.text}>
            {notice.text}
          </span>
        </>
      )}
    </span>
  )
}
