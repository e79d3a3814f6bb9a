// Watches the store for limit hits arriving live and says them in the status line's notice, whatever
// view is open. Only events that arrive after the page started count: those seeded from history were
// not news when the page opened (they show in the sidebar badges and the limit-event list instead).
import { useEffect } from 'react'
import { LimitNoticeQueue } from '../notices/limit-notice-queue'
import { isLimitHit, noticeText } from '../selectors/limit-events'
import { useAppStore } from '../store/app-store'
import { NOTICE_MS } from '../store/ui-slice'

export const NOTICE_GATHER_MS = 1000

export function useLimitNotices(): void {
  const store = useAppStore()
  useEffect(() => {
    const queue = new LimitNoticeQueue({
      show: (events) => store.getState().showNotice(noticeText(events), { tone: 'alert', ms: NOTICE_MS }),
      gatherMs: NOTICE_GATHER_MS,
      holdMs: NOTICE_MS
    })
    let seen = store.getState().liveEventCount
    const unsubscribe = store.subscribe((state) => {
      const count = state.liveEventCount
      if (count === seen) return
      // A reset (another recording, back to live) starts counting again.
      const fresh = count > seen ? Math.min(count - seen, state.events.length) : 0
      seen = count
      if (fresh > 0) queue.offer(state.events.slice(state.events.length - fresh).filter(isLimitHit))
    })
    return () => {
      unsubscribe()
      queue.dispose()
    }
  }, [store])
}
