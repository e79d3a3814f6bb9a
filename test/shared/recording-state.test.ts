// The state at a moment of the shipped demo: the events up to then, and the structure with the
// patches up to then applied.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseRecording } from '../../shared/recording-format'
import { formatOffset, messageOffsets, messageTime, parseOffset, recordingDuration, stateAt } from '../../shared/recording-state'
import type { LiveEvent } from '../../shared/live'

const { messages } = parseRecording(readFileSync(join(__dirname, '../../assets/recordings/demo.ndjson'), 'utf8'))
const first = messageTime(messages[0]!)
const events = messages.filter((m): m is LiveEvent => m.type === 'event')

describe('stateAt', () => {
  it('holds exactly the events stamped up to the moment', () => {
    expect(events.length).toBeGreaterThan(5)
    for (const event of events) {
      const offset = Date.parse(event.at) - first
      const at = stateAt(messages, offset)!
      expect((at.events.at(-1)?.at ?? '') <= event.at).toBe(true)
      expect(at.events.filter((e) => Date.parse(e.at) - first > offset)).toEqual([])
      expect(at.events.length).toBe(events.filter((e) => Date.parse(e.at) - first <= offset).length)
    }
  })

  it('at 0 is the first snapshot; at the end every message is applied', () => {
    expect(stateAt(messages, 0)!.snapshot).toBe(messages[0]!.type === 'snapshot' ? messages[0]!.snapshot : null)
    const end = stateAt(messages, recordingDuration(messages))!
    expect(end.applied).toBe(messages.length)
    expect(end.events).toHaveLength(events.length)
    expect(stateAt(messages, 10 * recordingDuration(messages))!.offsetMs).toBe(recordingDuration(messages))
  })

  it('offsets never go back', () => {
    const offsets = messageOffsets(messages)
    for (let i = 1; i < offsets.length; i++) expect(offsets[i]!).toBeGreaterThanOrEqual(offsets[i - 1]!)
  })
})

describe('offsets as text', () => {
  it('reads 30s, 2m, 1h, 500ms and plain seconds', () => {
    expect([parseOffset('30s'), parseOffset('2m'), parseOffset('1h'), parseOffset('500ms'), parseOffset('12'), parseOffset('x')]).toEqual([30_000, 120_000, 3_600_000, 500, 12_000, null])
    expect([formatOffset(65_000), formatOffset(3_059), formatOffset(59_960)]).toEqual(['1:05', '0:03.1', '1:00'])
  })
})
