// The event stream's lines, on a stream recorded from the real daemon (Docker 20.10.24, API 1.41;
// test/fixtures/engine/record-events.sh) cut into chunks every possible way.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createLineSplitter, parseEventLine, type DockerEvent } from '../../main/engine/event-lines'

const RECORDED = readFileSync(join(__dirname, '../fixtures/engine/events-lifecycle.ndjson'))
const RECORDED_LINES = RECORDED.toString('utf8').split('\n').filter((l) => l !== '')
const MAIN_ID = 'd75cdf22f4b145cd418661da85f54dcd7d814223340a44c71430037a81a49ca0'
const EXIT3_ID = '9fc38668c45c33d25b386cc441be67e3534630b11a5c420e91e723149b017e21'

function splitAll(chunks: readonly Uint8Array[]): string[] {
  const splitter = createLineSplitter()
  const lines = chunks.flatMap((c) => splitter.push(c))
  const tail = splitter.end()
  return tail === null ? lines : [...lines, tail]
}

function events(lines: readonly string[]): DockerEvent[] {
  return lines.map((line) => {
    const parsed = parseEventLine(line)
    if (!parsed.ok) throw new Error(parsed.reason)
    return parsed.event
  })
}

function rawTimeNanos(text: string): string[] {
  return [...text.matchAll(/"timeNano":(\d+)/g)].map((m) => m[1] as string)
}

describe('the recorded stream', () => {
  it('has 36 lines, several with multi-byte UTF-8 (so byte offsets can cut a character)', () => {
    expect(RECORDED_LINES).toHaveLength(36)
    expect(RECORDED.toString('utf8')).toContain('naïve ☃')
    expect(RECORDED.length - RECORDED.toString('utf8').length).toBeGreaterThan(36)
  })

  it('splits into the same lines when cut in two at every byte offset', () => {
    for (let cut = 0; cut <= RECORDED.length; cut++) {
      const lines = splitAll([RECORDED.subarray(0, cut), RECORDED.subarray(cut)])
      if (lines.length !== RECORDED_LINES.length || lines.some((l, i) => l !== RECORDED_LINES[i])) {
        expect.fail(`cut at byte ${cut} gave ${lines.length} lines, first difference at ${lines.findIndex((l, i) => l !== RECORDED_LINES[i])}`)
      }
    }
  })

  it('splits into the same lines fed one byte at a time, and in irregular chunks', () => {
    const bytes = Array.from({ length: RECORDED.length }, (_, i) => RECORDED.subarray(i, i + 1))
    expect(splitAll(bytes)).toEqual(RECORDED_LINES)
    // Deterministic irregular sizes 1..700 (a simple LCG, so a failure replays).
    let seed = 42
    const chunks: Buffer[] = []
    for (let at = 0; at < RECORDED.length; ) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      const size = 1 + (seed % 700)
      chunks.push(RECORDED.subarray(at, at + size))
      at += size
    }
    expect(splitAll(chunks)).toEqual(RECORDED_LINES)
  })

  it('splits CRLF-terminated lines the same way, at every offset', () => {
    const crlf = Buffer.from(RECORDED.toString('utf8').replaceAll('\n', '\r\n'), 'utf8')
    for (let cut = 0; cut <= crlf.length; cut += 7) {
      expect(splitAll([crlf.subarray(0, cut), crlf.subarray(cut)])).toEqual(RECORDED_LINES)
    }
  })

  it('parses every line into a container event with the verb, the detail and all attributes', () => {
    const parsed = events(RECORDED_LINES)
    expect(parsed.map((e) => e.action)).toEqual([
      'create', 'start',
      'exec_create', 'exec_start', 'exec_die',
      'exec_create', 'exec_start', 'exec_die',
      'update', 'pause', 'unpause', 'rename',
      'kill', 'kill', 'die', 'stop',
      'start',
      'kill', 'kill', 'die', 'stop', 'start', 'restart',
      'update', 'exec_create', 'exec_start', 'oom', 'exec_die',
      'create', 'attach', 'start', 'die', 'destroy',
      'kill', 'die', 'destroy'
    ])
    expect(parsed.every((e) => e.type === 'container')).toBe(true)

    const [create] = parsed
    expect(create).toMatchObject({
      id: MAIN_ID,
      name: 'gh-ev-14130',
      image: 'glasshouse-test:busybox',
      detail: null,
      time: 1795885272,
      timeNano: '1795885272121359404',
      at: '2026-11-28T17:01:12.121Z'
    })
    // Labels are merged into the attributes, name and image beside them.
    expect(create?.attributes).toEqual({
      'glasshouse.fixture-run': 'rec-events-14130-1795885271',
      'glasshouse.note': 'naïve ☃',
      'glasshouse.test': 'fixture',
      image: 'glasshouse-test:busybox',
      name: 'gh-ev-14130'
    })
  })

  it('keeps the exec command after the first ": " as the detail, and the exec exit codes', () => {
    const parsed = events(RECORDED_LINES)
    expect(parsed[2]).toMatchObject({ action: 'exec_create', detail: 'sh -c echo héllo: world' })
    expect(parsed[3]).toMatchObject({ action: 'exec_start', detail: 'sh -c echo héllo: world' })
    expect(parsed[4]?.attributes).toMatchObject({ exitCode: '0' })
    expect(parsed[3]?.attributes.execID).toBe(parsed[4]?.attributes.execID)
    expect(parsed[7]?.attributes).toMatchObject({ exitCode: '3' })
    expect(parsed[25]).toMatchObject({ action: 'exec_start', detail: 'dd if=/dev/zero of=/dev/null bs=64M count=1' })
    // An OOM kill of an exec'd process: oom, then the exec dies with 137 while the container lives on.
    expect(parsed[27]?.attributes).toMatchObject({ exitCode: '137' })
  })

  it('reads the signal of kill, the exit code of die, the old name of rename', () => {
    const parsed = events(RECORDED_LINES)
    expect(parsed.slice(12, 16).map((e) => [e.action, e.attributes.signal ?? e.attributes.exitCode ?? null])).toEqual([
      ['kill', '15'],
      ['kill', '9'],
      ['die', '137'],
      ['stop', null]
    ])
    expect(parsed[11]).toMatchObject({ action: 'rename', name: 'gh-ev-14130-renamed' })
    expect(parsed[11]?.attributes.oldName).toBe('/gh-ev-14130')
    expect(parsed[31]).toMatchObject({ action: 'die', id: EXIT3_ID, name: 'gh-ev-14130-exit3' })
    expect(parsed[31]?.attributes.exitCode).toBe('3')
  })

  it('keeps every digit of timeNano, which JSON.parse would round', () => {
    const parsed = events(RECORDED_LINES)
    const raw = rawTimeNanos(RECORDED.toString('utf8'))
    expect(parsed.map((e) => e.timeNano)).toEqual(raw)
    // The recorded values are beyond 2^53: the test would catch a parser that used JSON.parse's number.
    const rounded = RECORDED_LINES.map((l) => String(BigInt((JSON.parse(l) as { timeNano: number }).timeNano)))
    expect(rounded.filter((r, i) => r !== raw[i]).length).toBeGreaterThan(30)
    for (const e of parsed) {
      expect(BigInt(e.timeNano) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true)
      expect(e.at).toBe(new Date(Number(BigInt(e.timeNano) / 1_000_000n)).toISOString())
      expect(BigInt(e.timeNano) / 1_000_000_000n).toBe(BigInt(e.time))
    }
  })
})

