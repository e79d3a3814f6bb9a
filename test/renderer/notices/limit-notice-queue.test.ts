import { describe, expect, it } from 'vitest'
import type { LiveEvent } from '../../../shared/live'
import { LimitNoticeQueue, type NoticeTimer } from '../../../renderer/notices/limit-notice-queue'

/** A clock the test moves by hand. */
function manualTimer(): NoticeTimer & { advance(ms: number): void } {
  let now = 0
  let seq = 0
  const due = new Map<number, { at: number; fn: () => void }>()
  return {
    setTimeout: (fn, ms) => (due.set(++seq, { at: now + ms, fn }), seq),
    clearTimeout: (h) => void due.delete(h as number),
    advance(ms) {
      const end = now + ms
      for (;;) {
        const next = [...due.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0]
        if (!next) break
        due.delete(next[0])
        now = next[1].at
        next[1].fn()
      }
      now = end
    }
  }
}

const hit = (n: number): LiveEvent => ({ type: 'event', kind: 'pids-limit', containerId: `c${n}`, containerName: `c${n}`, at: '', message: '', detail: {} })

describe('the limit notice queue', () => {
  it('says a burst once, and what arrives while a notice is up in one next notice', () => {
    const timer = manualTimer()
    const shown: number[] = []
    const queue = new LimitNoticeQueue({ show: (events) => shown.push(events.length), gatherMs: 1000, holdMs: 7000, timer })
    queue.offer([hit(1)])
    queue.offer([hit(2), hit(3)])
    timer.advance(999)
    expect(shown).toEqual([])
    timer.advance(1)
    expect(shown).toEqual([3])
    // A fork refused every second for five seconds while the notice is up: one more notice, after it.
    for (let i = 0; i < 5; i++) {
      queue.offer([hit(4)])
      timer.advance(1000)
    }
    expect(shown).toEqual([3])
    timer.advance(2000)
    expect(shown).toEqual([3, 5])
    timer.advance(7000)
    expect(shown).toEqual([3, 5])
    queue.offer([hit(5)])
    timer.advance(1000)
    expect(shown).toEqual([3, 5, 1])
  })
})
