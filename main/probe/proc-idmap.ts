// /proc/<pid>/uid_map and gid_map (kernel-facts §1.4): lines of three whitespace-padded numbers,
// `inside-start outside-start length`, relative to the reader's user namespace.
import type { IdMapRange, Problem } from '../../shared/model'
import { malformed, readText } from './read-file'

export function parseIdMap(text: string): IdMapRange[] | null {
  const ranges: IdMapRange[] = []
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    const numbers = line.trim().split(/\s+/).map(Number)
    if (numbers.length !== 3 || !numbers.every((n) => Number.isSafeInteger(n) && n >= 0)) return null
    const [inside, outside, count] = numbers as [number, number, number]
    ranges.push({ inside, outside, count })
  }
  return ranges
}

export function readIdMaps(procRoot: string, pid: number): { idMaps: { uid: IdMapRange[]; gid: IdMapRange[] } | null; problem: Problem | null } {
  const maps: Partial<Record<'uid' | 'gid', IdMapRange[]>> = {}
  for (const kind of ['uid', 'gid'] as const) {
    const path = `${procRoot}/${pid}/${kind}_map`
    const text = readText(path, 'idMaps', 'exited')
    if (!text.ok) return { idMaps: null, problem: text.problem }
    const ranges = parseIdMap(text.value)
    if (ranges === null) return { idMaps: null, problem: malformed('idMaps', path, 'expected lines of three numbers') }
    maps[kind] = ranges
  }
  return { idMaps: { uid: maps.uid ?? [], gid: maps.gid ?? [] }, problem: null }
}
