// The recording reader on the shipped demo (a plain `watch --json` capture, no header) and on
// files made from it: with header and end line, cut in the middle of a line, corrupt in the middle.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseRecording, RECORDING_FORMAT, type RecordingHeader } from '../../shared/recording-format'

const DEMO = readFileSync(join(__dirname, '../../assets/recordings/demo.ndjson'), 'utf8')
const demoLines = DEMO.split('\n').filter(Boolean)
const header: RecordingHeader = {
  type: 'header',
  format: RECORDING_FORMAT,
  version: 1,
  host: 'vm',
  endpoint: 'unix:///var/run/docker.sock',
  startedAt: '2026-11-28T17:59:38.000Z',
  command: ['glasshouse', 'record', '-o', 'x.ndjson'],
  intervalMs: 1000,
  maxBytes: 50 * 2 ** 20
}

describe('parseRecording', () => {
  it('reads the demo, which has no header, whole', () => {
    const parsed = parseRecording(DEMO)
    expect(parsed.fault).toBeNull()
    expect(parsed.header).toBeNull()
    expect(parsed.messages).toHaveLength(demoLines.length)
    expect(parsed.messages[0]?.type).toBe('snapshot')
  })

  it('reads the header and the end line apart from the messages', () => {
    const end = { type: 'end', at: '2026-11-28T18:00:40.000Z', reason: 'duration', messages: demoLines.length }
    const parsed = parseRecording([JSON.stringify(header), ...demoLines, JSON.stringify(end)].join('\n') + '\n')
    expect(parsed.fault).toBeNull()
    expect(parsed.header).toEqual(header)
    expect(parsed.end).toEqual(end)
    expect(parsed.messages).toHaveLength(demoLines.length)
  })

  it('a file cut in the middle of a line keeps every line before it and names the cut one', () => {
    const whole = [JSON.stringify(header), ...demoLines].join('\n') + '\n'
    const cutAt = whole.indexOf(demoLines[40]!) + 25
    const parsed = parseRecording(whole.slice(0, cutAt))
    // Line 1 is the header, so demo line 40 (0-based) is file line 42.
    expect(parsed.fault).toEqual({ line: 42, message: 'line 42 is cut off (the file ends in the middle of it)' })
    expect(parsed.messages).toHaveLength(40)
  })

  it('a corrupt line in the middle stops reading there', () => {
    const lines = [...demoLines]
    lines[10] = lines[10]!.replace('{', '{{')
    const parsed = parseRecording(lines.join('\n') + '\n')
    expect(parsed.fault).toEqual({ line: 11, message: 'line 11 is not valid JSON' })
    expect(parsed.messages).toHaveLength(10)
  })

  it('refuses what is not a recording, saying which line', () => {
    expect(parseRecording('{"type":"sample","at":"x"}\n').fault?.message).toBe('line 1: the first message is a sample, not a snapshot')
    expect(parseRecording(`${demoLines[0]}\n{"type":"bogus"}\n`).fault?.message).toBe('line 2: unknown message type "bogus"')
    expect(parseRecording(`${demoLines[0]}\n${JSON.stringify(header)}\n`).fault?.message).toBe('line 2: a header after the first line')
    expect(parseRecording(`${JSON.stringify({ ...header, version: 9 })}\n`).fault?.message).toMatch(/line 1: format version 9 is newer/)
    expect(parseRecording('').fault?.message).toBe('the file holds no snapshot')
  })
})
