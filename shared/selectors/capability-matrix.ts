// The capability matrix: one row per container, one cell per capability (0..40), saying
// whether the kernel has it effective, and how the container's set compares with Docker's default.
import { CAPABILITIES, type CapabilityDef, type CapabilityGroup } from '../capabilities'
import { CAPABILITY_SETS, type CapabilitySetName, type HostSnapshot, type ProcessInfo } from '../model'
import { isDockerDefaultCap } from './capability-diff'
import { hasProblem } from './problems'
import { initProcess } from './snapshot-index'

/**
 * default: in Docker's default set and in the container's. added: beyond the default set.
 * dropped: in the default set but not the container's. absent: in neither. unknown: not readable.
 */
export type CapabilityStatus = 'default' | 'added' | 'dropped' | 'absent' | 'unknown'

export interface CapabilityCell {
  cap: string
  /** The init process has it in its effective set right now. */
  effective: boolean
  /** In the bounding set: the container can hold it (a non-root user has it here but not in effective). */
  bounding: boolean
  inDefault: boolean
  status: CapabilityStatus
}

export interface CapabilityRow {
  containerId: string
  name: string
  /** Host PID of the process the row is read from (the container's init), null when not running. */
  pid: number | null
  uid: number | null
  running: boolean
  cells: CapabilityCell[]
  added: number
  dropped: number
  effectiveCount: number
}

export const CAPABILITY_GROUP_ORDER: readonly CapabilityGroup[] = ['system', 'security', 'processes', 'files', 'network', 'ipc']
export const CAPABILITY_GROUP_LABEL: Record<CapabilityGroup, string> = {
  system: 'system',
  security: 'security',
  processes: 'processes',
  files: 'files',
  network: 'network',
  ipc: 'IPC'
}

/** The 41 capabilities in display order: by group, then by bit. */
export function capabilityColumns(): CapabilityDef[] {
  return CAPABILITY_GROUP_ORDER.flatMap((g) => CAPABILITIES.filter((c) => c.group === g))
}

export function capabilityCells(process: ProcessInfo | undefined, columns: readonly CapabilityDef[] = capabilityColumns()): CapabilityCell[] {
  const unreadable = !process || hasProblem(process.problems, 'status')
  const effective = new Set(process?.capabilities.effective ?? [])
  const bounding = new Set(process?.capabilities.bounding ?? [])
  return columns.map(({ name }) => {
    const inDefault = isDockerDefaultCap(name)
    const held = bounding.has(name) || effective.has(name)
    let status: CapabilityStatus
    if (unreadable) status = 'unknown'
    else if (held) status = inDefault ? 'default' : 'added'
    else status = inDefault ? 'dropped' : 'absent'
    return { cap: name, effective: effective.has(name), bounding: bounding.has(name), inDefault, status }
  })
}

export function capabilityMatrix(snapshot: HostSnapshot): CapabilityRow[] {
  const columns = capabilityColumns()
  return [...snapshot.containers]
    .sort((a, b) => Number(b.pid !== null) - Number(a.pid !== null) || a.name.localeCompare(b.name))
    .map((c) => {
      const init = initProcess(snapshot, c)
      const cells = capabilityCells(init, columns)
      return {
        containerId: c.id,
        name: c.name,
        pid: init?.pid ?? null,
        uid: init?.uid ?? null,
        running: init !== undefined,
        cells: init ? cells : cells.map((x) => ({ ...x, status: 'unknown' as const })),
        added: cells.filter((x) => x.status === 'added').length,
        dropped: cells.filter((x) => x.status === 'dropped').length,
        effectiveCount: cells.filter((x) => x.effective).length
      }
    })
}

/** For one process: each capability with its membership in all five sets. */
export function processCapabilityTable(process: ProcessInfo): Array<{ cap: CapabilityDef; sets: Record<CapabilitySetName, boolean>; inDefault: boolean }> {
  const sets = Object.fromEntries(CAPABILITY_SETS.map((s) => [s, new Set(process.capabilities[s])])) as Record<CapabilitySetName, Set<string>>
  return capabilityColumns().map((cap) => ({
    cap,
    inDefault: isDockerDefaultCap(cap.name),
    sets: Object.fromEntries(CAPABILITY_SETS.map((s) => [s, sets[s].has(cap.name)])) as Record<CapabilitySetName, boolean>
  }))
}

/** What each of the five sets means, in one sentence each. */
export const CAPABILITY_SET_MEANING: Record<CapabilitySetName, string> = {
  effective: 'What the kernel checks right now when the process does something privileged.',
  permitted: 'What the process may switch on in its effective set.',
  inheritable: 'What may pass to a program it executes (together with that file\'s capabilities).',
  bounding: 'The ceiling: nothing outside it can ever be gained, not even by a setuid-root program.',
  ambient: 'What a non-root program it executes keeps without file capabilities.'
}
