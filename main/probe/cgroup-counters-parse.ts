// Parsers for the counter files the structural reader does not need (kernel-facts §5.1, §5.2):
// PSI lines, v1 blkio byte tables, v2 io.stat. Pure: text in, value or reason out. Sums go through
// BigInt and come back only when they fit a JS number, like cgroup-values does.
import type { Parsed } from './cgroup-values'

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)
const DECIMAL = /^\d+$/

export interface ByteCounts {
  readBytes: number
  writeBytes: number
}

/** A BigInt counter as a JS number; null when missing or beyond safe range (better absent than rounded). */
export function safeCount(n: bigint | undefined): number | null {
  return n === undefined || n < 0n || n > MAX_SAFE ? null : Number(n)
}

/** One key of a keyed file (cpu.stat, memory.events …) as a safe number; null when the key is absent. */
export function keyedCount(map: Map<string, bigint> | null, key: string): number | null {
  return map === null ? null : safeCount(map.get(key))
}

/** Nanoseconds (v1 cpuacct.usage, cpu.stat throttled_time) to whole microseconds, exact. */
export function nanosToMicros(n: bigint | null | undefined): number | null {
  return n === null || n === undefined || n < 0n ? null : safeCount(n / 1000n)
}

/** A decimal counter far beyond 2^53 (cpuacct.usage in ns) as a BigInt. */
export function parseBigCount(text: string): Parsed<bigint> {
  const trimmed = text.trim()
  return DECIMAL.test(trimmed)
    ? { ok: true, value: BigInt(trimmed) }
    : { ok: false, detail: `expected a non-negative integer, got ${JSON.stringify(trimmed.slice(0, 40))}` }
}

/** `some avg10=1.23 avg60=… total=…` (cpu/memory/io.pressure) → the `some` line's avg10, a percentage. */
export function parsePsiSomeAvg10(text: string): Parsed<number> {
  const some = text.split('\n').find((line) => line.startsWith('some '))
  const field = some?.split(/\s+/).find((token) => token.startsWith('avg10='))
  const value = field === undefined ? NaN : Number(field.slice('avg10='.length))
  if (!Number.isFinite(value) || value < 0) return { ok: false, detail: 'no "some avg10=" value' }
  return { ok: true, value }
}

/**
 * v1 blkio.throttle.io_service_bytes(_recursive): `MAJ:MIN Op N` lines per device and a final `Total N`.
 * Read and Write are summed over devices (what `docker stats` shows as BLOCK I/O).
 */
export function parseBlkioBytes(text: string): Parsed<ByteCounts> {
  let read = 0n
  let write = 0n
  for (const line of text.split('\n')) {
    const parts = line.trim().split(/\s+/)
    if (parts[0] === '' || parts[0] === 'Total') continue
    const [device, op, value] = parts
    if (parts.length !== 3 || !device?.includes(':') || value === undefined || !DECIMAL.test(value)) {
      return { ok: false, detail: `bad line ${JSON.stringify(line)}` }
    }
    if (op === 'Read') read += BigInt(value)
    else if (op === 'Write') write += BigInt(value)
  }
  return bytes(read, write)
}

// One `key value` line, split the way parseKeyedCounts (cgroup-values.ts) does: trim, two fields, an integer value.
const KEYED_LINE = /^\s*(\S+)\s+(-?\d+)\s*$/

/**
 * workingSet (cgroup-values.ts) for memory.stat read every tick: the same answers, malformed files
 * included, but only the wanted key becomes a BigInt (about 3× faster on v1's ~40-line memory.stat).
 */
export function parseWorkingSet(usage: number, memoryStat: string, inactiveFileKey: string): Parsed<number> {
  let inactive: bigint | undefined
  for (const line of memoryStat.split('\n')) {
    const match = KEYED_LINE.exec(line)
    if (match === null) {
      if (line.trim() === '') continue
      return { ok: false, detail: `bad line ${JSON.stringify(line.slice(0, 40))}` }
    }
    if (match[1] === inactiveFileKey) inactive = BigInt(match[2] as string)
  }
  // Same rule as docker stats (kernel-facts §5.4): subtract only what is there and smaller than usage.
  if (inactive === undefined || inactive < 0n || inactive >= BigInt(usage)) return { ok: true, value: usage }
  return { ok: true, value: usage - Number(inactive) }
}

/** v2 io.stat: `MAJ:MIN rbytes=N wbytes=N rios=N …` per device; no lines = no I/O yet. */
export function parseIoStat(text: string): Parsed<ByteCounts> {
  let read = 0n
  let write = 0n
  for (const line of text.split('\n')) {
    const [device, ...pairs] = line.trim().split(/\s+/)
    if (device === undefined || device === '') continue
    if (!device.includes(':')) return { ok: false, detail: `bad line ${JSON.stringify(line)}` }
    for (const pair of pairs) {
      const [key, value] = pair.split('=')
      if (value === undefined || !DECIMAL.test(value)) return { ok: false, detail: `bad field ${JSON.stringify(pair)}` }
      if (key === 'rbytes') read += BigInt(value)
      else if (key === 'wbytes') write += BigInt(value)
    }
  }
  return bytes(read, write)
}

function bytes(read: bigint, write: bigint): Parsed<ByteCounts> {
  const readBytes = safeCount(read)
  const writeBytes = safeCount(write)
  if (readBytes === null || writeBytes === null) return { ok: false, detail: 'byte count beyond Number.MAX_SAFE_INTEGER' }
  return { ok: true, value: { readBytes, writeBytes } }
}