describe('timeNano precision', () => {
  const line = (timeNano: string): string =>
    `{"Type":"container","Action":"start","Actor":{"ID":"abc","Attributes":{"name":"x","timeNano":"1"}},"scope":"local","time":1795885272,"timeNano":${timeNano}}`

  it('derives the millisecond from the exact digits where rounding would move it', () => {
    // As a double this is …307000064: in the next millisecond.
    expect(BigInt(JSON.parse('1795885272306999999') as number) / 1_000_000n).toBe(1795885272307n)
    const parsed = parseEventLine(line('1795885272306999999'))
    expect(parsed).toMatchObject({ ok: true, event: { timeNano: '1795885272306999999', at: '2026-11-28T17:01:12.306Z' } })
  })

  it('is not fooled by a timeNano-named attribute (a string) or text inside values', () => {
    const tricky = `{"Type":"container","Action":"exec_start: echo \\"timeNano\\":5","Actor":{"ID":"abc","Attributes":{}},"time":1795885272,"timeNano":1795885272999999999}`
    expect(parseEventLine(tricky)).toMatchObject({ ok: true, event: { timeNano: '1795885272999999999', detail: 'echo "timeNano":5' } })
    expect(parseEventLine(line('1795885272000000001'))).toMatchObject({ ok: true, event: { timeNano: '1795885272000000001' } })
  })

  it('falls back to the seconds when timeNano is missing', () => {
    const parsed = parseEventLine('{"Type":"container","Action":"die","Actor":{"ID":"abc"},"time":1795885272}')
    expect(parsed).toMatchObject({ ok: true, event: { timeNano: '1795885272000000000', at: '2026-11-28T17:01:12.000Z', attributes: {} } })
  })
})

