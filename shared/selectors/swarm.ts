// The swarm for people: services with their tasks joined to the containers on this node, each
// secret and config with where it lands, and proof from the container's mount table that it is a
// tmpfs file at its target (mountinfo's root field names the secret's id), never in the image.
import type { ContainerInfo, HostSnapshot, SwarmActive, SwarmFileTarget, SwarmService, SwarmTask } from '../model'

export interface FileDelivery {
  type: 'secret' | 'config'
  target: SwarmFileTarget
  /** What the container's mount table shows at the target; null when the container is not on this node or not read. */
  kernel: { fsType: string; readOnly: boolean; byId: boolean } | null
  /** The secret also appears as an environment variable of the service (name match). */
  alsoInEnv: string | null
  /** Owner and mode the kernel shows inside the container (stat); null when not read. */
  stat: { uid: number; gid: number; mode: number; sizeBytes: number } | null
}

export interface TaskRow {
  task: SwarmTask
  /** The container on this node running it; null when it runs elsewhere or has none yet. */
  container: ContainerInfo | null
  files: FileDelivery[]
}

export interface ServiceRow {
  service: SwarmService
  tasks: TaskRow[]
}

export function swarmServices(snapshot: HostSnapshot, swarm: SwarmActive): ServiceRow[] {
  const containers = new Map(snapshot.containers.map((c) => [c.id, c]))
  return swarm.services
    .map((service) => ({
      service,
      tasks: swarm.tasks
        .filter((t) => t.serviceId === service.id)
        .sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0) || stateRank(a) - stateRank(b))
        .map((task) => {
          const container = task.containerId ? (containers.get(task.containerId) ?? null) : null
          return { task, container, files: deliveries(service, container, task) }
        })
    }))
    .sort((a, b) => a.service.name.localeCompare(b.service.name))
}

/** Running tasks first, then those still wanted, then history. */
function stateRank(t: SwarmTask): number {
  return t.state === 'running' ? 0 : t.desiredState === 'running' ? 1 : 2
}

export function deliveries(service: SwarmService, container: ContainerInfo | null, task?: SwarmTask): FileDelivery[] {
  const at = (target: SwarmFileTarget, type: FileDelivery['type']): FileDelivery => {
    const mount = container?.mounts?.filter((m) => m.mountPoint === target.target).at(-1)
    return {
      type,
      target,
      kernel: mount ? { fsType: mount.fsType, readOnly: mount.readOnly, byId: mount.root === `/${target.id}` } : null,
      alsoInEnv: type === 'secret' ? (service.envNames.find((e) => !/_FILE$/i.test(e) && squash(e) === squash(target.name)) ?? null) : null,
      stat: task?.fileStats?.[target.target] ?? null
    }
  }
  return [...service.secrets.map((s) => at(s, 'secret')), ...service.configs.map((c) => at(c, 'config'))]
}

/** Which services use a secret or config, by its id. */
export function usersOf(swarm: SwarmActive, id: string): { service: SwarmService; target: SwarmFileTarget }[] {
  return swarm.services.flatMap((service) =>
    [...service.secrets, ...service.configs].filter((t) => t.id === id).map((target) => ({ service, target }))
  )
}

/** A file mode as ls shows it: 0400 → r--------. */
export function modeText(mode: number): string {
  const bits = 'rwxrwxrwx'
  return [...bits].map((ch, i) => ((mode >> (8 - i)) & 1 ? ch : '-')).join('') + ` (0${(mode & 0o777).toString(8)})`
}

/** Days from `at` to `until`, rounded down; negative when past. */
export function daysBetween(at: string, until: string): number {
  return Math.floor((Date.parse(until) - Date.parse(at)) / 86_400_000)
}

/** A duration in seconds the way docker info prints CA expiry: "3 months", "90 days", "12 hours". */
export function durationText(seconds: number): string {
  const days = seconds / 86_400
  if (days >= 60 && Number.isInteger(days / 30)) return `${days / 30} months (${days} days)`
  if (days >= 1) return `${Math.round(days)} days`
  return `${Math.round(seconds / 3600)} hours`
}

function squash(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '')
}
