// Removes what the swarm secret demo created in a swarm: its services (first: swarm would restart a
// task whose container alone is removed), then its secrets, then the swarm itself, but only when the
// swarm's own labels say a demo initialised it, the same filter picks it, and no service is left in it.
import type Docker from 'dockerode'
import { SWARM_SERVICE_NAME_LABEL } from '../../shared/demos/docker-command'
import { swarmInfo } from './swarm-actions'

const SERVICE_GONE_TIMEOUT_MS = 30_000
const POLL_MS = 250

type Labels = Record<string, string>

/** Whether labels carry a filter `key` or `key=value`, as the daemon's label filter reads it. */
export function matchesLabelFilter(labels: Labels | null | undefined, filter: string): boolean {
  const eq = filter.indexOf('=')
  if (eq < 0) return labels?.[filter] !== undefined
  return labels?.[filter.slice(0, eq)] === filter.slice(eq + 1)
}

/** Services carrying `label` that pass `which`: removed, and waited for until their task containers are gone. */
export async function removeDemoServices(docker: Docker, label: string, which: (labels: Labels) => boolean): Promise<number> {
  if (!(await isManager(docker))) return 0
  const services = ((await docker.listServices({ filters: { label: [label] } })) as Array<{ ID: string; Spec?: { Name?: string; Labels?: Labels } }>).filter((s) =>
    which(s.Spec?.Labels ?? {})
  )
  for (const service of services) await ignoreGone(docker.getService(service.ID).remove())
  const deadline = Date.now() + SERVICE_GONE_TIMEOUT_MS
  for (const service of services) {
    const filter = { label: [`${SWARM_SERVICE_NAME_LABEL}=${service.Spec?.Name ?? ''}`] }
    while ((await docker.listContainers({ all: true, filters: filter })).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, POLL_MS))
  }
  return services.length
}

/** Secrets carrying `label` that pass `which`. */
export async function removeDemoSecrets(docker: Docker, label: string, which: (labels: Labels) => boolean): Promise<number> {
  if (!(await isManager(docker))) return 0
  const secrets = ((await docker.listSecrets({ filters: { label: [label] } })) as Array<{ ID: string; Spec?: { Labels?: Labels } }>).filter((s) => which(s.Spec?.Labels ?? {}))
  for (const secret of secrets) await ignoreGone(docker.getSecret(secret.ID).remove())
  return secrets.length
}

/** Leaves the swarm when a demo initialised it (its labels match) and nothing runs in it any more; true when it left. */
export async function leaveDemoSwarm(docker: Docker, label: string, which: (labels: Labels) => boolean): Promise<boolean> {
  const swarm = await swarmInfo(docker)
  if (swarm.LocalNodeState !== 'active' || !swarm.ControlAvailable) return false
  const labels = swarm.Cluster?.Spec?.Labels ?? {}
  if (!matchesLabelFilter(labels, label) || !which(labels)) return false
  // Someone else's service (another run of the demo, a user's) still uses this swarm.
  if ((await docker.listServices()).length > 0) return false
  await docker.swarmLeave({ force: true })
  return true
}

async function isManager(docker: Docker): Promise<boolean> {
  const swarm = await swarmInfo(docker)
  return swarm.LocalNodeState === 'active' && swarm.ControlAvailable === true
}

async function ignoreGone(removal: Promise<unknown>): Promise<void> {
  try {
    await removal
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error
  }
}
