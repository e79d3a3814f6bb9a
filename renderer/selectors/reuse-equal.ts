// Structural sharing between two results of the same derivation: every part of `next` that is
// deep-equal to the same place in `previous` is replaced by the previous object. Selectors and
// layouts are recomputed from scratch for each snapshot, so without this every row, cell and
// chip is a new object after any patch, and every memoised component renders again; with it, a
// patch touching a tenth of the containers re-renders about a tenth of the picture. The result
// is deep-equal to `next`, so nothing shown changes.
//
// Plain objects, arrays and Maps are compared by content, in their order (arrays by index, so
// keyed lists keep their items when nothing is inserted before them); anything else (numbers,
// strings, class instances, functions) by identity. Neither input is modified.

export function reuseEqual<T>(previous: T, next: T): T {
  if (Object.is(previous, next)) return previous
  if (Array.isArray(previous) && Array.isArray(next)) return reuseArray(previous, next) as T
  if (previous instanceof Map && next instanceof Map) return reuseMap(previous, next) as T
  if (isPlainObject(previous) && isPlainObject(next)) return reuseObject(previous, next) as T
  return next
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false
  const proto = Object.getPrototypeOf(value) as unknown
  return proto === Object.prototype || proto === null
}

// The three below walk `next` once and allocate only for a mix: all parts equal to `previous`
// gives `previous`, no part taken from `previous` gives `next` itself. Up to the first index
// where one of the two stops holding, the other still holds, so the mix starts as a copy of it.

function reuseArray(previous: readonly unknown[], next: readonly unknown[]): readonly unknown[] {
  // Lists of ids and numbers are mostly equal item for item: a tight loop says so quickest.
  let start = 0
  if (previous.length === next.length) {
    while (start < next.length && previous[start] === next[start]) start++
    if (start === next.length) return previous
  }
  let asPrevious = previous.length === next.length
  let asNext = true
  let out: unknown[] | null = null
  for (let i = start; i < next.length; i++) {
    const item = next[i]
    const was = previous[i]
    // Inline for equal primitives and shared objects: most of what is walked.
    const kept = was === item ? was : i < previous.length ? reuseEqual(was, item) : item
    if (out === null) {
      const wasPrevious = asPrevious
      asPrevious &&= kept === was
      asNext &&= kept === item
      if (!asPrevious && !asNext) out = wasPrevious ? previous.slice(0, i) : next.slice(0, i)
    }
    out?.push(kept)
  }
  return out ?? (asPrevious ? previous : next)
}

function reuseMap(previous: ReadonlyMap<unknown, unknown>, next: ReadonlyMap<unknown, unknown>): ReadonlyMap<unknown, unknown> {
  const order = [...previous.keys()]
  let asPrevious = previous.size === next.size
  let asNext = true
  let out: Map<unknown, unknown> | null = null
  let i = 0
  for (const [key, value] of next) {
    const had = previous.has(key)
    const was = previous.get(key)
    const kept = was === value ? was : had ? reuseEqual(was, value) : value
    if (out === null) {
      const wasPrevious = asPrevious
      asPrevious &&= had && kept === was && order[i] === key
      asNext &&= kept === value
      if (!asPrevious && !asNext) out = new Map([...(wasPrevious ? previous : next)].slice(0, i))
    }
    out?.set(key, kept)
    i++
  }
  return out ?? (asPrevious ? previous : next)
}

function reuseObject(previous: Record<string, unknown>, next: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(next)
  const order = Object.keys(previous)
  let asPrevious = keys.length === order.length
  let asNext = true
  let out: Record<string, unknown> | null = null
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string
    const had = Object.prototype.hasOwnProperty.call(previous, key)
    const was = previous[key]
    const value = next[key]
    const kept = had && was === value ? was : had ? reuseEqual(was, value) : value
    if (out === null) {
      const wasPrevious = asPrevious
      asPrevious &&= had && kept === was && order[i] === key
      asNext &&= kept === value
      if (!asPrevious && !asNext) {
        const from = wasPrevious ? previous : next
        out = {}
        for (const earlier of keys.slice(0, i)) out[earlier] = from[earlier]
      }
    }
    if (out !== null) out[key] = kept
  }
  return out ?? (asPrevious ? previous : next)
}

/** A function that shares structure with whatever it was last given (one per component or selector). */
export function createSharer<T>(): (next: T) => T {
  let last: { value: T } | null = null
  return (next) => {
    const value = last ? reuseEqual(last.value, next) : next
    last = { value }
    return value
  }
}
