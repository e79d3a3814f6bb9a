// Field-by-field differences between two JSON values, as paths ("processes[pid=123].namespaces.net"):
// arrays of processes are matched by pid and arrays of cgroups by path, so a process that started
// between two reads shows as one missing entry, not as every later entry shifted.
type Json = unknown

function keyOf(item: Json): string | null {
  if (item && typeof item === 'object' && !Array.isArray(item)) {
    const o = item as Record<string, unknown>
    if (typeof o.pid === 'number' && 'startTicks' in o) return `pid=${o.pid}`
    if (typeof o.pid === 'number' && 'mounts' in o) return `pid=${o.pid}`
    if (typeof o.inode === 'number' && 'idMaps' in o) return `inode=${o.inode}`
    if (typeof o.path === 'string' && 'limits' in o) return `path=${o.path}`
  }
  return null
}

export function jsonDiff(a: Json, b: Json, path = '', out: string[] = []): string[] {
  if (Array.isArray(a) && Array.isArray(b)) {
    const keyed = a.length > 0 && a.every((x) => keyOf(x) !== null) && b.every((x) => keyOf(x) !== null)
    if (keyed) {
      const right = new Map(b.map((x) => [keyOf(x)!, x]))
      const left = new Map(a.map((x) => [keyOf(x)!, x]))
      for (const [k, x] of left) {
        if (right.has(k)) jsonDiff(x, right.get(k), `${path}[${k}]`, out)
        else out.push(`${path}[${k}] only in the first`)
      }
      for (const k of right.keys()) if (!left.has(k)) out.push(`${path}[${k}] only in the second`)
      return out
    }
    if (a.length !== b.length) out.push(`${path}.length ${a.length} ≠ ${b.length}`)
    for (let i = 0; i < Math.min(a.length, b.length); i++) jsonDiff(a[i], b[i], `${path}[${i}]`, out)
    return out
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    for (const k of keys) jsonDiff((a as Record<string, Json>)[k], (b as Record<string, Json>)[k], `${path}.${k}`, out)
    return out
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${path}: ${JSON.stringify(a)?.slice(0, 80)} ≠ ${JSON.stringify(b)?.slice(0, 80)}`)
  return out
}
