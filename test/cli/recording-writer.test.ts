// The recording writer on a real file: every line is on disk as soon as it is written (the file
// parses after each write), the size bound stops it cleanly with an end line, and sizes parse.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseRecording } from '../../shared/recording-format'
import type { LiveMessage } from '../../shared/live'
import { parseSize, RecordingWriter } from '../../main/cli/recording-writer'

const dir = mkdtempSync(join(tmpdir(), 'glasshouse-writer-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const demo = parseRecording(readFileSync(join(__dirname, '../../assets/recordings/demo.ndjson'), 'utf8')).messages

describe('RecordingWriter', () => {
  it('leaves a readable file after every line, and an end line at the end', () => {
    const path = join(dir, 'whole.ndjson')
    const writer = new RecordingWriter(path, 50 * 2 ** 20)
    for (const [i, m] of demo.slice(0, 20).entries()) {
      expect(writer.write(m)).toBe('written')
      const parsed = parseRecording(readFileSync(path, 'utf8'))
      expect(parsed.fault).toBeNull()
      expect(parsed.messages).toHaveLength(i + 1)
    }
    writer.end('interrupted')
    const parsed = parseRecording(readFileSync(path, 'utf8'))
    expect(parsed.end).toMatchObject({ reason: 'interrupted', messages: 20 })
  })

  it('stops before the bound, says so in the end line, and stays under it', () => {
    const path = join(dir, 'bounded.ndjson')
    // Room for the first 30 messages and a little: the 31st no longer fits with the end line's reserve (256 bytes).
    const bound = demo.slice(0, 30).reduce((n, m) => n + Buffer.byteLength(JSON.stringify(m)) + 1, 0) + 256 + 10
    const writer = new RecordingWriter(path, bound)
    const outcomes: string[] = demo.map((m: LiveMessage) => writer.write(m))
    writer.end('duration')
    const stopped = outcomes.indexOf('size-limit')
    expect(stopped).toBe(30)
    expect(outcomes.slice(stopped).every((o) => o === 'size-limit')).toBe(true)
    expect(statSync(path).size).toBeLessThanOrEqual(bound)
    const parsed = parseRecording(readFileSync(path, 'utf8'))
    expect(parsed.fault).toBeNull()
    expect(parsed.messages).toEqual(demo.slice(0, stopped))
    expect(parsed.end).toMatchObject({ reason: 'size-limit', messages: stopped })
  })

  it('parses sizes', () => {
    expect([parseSize('50M'), parseSize('1.5G'), parseSize('500K'), parseSize('2000'), parseSize('10MiB'), parseSize('ten')]).toEqual([
      50 * 2 ** 20,
      1.5 * 2 ** 30,
      500 * 1024,
      2000,
      10 * 2 ** 20,
      null
    ])
  })
})
