// Translating ids through a user namespace's uid/gid map.
import type { IdMapRange } from '../model'

/** The id outside for an id inside; null when the map does not cover it (it shows as the overflow id, 65534). */
export function idOutside(id: number, ranges: readonly IdMapRange[]): number | null {
  const range = ranges.find((r) => id >= r.inside && id < r.inside + r.count)
  return range ? range.outside + (id - range.inside) : null
}

/** The identity map of the initial user namespace: every id is itself. */
export function isIdentityMap(ranges: readonly IdMapRange[]): boolean {
  return ranges.length === 1 && ranges[0]?.inside === 0 && ranges[0]?.outside === 0 && ranges[0]?.count === 4294967295
}
