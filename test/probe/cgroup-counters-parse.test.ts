import { describe, expect, it } from 'vitest'
import {
  nanosToMicros,
  parseBlkioBytes,
  parseIoStat,
  parsePsiSomeAvg10,
  parseWorkingSet,
  safeCount
} from '../../main/probe/cgroup-counters-parse'
import { workingSet } from '../../main/probe/cgroup-values'

describe('counter parsers', () => {
  it('reads the some avg10 of a PSI file, with or without a full line', () => {
    expect(parsePsiSomeAvg10('some avg10=11.08 avg60=2.21 avg300=0.46 total=2060225\nfull avg10=9.00 avg60=2.21 avg300=0.46 total=2056541\n')).toEqual({ ok: true, value: 11.08 })
    expect(parsePsiSomeAvg10('some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n')).toEqual({ ok: true, value: 0 })
    expect(parsePsiSomeAvg10('full avg10=1.00 avg60=0 avg300=0 total=0\n').ok).toBe(false)
    expect(parsePsiSomeAvg10('some avg10=x\n').ok).toBe(false)
  })

  it('sums Read and Write of a v1 blkio table over devices, ignoring the totals', () => {
    const text = '254:0 Read 8192\n254:0 Write 4206592\n254:0 Sync 4214784\n254:0 Total 4214784\n8:0 Read 100\n8:0 Write 1\nTotal 4214885\n'
    expect(parseBlkioBytes(text)).toEqual({ ok: true, value: { readBytes: 8292, writeBytes: 4206593 } })
    expect(parseBlkioBytes('Total 0\n')).toEqual({ ok: true, value: { readBytes: 0, writeBytes: 0 } })
    expect(parseBlkioBytes('254:0 Read lots\n').ok).toBe(false)
  })

  it('sums rbytes and wbytes of v2 io.stat; an empty file is zero I/O', () => {
    const text = '254:0 rbytes=10 wbytes=20 rios=1 wios=2 dbytes=0 dios=0\n8:16 rbytes=5 wbytes=7 rios=1 wios=1 dbytes=0 dios=0\n'
    expect(parseIoStat(text)).toEqual({ ok: true, value: { readBytes: 15, writeBytes: 27 } })
    expect(parseIoStat('')).toEqual({ ok: true, value: { readBytes: 0, writeBytes: 0 } })
    expect(parseIoStat('rbytes=5\n').ok).toBe(false)
    expect(parseIoStat('254:0 rbytes=-1\n').ok).toBe(false)
  })

  it('keeps big counters exact or drops them, never rounds', () => {
    expect(nanosToMicros(2983810193n)).toBe(2983810)
    expect(nanosToMicros(null)).toBeNull()
    expect(safeCount(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toBeNull()
    expect(safeCount(undefined)).toBeNull()
  })

  it('computes the working set exactly like cgroup-values workingSet, malformed files included', () => {
    const texts = [
      'cache 100\nrss 200\ntotal_inactive_file 4096\n',
      'total_inactive_file 999999999\n',
      'total_inactive_file 0\n',
      '  total_inactive_file   4096  \n\n',
      'rss 1\n',
      '',
      'total_inactive_file -5\n',
      'total_inactive_file 4096 extra\n',
      'total_inactive_file\n',
      'not a keyed file at all\n',
      'total_inactive_file 4096\ngarbage line here\n',
      'total_inactive_file 12\ntotal_inactive_file 34\n',
      'total_inactive_file 99999999999999999999\n'
    ]
    for (const text of texts) {
      const expected = workingSet(1_000_000, text, 'total_inactive_file')
      const actual = parseWorkingSet(1_000_000, text, 'total_inactive_file')
      expect(actual.ok, JSON.stringify(text)).toBe(expected.ok)
      if (expected.ok && actual.ok) expect(actual.value, JSON.stringify(text)).toBe(expected.value)
    }
  })
})
