// The time scrubber's seek on the shipped demo: forward applies what comes up to the moment, back
// rebuilds from the start; the store then holds exactly the messages up to it, as stateAt says.
import { describe, expect, it } from 'vitest'
import type { LiveMessage } from '../../../shared/live'
import { parseRecording } from '../../../shared/recording-format'
import { messageOffsets, stateAt } from '../../../shared/recording-state'
import { RecordingPlayer } from '../../../renderer/connection/recording-player'
import type { Playback } from '../../../renderer/store/source-slice'
import demo from '../../../assets/recordings/demo.ndjson?raw'

const { messages } = parseRecording(demo)
const offsets = messageOffsets(messages)

function harness() {
  let applied: LiveMessage[] = []
  let resets = 0
  const progress: Playback[] = []
  const timers: Array<{ fn: () => void; at: number }> = []
  let now = 0
  const player = new RecordingPlayer(
    messages,
    { apply: (m) => (applied = [...applied, ...m]), reset: () => ((applied = []), resets++), progress: (p) => progress.push(p) },
    { setTimeout: (fn, ms) => timers.push({ fn, at: now + ms }), clearTimeout: () => (timers.length = 0) },
    () => now
  )
  return { player, applied: () => applied, resets: () => resets, last: () => progress.at(-1)!, tick: (ms: number) => (now += ms) }
}

describe('seeking a recording', () => {
  const duration = offsets.at(-1)!
  const middle = Math.round(duration / 2)

  it('forward, back and forward again hold exactly the messages up to the moment', () => {
    const h = harness()
    h.player.start()
    h.player.pause()
    for (const target of [middle, duration, 1500, 0, middle + 777]) {
      h.player.seek(target)
      const expected = messages.filter((_, i) => offsets[i]! <= target)
      expect(h.applied()).toEqual(expected)
      expect(h.applied().length).toBe(stateAt(messages, target)!.applied)
      expect(h.last()).toMatchObject({ elapsedMs: target, durationMs: duration, position: expected.length, playing: false })
    }
  })

  it('forward does not clear the store; back does', () => {
    const h = harness()
    h.player.start()
    h.player.pause()
    const before = h.resets()
    h.player.seek(middle)
    expect(h.resets()).toBe(before)
    h.player.seek(1000)
    expect(h.resets()).toBe(before + 1)
  })

  it('playing, it goes on playing from the moment sought', () => {
    const h = harness()
    h.player.start()
    h.player.seek(middle)
    expect(h.last()).toMatchObject({ playing: true, elapsedMs: middle })
    expect(h.last().marks?.filter((m) => m.kind === 'oom-kill').length).toBe(messages.filter((m) => m.type === 'event' && m.kind === 'oom-kill').length)
  })
})
