// Derived data is computed from the snapshot, never stored; this caches each selector's result
// by snapshot identity so the many components asking for the same thing share one computation.
// With `share`, a new snapshot's result also shares structure with the previous one
// (reuse-equal.ts): what a patch did not change keeps its identity, so the memoised rows, cells
// and chips drawn from it skip rendering. Sharing walks the whole result, so it is for selectors
// whose parts memoised components receive; the others would pay for nothing.
import type { HostSnapshot } from '../../shared/model'
import { createSharer } from './reuse-equal'

export function memoOnSnapshot<T>(fn: (snapshot: HostSnapshot) => T, options: { share?: boolean } = {}): (snapshot: HostSnapshot) => T {
  const cache = new WeakMap<HostSnapshot, T>()
  const share = options.share ? createSharer<T>() : (value: T): T => value
  return (snapshot) => {
    if (cache.has(snapshot)) return cache.get(snapshot) as T
    const value = share(fn(snapshot))
    cache.set(snapshot, value)
    return value
  }
}
