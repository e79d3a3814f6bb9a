// The sharing map: rows are the host and each container, columns the eight namespace types.
// Each cell says whose namespace the container's init process is in: the host's, its own, one
// shared with other containers, or one it joined from another container (--network container:x).
import { NAMESPACE_TYPES, type ContainerInfo, type HostSnapshot, type NamespaceType, type ProcessInfo } from '../model'
import { namespaceKey } from '../identity'
import { indexSnapshot, initProcess } from './snapshot-index'
import { GLASSHOUSE_HELPER_NAME, isGlasshouseHelper } from './glasshouse-helper'

export type SharingRelation = 'host' | 'own' | 'shared' | 'joined' | 'unknown' | 'none'

export interface SharingCell {
  type: NamespaceType
  inode: number | null
  /** `${type}:${inode}`, or null when unknown. */
  key: string | null
  relation: SharingRelation
  /**
   * Other containers in the same namespace; empty for the host's namespaces, which every
   * container in them shares (listing them in every such cell would grow with the square of
   * the containers).
   */
  sharedWith: string[]
  /** The container whose namespace this one joined; null unless relation is 'joined'. */
  joinedFrom: string | null
  /** How the join is known: declared (`container:<id>` in HostConfig) or inferred from start order. */
  joinedBy: 'declared' | 'start-order' | null
  /** Index of the shared group (for its colour and letter), null when not shared between rows. */
  group: number | null
  /** The host's namespace where Docker shares it by default (time, user, cgroup on v1): expected, not a risk. */
  expectedHost: boolean
  /** Processes in this namespace (all of them, not only this container's). */
  processCount: number
  /** Further namespaces of this type among the container's other processes (nested PID namespaces). */
  extra: number
}

export interface SharingRow {
  /** 'host' or a container id. */
  id: string
  label: string
  isHost: boolean
  running: boolean
  cells: SharingCell[]
}

export interface SharingGroup {
  key: string
  type: NamespaceType
  inode: number
  /** Row ids in this namespace, host first. */
  members: string[]
  /** A letter for the group within its column (A, B, …): names it without colour. */
  letter: string
  includesHost: boolean
}

export interface SharingMap {
  types: readonly NamespaceType[]
  rows: SharingRow[]
  groups: SharingGroup[]
}

const DECLARED_MODE: Partial<Record<NamespaceType, (c: ContainerInfo) => string>> = {
  net: (c) => c.declared?.networkMode ?? '',
  pid: (c) => c.declared?.pidMode ?? '',
  ipc: (c) => c.declared?.ipcMode ?? ''
}

/** Namespace types where the risk is in sharing with the host (the others Docker shares by default). */
export const RISKY_HOST_TYPES: ReadonlySet<NamespaceType> = new Set(['pid', 'net', 'ipc', 'uts', 'mnt'])

export function sharingMap(snapshot: HostSnapshot): SharingMap {
  const index = indexSnapshot(snapshot)
  const containers = [...snapshot.containers].sort(
    (a, b) => Number(b.pid !== null) - Number(a.pid !== null) || a.name.localeCompare(b.name)
  )
  const inits = new Map(containers.map((c) => [c.id, initProcess(snapshot, c)]))

  const hostRow: SharingRow = {
    id: 'host',
    label: `host ${snapshot.host.hostname}`,
    isHost: true,
    running: true,
    cells: NAMESPACE_TYPES.map((type) => {
      const ns = index.hostNamespace[type]
      return emptyCell(type, ns?.inode ?? null, ns ? 'host' : 'unknown', ns?.pids.length ?? 0, true)
    })
  }

  const rows: SharingRow[] = [hostRow]
  for (const c of containers) {
    const init = inits.get(c.id)
    if (!init) {
      rows.push({ id: c.id, label: rowLabel(c), isHost: false, running: false, cells: NAMESPACE_TYPES.map((t) => emptyCell(t, null, 'none', 0, false)) })
      continue
    }
    const own = index.processesByContainer.get(c.id) ?? [init]
    const cells = NAMESPACE_TYPES.map((type): SharingCell => {
      const inode = init.namespaces[type]
      const expectedHost = type === 'time' || type === 'user' || (type === 'cgroup' && c.declared?.cgroupnsMode !== 'private')
      if (inode === null) return emptyCell(type, null, 'unknown', 0, expectedHost)
      const ns = index.namespaceByKey.get(namespaceKey(type, inode))
      const extra = otherInodes(own, type, inode)
      const cell = emptyCell(type, inode, 'own', ns?.pids.length ?? 0, expectedHost)
      cell.extra = extra
      if (ns?.isHost ?? index.hostNamespace[type]?.inode === inode) {
        cell.relation = 'host'
        return cell
      }
      const sharedWith = (ns?.containerIds ?? []).filter((id) => id !== c.id && inits.get(id)?.namespaces[type] === inode)
      if (sharedWith.length === 0) return cell
      cell.sharedWith = sharedWith
      const joined = joinedFrom(c, type, sharedWith, snapshot, inits)
      cell.relation = joined ? 'joined' : 'shared'
      cell.joinedFrom = joined?.from ?? null
      cell.joinedBy = joined?.by ?? null
      return cell
    })
    rows.push({ id: c.id, label: rowLabel(c), isHost: false, running: true, cells })
  }

  const groups = assignGroups(rows)
  return { types: NAMESPACE_TYPES, rows, groups }
}

