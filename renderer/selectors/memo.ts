// Derived data is computed from the snapshot, never stored; this caches each selector's result
// by snapshot identity so the many components asking for the same thing share one computation.
import type { HostSnapshot } from '../../shared/model'

export function memoOnSnapshot<T>(fn: (snapshot: HostSnapshot) => T): (snapshot: HostSnapshot) => T {
  const cache = new WeakMap<HostSnapshot, T>()
  return (snapshot) => {
    if (cache.has(snapshot)) return cache.get(snapshot) as T
    const value = fn(snapshot)
    cache.set(snapshot, value)
    return value
  }
}
