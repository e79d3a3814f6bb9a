import { describe, expect, it } from 'vitest'
import type { LiveMessage } from '../../../shared/live'
import { RecordingPlayer } from '../../../renderer/connection/recording-player'
import type { Playback } from '../../../renderer/store/source-slice'
import { syntheticRecording } from '../support/synthetic-live'
import { variedSnapshot } from '../support/fixture'

function harness(messages: LiveMessage[]) {
  const applied: LiveMessage[] = []
  const progress: Playback[] = []
  const timers: Array<{ fn: () => void; at: number }> = []
  let now = 0
  const player = new RecordingPlayer(
    messages,
    { apply: (m) => applied.push(...m), reset: () => (applied.length = 0), progress: (p) => progress.push(p) },
    { setTimeout: (fn, ms) => timers.push({ fn, at: now + ms }), clearTimeout: () => (timers.length = 0) },
    () => now
  )
  const advance = (ms: number): void => {
    now += ms
    for (;;) {
      timers.sort((a, b) => a.at - b.at)
      const due = timers[0]
      if (!due || due.at > now) break
      timers.shift()
      due.fn()
    }
  }
  return { player, applied, progress, advance }
}

describe('replaying a recording', () => {
  const recording = syntheticRecording(variedSnapshot(), 10)
  it('applies the snapshot at once, then the rest at the pace it was recorded', () => {
    const h = harness(recording.messages)
    h.player.start()
    expect(h.applied[0]?.type).toBe('snapshot')
    const atStart = h.applied.length
    h.advance(3000)
    expect(h.applied.length).toBeGreaterThan(atStart)
    expect(h.applied.length).toBeLessThan(recording.messages.length)
    h.advance(60_000)
    expect(h.applied).toHaveLength(recording.messages.length)
    expect(h.progress.at(-1)).toMatchObject({ playing: false, position: recording.messages.length, durationSeconds: 10 })
  })
  it('pauses, resumes where it stopped, and shows everything on request', () => {
    const h = harness(recording.messages)
    h.player.start()
    h.advance(2000)
    h.player.pause()
    const paused = h.applied.length
    h.advance(20_000)
    expect(h.applied.length).toBe(paused)
    h.player.resume()
    h.advance(1000)
    expect(h.applied.length).toBeGreaterThan(paused)
    h.player.showAll()
    expect(h.applied).toHaveLength(recording.messages.length)
  })
  it('replays from the start after a reset', () => {
    const h = harness(recording.messages)
    h.player.start()
    h.player.showAll()
    h.player.start()
    expect(h.applied[0]?.type).toBe('snapshot')
    expect(h.applied.length).toBeLessThan(recording.messages.length)
  })
})
