// Which containers the list shows for a search text and filter: pure, tested.
import type { ContainerInfo } from '../../shared/model'
import type { RiskBadge } from '../../shared/selectors/container-risks'
import type { ListFilter } from '../store/ui-slice'
import { GLASSHOUSE_HELPER_NAME, isGlasshouseHelper } from '../../shared/selectors/glasshouse-helper'

export function filterContainers(
  containers: readonly ContainerInfo[],
  badges: ReadonlyMap<string, readonly RiskBadge[]>,
  search: string,
  filter: ListFilter,
  /** Leave out containers only the kernel shows (another daemon's: source 'cgroup'). */
  hideKernelOnly = false
): ContainerInfo[] {
  const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean)
  return [...containers]
    .filter((c) => {
      if (hideKernelOnly && c.source === 'cgroup') return false
      if (filter === 'running' && c.pid === null) return false
      if (filter === 'risky' && !(badges.get(c.id) ?? []).some((b) => b.level === 'high')) return false
      if (words.length === 0) return true
      const haystack = [c.name, isGlasshouseHelper(c) ? GLASSHOUSE_HELPER_NAME : '', c.id, c.image, c.state, ...(badges.get(c.id) ?? []).map((b) => b.label)].join(' ').toLowerCase()
      return words.every((w) => haystack.includes(w))
    })
    // Running first; Glasshouse's own helper after the user's containers.
    .sort(
      (a, b) =>
        Number(isGlasshouseHelper(a)) - Number(isGlasshouseHelper(b)) ||
        Number(b.pid !== null) - Number(a.pid !== null) ||
        a.name.localeCompare(b.name)
    )
}
