// Parsers for the values inside cgroup files (kernel-facts §5.1, §5.2). Pure: text in, value or reason out.
// Integers go through BigInt first: v1's "unlimited" (9223372036854771712) is not a safe JS number,
// and rounding it would turn "unlimited" into a plausible-looking limit.

export type Parsed<T> = { ok: true; value: T } | { ok: false; detail: string }

const INTEGER = /^-?\d+$/
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

function fail<T>(detail: string): Parsed<T> {
  return { ok: false, detail }
}

function ok<T>(value: T): Parsed<T> {
  return { ok: true, value }
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)
}

function parseBigInt(text: string): bigint | null {
  const trimmed = text.trim()
  return INTEGER.test(trimmed) ? BigInt(trimmed) : null
}

/** A counter (usage, pids.current): a non-negative integer that fits a JS number. */
export function parseCount(text: string): Parsed<number> {
  const n = parseBigInt(text)
  if (n === null || n < 0n) return fail(`expected a non-negative integer, got ${quote(text.trim())}`)
  if (n > MAX_SAFE) return fail(`counter ${n} is beyond Number.MAX_SAFE_INTEGER`)
  return ok(Number(n))
}

/**
 * A limit: `max` (v2) or anything too large to be a real limit (v1 writes PAGE_COUNTER_MAX × page size,
 * 9223372036854771712) means unlimited → null.
 */
export function parseLimit(text: string): Parsed<number | null> {
  const trimmed = text.trim()
  if (trimmed === 'max') return ok(null)
  const n = parseBigInt(trimmed)
  if (n === null || n < 0n) return fail(`expected an integer or "max", got ${quote(trimmed)}`)
  return ok(n >= MAX_SAFE ? null : Number(n))
}

/** Like parseLimit, but as a BigInt so two limits can be added without rounding (v2 memory + swap). */
export function parseLimitBig(text: string): Parsed<bigint | null> {
  const trimmed = text.trim()
  if (trimmed === 'max') return ok(null)
  const n = parseBigInt(trimmed)
  if (n === null || n < 0n) return fail(`expected an integer or "max", got ${quote(trimmed)}`)
  return ok(n >= MAX_SAFE ? null : n)
}

/** A BigInt limit back to number | null, treating a sum beyond safe range as unlimited too. */
export function limitToNumber(n: bigint | null): number | null {
  return n === null || n >= MAX_SAFE ? null : Number(n)
}

/** An integer count of `unitsPerSecond` units (ns, µs) as seconds, exact up to the last unit. */
export function parseSeconds(text: string, unitsPerSecond: bigint): Parsed<number> {
  const n = parseBigInt(text)
  if (n === null || n < 0n) return fail(`expected a non-negative integer, got ${quote(text.trim())}`)
  return ok(unitsToSeconds(n, unitsPerSecond))
}

function unitsToSeconds(n: bigint, unitsPerSecond: bigint): number {
  // Split before converting so ns totals beyond 2^53 (≈104 CPU-days) keep their whole seconds exact.
  return Number(n / unitsPerSecond) + Number(n % unitsPerSecond) / Number(unitsPerSecond)
}

/** `key value` lines (memory.stat, cpu.stat) as a map of BigInts; lines that do not fit are reported. */
export function parseKeyedCounts(text: string): Parsed<Map<string, bigint>> {
  const out = new Map<string, bigint>()
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    const [key, value, extra] = line.trim().split(/\s+/)
    const n = value === undefined ? null : parseBigInt(value)
    if (key === undefined || n === null || extra !== undefined) return fail(`bad line ${quote(line)}`)
    out.set(key, n)
  }
  return ok(out)
}

/** One key of a keyed file as seconds (v2 cpu.stat usage_usec). */
export function keyedSeconds(text: string, key: string, unitsPerSecond: bigint): Parsed<number> {
  const parsed = parseKeyedCounts(text)
  if (!parsed.ok) return parsed
  const n = parsed.value.get(key)
  if (n === undefined) return fail(`no "${key}" line`)
  if (n < 0n) return fail(`negative ${key}`)
  return ok(unitsToSeconds(n, unitsPerSecond))
}

/**
 * What `docker stats` shows as MEM USAGE (kernel-facts §5.4): usage minus the inactive page cache when
 * memory.stat has the key and it is smaller than usage, else usage unchanged.
 */
export function workingSet(usage: number, memoryStat: string, inactiveFileKey: string): Parsed<number> {
  const parsed = parseKeyedCounts(memoryStat)
  return parsed.ok ? ok(workingSetOf(usage, parsed.value, inactiveFileKey)) : parsed
}

