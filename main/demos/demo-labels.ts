// The labels on everything a demo creates: the demo's id, and who created it (this host, the PID and
// start time of the process), as for the helper container (main/kernel/helper-owner.ts). Something
// whose owner is gone on this host was left by a crash and is removed at the next start.
import { hostname } from 'node:os'
import { DEMO_LABEL } from '../../shared/demos/docker-command'
import { processStartTime } from '../kernel/helper-owner'

export const DEMO_OWNER_HOST_LABEL = 'glasshouse.demo.owner-host'
export const DEMO_OWNER_PID_LABEL = 'glasshouse.demo.owner-pid'
export const DEMO_OWNER_START_LABEL = 'glasshouse.demo.owner-start'

export function demoLabels(demoId: string, pid = process.pid): Record<string, string> {
  return {
    [DEMO_LABEL]: demoId,
    [DEMO_OWNER_HOST_LABEL]: hostname(),
    [DEMO_OWNER_PID_LABEL]: String(pid),
    [DEMO_OWNER_START_LABEL]: processStartTime(pid) ?? ''
  }
}

/** true when the labels name a process of this host that no longer runs. */
export function demoOwnerGone(labels: Record<string, string> | null | undefined): boolean {
  if (!labels || labels[DEMO_OWNER_HOST_LABEL] !== hostname()) return false
  const pid = Number(labels[DEMO_OWNER_PID_LABEL])
  if (!Number.isInteger(pid) || pid <= 0) return true
  const start = processStartTime(pid)
  return start === null || start !== labels[DEMO_OWNER_START_LABEL]
}

/** true when this process created it. */
export function ownedByMe(labels: Record<string, string> | null | undefined): boolean {
  return labels?.[DEMO_OWNER_HOST_LABEL] === hostname() && labels[DEMO_OWNER_PID_LABEL] === String(process.pid)
}