/** How many namespaces of this type, besides `inode`, the processes are in (usually none). */
function otherInodes(processes: readonly ProcessInfo[], type: NamespaceType, inode: number): number {
  let others: number[] | null = null
  for (const p of processes) {
    const n = p.namespaces[type]
    if (n === null || n === inode || others?.includes(n)) continue
    ;(others ??= []).push(n)
  }
  return others?.length ?? 0
}

function emptyCell(type: NamespaceType, inode: number | null, relation: SharingRelation, processCount: number, expectedHost: boolean): SharingCell {
  return {
    type,
    inode,
    key: inode === null ? null : namespaceKey(type, inode),
    relation,
    sharedWith: [],
    joinedFrom: null,
    joinedBy: null,
    group: null,
    expectedHost,
    processCount,
    extra: 0
  }
}

function joinedFrom(
  c: ContainerInfo,
  type: NamespaceType,
  sharedWith: string[],
  snapshot: HostSnapshot,
  inits: Map<string, ReturnType<typeof initProcess>>
): { from: string; by: 'declared' | 'start-order' } | null {
  const mode = DECLARED_MODE[type]?.(c) ?? ''
  if (mode.startsWith('container:')) {
    const ref = mode.slice('container:'.length)
    const target = snapshot.containers.find((x) => x.id === ref || x.name === ref || (ref.length >= 12 && x.id.startsWith(ref)))
    if (target && sharedWith.includes(target.id)) return { from: target.id, by: 'declared' }
  }
  // Someone declared they joined us: we are the original.
  const anyDeclared = sharedWith.some((id) => (DECLARED_MODE[type]?.(snapshot.containers.find((x) => x.id === id) as ContainerInfo) ?? '').startsWith('container:'))
  if (anyDeclared || (DECLARED_MODE[type] !== undefined && c.declared)) return null
  // No declared modes for this type: the first to start created it, the others joined.
  const mine = inits.get(c.id)?.startTicks ?? null
  if (mine === null) return null
  let earliest: { id: string; ticks: number } | null = null
  for (const id of sharedWith) {
    const ticks = inits.get(id)?.startTicks
    if (ticks != null && ticks < mine && (earliest === null || ticks < earliest.ticks)) earliest = { id, ticks }
  }
  return earliest ? { from: earliest.id, by: 'start-order' } : null
}

function assignGroups(rows: SharingRow[]): SharingGroup[] {
  const groups: SharingGroup[] = []
  NAMESPACE_TYPES.forEach((type, column) => {
    const members = new Map<string, string[]>()
    for (const row of rows) {
      const cell = row.cells[column]
      if (!cell?.key || cell.relation === 'unknown' || cell.relation === 'none') continue
      const list = members.get(cell.key)
      if (list) list.push(row.id)
      else members.set(cell.key, [row.id])
    }
    let letter = 0
    for (const [key, ids] of members) {
      if (ids.length < 2) continue
      const includesHost = ids.includes('host')
      const inode = Number(key.slice(key.indexOf(':') + 1))
      const group: SharingGroup = { key, type, inode, members: ids, letter: includesHost ? 'H' : String.fromCharCode(65 + (letter++ % 26)), includesHost }
      const groupIndex = groups.push(group) - 1
      for (const row of rows) {
        const cell = row.cells[column]
        if (cell?.key === key) cell.group = groupIndex
      }
    }
  })
  return groups
}

/** A row's name: Glasshouse's own helper container is named for what it is (it shares the host's PID namespace on purpose). */
function rowLabel(c: ContainerInfo): string {
  return isGlasshouseHelper(c) ? GLASSHOUSE_HELPER_NAME : c.name
}
