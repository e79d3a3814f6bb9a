// File access for the counter reader: each file read at most once per reading (v2 keeps usage and
// throttling in the same cpu.stat), and anything unreadable or malformed is simply null. The structural
// reader (cgroup-files.ts) records a Problem per field; at 1 Hz the sampler wants nulls, not reports.
import { parseKeyedCounts, type Parsed } from './cgroup-values'
import { readTextOrNull } from './read-file'

export interface CounterFiles {
  /** The text of `dir/name`, or null when it cannot be read (absent, denied, the cgroup is gone). */
  text(dir: string, name: string): string | null
  /** The parsed content, or null when unreadable or malformed. */
  value<T>(dir: string, name: string, parse: (text: string) => Parsed<T>): T | null
  /** A `key value` file (cpu.stat, memory.events, pids.events, memory.oom_control) as BigInts. */
  keyed(dir: string, name: string): Map<string, bigint> | null
}

/** Where texts come from: a file's full path in, its text or null out. */
export type TextSource = (path: string) => string | null

/** One-shot reads (readFileSync): for limits and for readings that keep nothing open. */
export const readOnce: TextSource = readTextOrNull

/** A fresh per-reading cache over `source`: make one per reading so every reading sees new values. */
export function counterFiles(source: TextSource = readOnce): CounterFiles {
  // Not path.join: directories come normalised from the locator, and this runs ~20 times per target per tick.
  const join = (dir: string, name: string): string => (dir.endsWith('/') ? dir + name : `${dir}/${name}`)
  const texts = new Map<string, string | null>()
  const keyedCache = new Map<string, Map<string, bigint> | null>()
  const text = (dir: string, name: string): string | null => {
    const path = join(dir, name)
    let cached = texts.get(path)
    if (cached === undefined) {
      cached = source(path)
      texts.set(path, cached)
    }
    return cached
  }
  const value = <T>(dir: string, name: string, parse: (text: string) => Parsed<T>): T | null => {
    const raw = text(dir, name)
    if (raw === null) return null
    const parsed = parse(raw)
    return parsed.ok ? parsed.value : null
  }
  const keyed = (dir: string, name: string): Map<string, bigint> | null => {
    const path = join(dir, name)
    if (!keyedCache.has(path)) keyedCache.set(path, value(dir, name, parseKeyedCounts))
    return keyedCache.get(path) ?? null
  }
  return { text, value, keyed }
}