/** workingSet on an already parsed memory.stat (the slow read parses it once for this and the breakdown). */
export function workingSetOf(usage: number, memoryStat: ReadonlyMap<string, bigint>, inactiveFileKey: string): number {
  const inactive = memoryStat.get(inactiveFileKey)
  if (inactive === undefined || inactive < 0n || inactive >= BigInt(usage)) return usage
  return usage - Number(inactive)
}

/** v1 CFS quota: -1 means no quota. */
export function parseCfsQuota(text: string): Parsed<number | null> {
  const n = parseBigInt(text)
  if (n === -1n) return ok(null)
  if (n === null || n <= 0n || n > MAX_SAFE) return fail(`expected a positive integer or -1, got ${quote(text.trim())}`)
  return ok(Number(n))
}

/** A CFS period in µs (v1 cpu.cfs_period_us, second field of v2 cpu.max). */
export function parsePeriod(text: string): Parsed<number> {
  const n = parseBigInt(text)
  if (n === null || n <= 0n || n > MAX_SAFE) return fail(`expected a positive period, got ${quote(text.trim())}`)
  return ok(Number(n))
}

/** v2 cpu.max: `<quota|max> <period>` → cores, null when `max`. */
export function parseCpuMax(text: string): Parsed<number | null> {
  const [quota, period, extra] = text.trim().split(/\s+/)
  if (quota === undefined || period === undefined || extra !== undefined) {
    return fail(`expected "<quota|max> <period>", got ${quote(text.trim())}`)
  }
  const p = parsePeriod(period)
  if (!p.ok) return p
  if (quota === 'max') return ok(null)
  const q = parseCfsQuota(quota)
  if (!q.ok || q.value === null) return fail(`expected a positive quota or "max", got ${quote(quota)}`)
  return ok(q.value / p.value)
}

const CPU_RANGE = /^(\d+)(?:-(\d+))?$/

/** A cpu list (`0-3,6`, `` for none) as the set of CPU numbers it names. */
export function parseCpuList(text: string): Parsed<Set<number>> {
  const cpus = new Set<number>()
  const trimmed = text.trim()
  if (trimmed === '') return ok(cpus)
  for (const part of trimmed.split(',')) {
    const match = CPU_RANGE.exec(part)
    const first = Number(match?.[1])
    const last = match?.[2] === undefined ? first : Number(match[2])
    // 65536 CPUs is far above any kernel's NR_CPUS; the bound keeps a bad file from allocating forever.
    if (!match || !(last >= first) || last > 65535) return fail(`bad cpu range ${quote(part)}`)
    for (let cpu = first; cpu <= last; cpu++) cpus.add(cpu)
  }
  return ok(cpus)
}

/** True when `inner` leaves out at least one CPU of `outer`. */
export function isNarrower(inner: Set<number>, outer: Set<number>): boolean {
  for (const cpu of outer) if (!inner.has(cpu)) return true
  return false
}

/** One key of a keyed file as a count (v2 memory.events oom_kill). */
export function keyedCount(text: string, key: string): Parsed<number> {
  const parsed = parseKeyedCounts(text)
  if (!parsed.ok) return parsed
  const n = parsed.value.get(key)
  if (n === undefined) return fail(`no "${key}" line`)
  if (n < 0n || n > MAX_SAFE) return fail(`${key} ${n} is not a count`)
  return ok(Number(n))
}

/**
 * v1 memory.oom_control: `oom_kill_disable` 0/1 and the `oom_kill` counter (absent before 4.13: null).
 */
export function parseOomControl(text: string): Parsed<{ killDisabled: boolean; kills: number | null }> {
  const parsed = parseKeyedCounts(text)
  if (!parsed.ok) return parsed
  const disable = parsed.value.get('oom_kill_disable')
  if (disable !== 0n && disable !== 1n) return fail(`oom_kill_disable is ${disable ?? 'missing'}, not 0 or 1`)
  const kills = parsed.value.get('oom_kill')
  return ok({ killDisabled: disable === 1n, kills: kills === undefined || kills < 0n || kills > MAX_SAFE ? null : Number(kills) })
}

/** A CPU weight (v1 cpu.shares 2–262144, v2 cpu.weight 1–10000): a positive integer. */
export function parseWeight(text: string): Parsed<number> {
  const n = parseBigInt(text)
  if (n === null || n <= 0n || n > MAX_SAFE) return fail(`expected a positive integer, got ${quote(text.trim())}`)
  return ok(Number(n))
}
