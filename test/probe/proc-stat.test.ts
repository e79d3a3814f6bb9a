import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseStat } from '../../main/probe/proc-stat'
import { V1_HOST } from './support/paths'

const text = (pid: number): string => readFileSync(join(V1_HOST, String(pid), 'stat'), 'utf8')

describe('parseStat', () => {
  it('reads pid, comm, state, ppid and starttime (field 22) of a container init', () => {
    expect(parseStat(text(8495))).toEqual({
      ok: true,
      value: { pid: 8495, comm: 'sleep', state: 'S', ppid: 8473, startTicks: 52445 }
    })
  })

  it("splits at the last ')' when the comm holds spaces and ')'", () => {
    expect(parseStat(text(8767))).toEqual({
      ok: true,
      value: { pid: 8767, comm: 'a) (b c)', state: 'S', ppid: 8457, startTicks: 52645 }
    })
  })

  it("survives a comm that looks like more fields and holds a newline", () => {
    const forged = text(8495).replace('(sleep)', '(x) R 1 2 3\n)')
    expect(parseStat(forged)).toMatchObject({ ok: true, value: { comm: 'x) R 1 2 3\n', state: 'S', ppid: 8473, startTicks: 52445 } })
  })

  it('reads kernel threads and zombies', () => {
    expect(parseStat(text(2))).toMatchObject({ ok: true, value: { comm: 'kthreadd', ppid: 0, startTicks: 25 } })
    expect(parseStat(text(8770))).toMatchObject({ ok: true, value: { state: 'Z', ppid: 8768 } })
  })

  it('reports the captured truncated stat as malformed', () => {
    expect(parseStat(text(9003))).toEqual({ ok: false, detail: expect.stringContaining('parentheses') })
  })

  it.each([
    ['too few fields', '1 (init) S 0 1 1', 'field 22'],
    ['a non-numeric pid', 'x (init) S 0', 'field 1'],
    ['a non-numeric ppid', '1 (init) S x', 'field 4'],
    ['no state letter', '1 (init) 0 0', 'field 3'],
    ['empty text', '', 'parentheses']
  ])('reports %s as malformed', (_label, source, detail) => {
    expect(parseStat(source)).toEqual({ ok: false, detail: expect.stringContaining(detail) })
  })
})
