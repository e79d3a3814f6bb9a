import { describe, expect, it } from 'vitest'
import {
  isNarrower,
  keyedCount,
  keyedSeconds,
  limitToNumber,
  parseCfsQuota,
  parseCount,
  parseCpuList,
  parseCpuMax,
  parseLimit,
  parseLimitBig,
  parseOomControl,
  parseSeconds,
  parseWeight,
  workingSet,
  type Parsed
} from '../../main/probe/cgroup-values'

function value<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw new Error(`expected a value, got: ${parsed.detail}`)
  return parsed.value
}

describe('limits', () => {
  it('treats v1 unlimited (9223372036854771712), anything from 2^53−1 up, and "max" as no limit', () => {
    expect(value(parseLimit('9223372036854771712\n'))).toBeNull()
    expect(value(parseLimit(String(Number.MAX_SAFE_INTEGER)))).toBeNull()
    expect(value(parseLimit('max\n'))).toBeNull()
    expect(value(parseLimit(String(Number.MAX_SAFE_INTEGER - 1)))).toBe(Number.MAX_SAFE_INTEGER - 1)
    expect(value(parseLimit('67108864\n'))).toBe(67108864)
    expect(value(parseLimit('0'))).toBe(0)
  })

  it('rejects what is not a limit', () => {
    for (const bad of ['lots', '', '-5', '64m', '1.5', '12 34']) expect(parseLimit(bad).ok, bad).toBe(false)
    expect(parseLimit('lots')).toEqual({ ok: false, detail: 'expected an integer or "max", got "lots"' })
  })

  it('adds v2 memory and swap limits exactly', () => {
    const memory = value(parseLimitBig('67108864'))
    const swap = value(parseLimitBig('67108864'))
    expect(limitToNumber((memory ?? 0n) + (swap ?? 0n))).toBe(134217728)
    expect(value(parseLimitBig('max'))).toBeNull()
    expect(limitToNumber(2n ** 62n)).toBeNull()
  })

  it('reads CFS quota -1 as no quota and v2 cpu.max as quota/period', () => {
    expect(value(parseCfsQuota('-1\n'))).toBeNull()
    expect(value(parseCfsQuota('50000'))).toBe(50000)
    expect(parseCfsQuota('-2').ok).toBe(false)
    expect(parseCfsQuota('0').ok).toBe(false)
    expect(value(parseCpuMax('50000 100000\n'))).toBe(0.5)
    expect(value(parseCpuMax('250000 100000'))).toBe(2.5)
    expect(value(parseCpuMax('75000 50000'))).toBe(1.5)
    expect(value(parseCpuMax('max 100000\n'))).toBeNull()
    for (const bad of ['max', '50000', '50000 0', 'fifty 100000', '50000 100000 1', '-1 100000']) {
      expect(parseCpuMax(bad).ok, bad).toBe(false)
    }
  })
})

describe('counters', () => {
  it('reads non-negative integers and refuses anything else', () => {
    expect(value(parseCount('323584\n'))).toBe(323584)
    for (const bad of ['', '\n', '-1', 'x', '9223372036854771712']) expect(parseCount(bad).ok, bad).toBe(false)
  })

  it('converts ns and µs to seconds without losing whole seconds beyond 2^53 ns', () => {
    expect(value(parseSeconds('55872564\n', 1_000_000_000n))).toBe(0.055872564)
    // 2^60 ns ≈ 36.5 years of CPU: Number(2^60)/1e9 would already be off in the units digit of ns.
    expect(value(parseSeconds('1152921504606846976', 1_000_000_000n))).toBe(1152921504 + 0.606846976)
    expect(value(keyedSeconds('usage_usec 2500000\nuser_usec 1\n', 'usage_usec', 1_000_000n))).toBe(2.5)
    expect(keyedSeconds('user_usec 1\n', 'usage_usec', 1_000_000n)).toEqual({ ok: false, detail: 'no "usage_usec" line' })
  })
})

describe('workingSet (docker stats MEM USAGE)', () => {
  const stat = 'cache 41943040\ninactive_file 10485760\ntotal_inactive_file 20971520\n'

  it('subtracts the named inactive-file key', () => {
    expect(value(workingSet(104857600, stat, 'total_inactive_file'))).toBe(104857600 - 20971520)
    expect(value(workingSet(104857600, stat, 'inactive_file'))).toBe(104857600 - 10485760)
  })

  it('keeps usage when the key is absent or not smaller than usage', () => {
    expect(value(workingSet(5000, 'anon 5000\n', 'inactive_file'))).toBe(5000)
    expect(value(workingSet(5000, 'inactive_file 5000\n', 'inactive_file'))).toBe(5000)
    expect(value(workingSet(5000, 'inactive_file 9000\n', 'inactive_file'))).toBe(5000)
  })

  it('rejects a stat file with a line that is not "key integer"', () => {
    expect(workingSet(5000, 'anon 1\ninactive_file many\n', 'inactive_file').ok).toBe(false)
  })
})

describe('cpu lists', () => {
  it('expands ranges and single CPUs', () => {
    expect([...value(parseCpuList('0-3,6\n'))]).toEqual([0, 1, 2, 3, 6])
    expect([...value(parseCpuList('0'))]).toEqual([0])
    expect(value(parseCpuList('\n')).size).toBe(0)
  })

  it('rejects malformed lists', () => {
    for (const bad of ['0-a', '3-1', '0,,1', '-1', '0-', '0-99999999']) expect(parseCpuList(bad).ok, bad).toBe(false)
  })

  it('compares as sets, not as strings', () => {
    const root = value(parseCpuList('0-3'))
    expect(isNarrower(value(parseCpuList('3,0-2')), root)).toBe(false)
    expect(isNarrower(value(parseCpuList('0,2-3')), root)).toBe(true)
    expect(isNarrower(value(parseCpuList('0-1')), value(parseCpuList('0-1')))).toBe(false)
  })
})

describe('memory.oom_control, memory.events and CPU weights', () => {
  it('reads oom_kill_disable and the oom_kill counter (absent before 4.13)', () => {
    expect(parseOomControl('oom_kill_disable 1\nunder_oom 0\noom_kill 3\n')).toEqual({ ok: true, value: { killDisabled: true, kills: 3 } })
    expect(parseOomControl('oom_kill_disable 0\nunder_oom 0\n')).toEqual({ ok: true, value: { killDisabled: false, kills: null } })
    expect(parseOomControl('under_oom 0\n').ok).toBe(false)
    expect(parseOomControl('oom_kill_disable 2\n').ok).toBe(false)
  })
  it('reads one count of a keyed file, and says which key is missing', () => {
    expect(keyedCount('low 0\nhigh 0\nmax 5\noom 2\noom_kill 2\n', 'oom_kill')).toEqual({ ok: true, value: 2 })
    expect(keyedCount('low 0\n', 'oom_kill')).toEqual({ ok: false, detail: 'no "oom_kill" line' })
  })
  it('accepts positive weights only', () => {
    expect(parseWeight('512\n')).toEqual({ ok: true, value: 512 })
    expect(parseWeight('0').ok).toBe(false)
    expect(parseWeight('max').ok).toBe(false)
  })
})
