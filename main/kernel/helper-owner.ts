// Who started a helper container, as labels: this host's name, the app's PID and that process's
// start time (so a reused PID is not mistaken for the app). A helper whose owner is gone on this
// host was left by a crash and is removed at the next start; another live app's helper is kept,
// and so is one owned by another host (a daemon shared between machines).
import type Docker from 'dockerode'
import { readFileSync } from 'node:fs'
import { hostname } from 'node:os'

export const HELPER_LABEL = 'glasshouse.helper'
export const OWNER_HOST_LABEL = 'glasshouse.helper.owner-host'
export const OWNER_PID_LABEL = 'glasshouse.helper.owner-pid'
export const OWNER_START_LABEL = 'glasshouse.helper.owner-start'

/** Field 22 of /proc/<pid>/stat (ticks since boot), or null when the process does not exist. */
export function processStartTime(pid: number, procRoot = '/proc'): string | null {
  try {
    const stat = readFileSync(`${procRoot}/${pid}/stat`, 'utf8')
    // comm (field 2) may contain spaces and ')': the fields after it start at the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null
  } catch {
    return null
  }
}

export function ownerLabels(pid = process.pid): Record<string, string> {
  return {
    [HELPER_LABEL]: '1',
    [OWNER_HOST_LABEL]: hostname(),
    [OWNER_PID_LABEL]: String(pid),
    [OWNER_START_LABEL]: processStartTime(pid) ?? ''
  }
}

/** true when the labels name a process of this host that no longer runs. */
export function ownerIsGone(labels: Record<string, string>): boolean {
  if (labels[OWNER_HOST_LABEL] !== hostname()) return false
  const pid = Number(labels[OWNER_PID_LABEL])
  if (!Number.isInteger(pid) || pid <= 0) return true
  const start = processStartTime(pid)
  return start === null || start !== labels[OWNER_START_LABEL]
}

/** Removes the helpers left by apps that died on this host; returns their ids. */
export async function removeOrphanHelpers(docker: Docker): Promise<string[]> {
  const helpers = await docker.listContainers({ all: true, filters: { label: [`${HELPER_LABEL}=1`] } })
  const orphans = helpers.filter((c) => ownerIsGone(c.Labels))
  await Promise.all(
    orphans.map(async (c) => {
      try {
        await docker.getContainer(c.Id).remove({ force: true })
      } catch (error) {
        // Gone already, or being removed by its own owner's close.
        if (![404, 409].includes((error as { statusCode?: number }).statusCode ?? 0)) throw error
      }
    })
  )
  return orphans.map((c) => c.Id)
}