describe('daemon versions', () => {
  it('reads an API 1.52 (Docker 29) line without status/id/from — HAND-MADE, not recorded', () => {
    // Derived from a recorded line by removing the legacy fields, as the API changelog says Docker 29
    // does. No Docker 29 daemon was available to record one.
    const recorded = RECORDED_LINES[14] as string
    const handMade = recorded.replace(/^\{"status":"[^"]*","id":"[0-9a-f]{64}","from":"[^"]*",/, '{')
    expect(handMade).not.toBe(recorded)
    expect(handMade).not.toMatch(/"status"|"from"|"id"/)
    const fromRecorded = parseEventLine(recorded)
    const fromHandMade = parseEventLine(handMade)
    expect(fromHandMade).toEqual(fromRecorded)
    expect(fromHandMade).toMatchObject({ ok: true, event: { action: 'die', id: MAIN_ID, image: 'glasshouse-test:busybox' } })
  })

  it('reads a pre-1.22 line that has only the legacy fields', () => {
    const parsed = parseEventLine('{"status":"start","id":"abc123","from":"busybox:latest","time":1461943101,"timeNano":1461943101381709551}')
    expect(parsed).toEqual({
      ok: true,
      event: {
        type: 'container',
        action: 'start',
        detail: null,
        id: 'abc123',
        name: '',
        image: 'busybox:latest',
        attributes: {},
        time: 1461943101,
        timeNano: '1461943101381709551',
        at: '2016-04-29T15:18:21.381Z'
      }
    })
  })

  it('splits a health_status action like an exec one', () => {
    const parsed = parseEventLine('{"Type":"container","Action":"health_status: unhealthy","Actor":{"ID":"abc","Attributes":{"name":"web"}},"time":1,"timeNano":1000000000}')
    expect(parsed).toMatchObject({ ok: true, event: { action: 'health_status', detail: 'unhealthy', name: 'web' } })
  })
})

describe('lines that are not events', () => {
  it('are reported with the reason, never thrown', () => {
    expect(parseEventLine('not json at all')).toMatchObject({ ok: false, reason: expect.stringContaining('not JSON') })
    expect(parseEventLine('{"Type":"container","Action":"sta')).toMatchObject({ ok: false, reason: expect.stringContaining('not JSON') })
    expect(parseEventLine('[1,2]')).toEqual({ ok: false, reason: 'not a JSON object: [1,2]' })
    expect(parseEventLine('{"Type":"container","time":1}')).toMatchObject({ ok: false, reason: expect.stringContaining('no Action') })
    expect(parseEventLine('{"Type":"container","Action":"start"}')).toMatchObject({ ok: false, reason: expect.stringContaining('no time') })
    expect(parseEventLine('{"Action":"start","time":1e300}')).toMatchObject({ ok: false, reason: expect.stringContaining('no time') })
    expect(parseEventLine('{"Action":"start","timeNano":99999999999999999999999999}')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('time out of range')
    })
  })

  it('quote at most 80 characters of the line', () => {
    const parsed = parseEventLine(`garbage ${'x'.repeat(500)}`)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.reason.length).toBeLessThan(200)
  })

  it('do not stop the lines around them', () => {
    const stream = `${RECORDED_LINES[0]}\n<html>502 Bad Gateway</html>\n${RECORDED_LINES[1]}\n`
    const results = splitAll([Buffer.from(stream)]).map(parseEventLine)
    expect(results.map((r) => r.ok)).toEqual([true, false, true])
  })
})

describe('createLineSplitter', () => {
  it('holds a partial line until the rest arrives, and returns several lines from one chunk', () => {
    const splitter = createLineSplitter()
    expect(splitter.push('{"a":1}\n{"b"')).toEqual(['{"a":1}'])
    expect(splitter.push(':2}')).toEqual([])
    expect(splitter.push('\n{"c":3}\n{"d":4}\n{"e"')).toEqual(['{"b":2}', '{"c":3}', '{"d":4}'])
    expect(splitter.end()).toBe('{"e"')
    expect(splitter.end()).toBeNull()
  })

  it('ignores empty and blank lines, and strips CR', () => {
    const splitter = createLineSplitter()
    expect(splitter.push('\n\r\n  \n{"a":1}\r\n\n{"b":2}\r')).toEqual(['{"a":1}'])
    expect(splitter.push('\n')).toEqual(['{"b":2}'])
    expect(splitter.end()).toBeNull()
  })

  it('decodes a UTF-8 character cut between chunks', () => {
    const bytes = Buffer.from('{"n":"☃"}\n')
    const splitter = createLineSplitter()
    expect(splitter.push(bytes.subarray(0, 7))).toEqual([])
    expect(splitter.push(bytes.subarray(7))).toEqual(['{"n":"☃"}'])
  })

  it('drops a line longer than the limit, even across chunks, and carries on after it', () => {
    const dropped: number[] = []
    const splitter = createLineSplitter({ maxLineBytes: 10, onDropped: (n) => dropped.push(n) })
    expect(splitter.push('{"a":1}\n0123456789AB')).toEqual(['{"a":1}'])
    expect(splitter.push('CDEF')).toEqual([])
    expect(splitter.push('GH\n{"b":2}\n0123456789xyz\n')).toEqual(['{"b":2}'])
    expect(dropped).toEqual([18, 13])
    expect(splitter.push('0123456789ABC')).toEqual([])
    expect(splitter.end()).toBeNull()
    expect(dropped).toEqual([18, 13, 13])
  })
})
