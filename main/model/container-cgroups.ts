// Which processes live in which container, decided by cgroup membership:
// the engine tells us a container's init PID, the kernel tells us that process's cgroup,
// and every process in that cgroup (or below it) belongs to the container.

/** A container id in the last path segment, as cgroupfs (`/docker/<id>`) and systemd (`docker-<id>.scope`) write it. */
const CONTAINER_ID_IN_SEGMENT = /(?:^|[-:])([0-9a-f]{64})(?:\.scope)?$/

/**
 * Reads a container id out of a cgroup path, for containers the engine did not list
 * (engine unreachable, or created after the list call). Looks at the innermost segment
 * that carries an id, so a cgroup created inside a container still maps to it.
 */
export function containerIdFromCgroupPath(path: string): string | null {
  const segments = path.split('/')
  for (let i = segments.length - 1; i >= 0; i--) {
    const match = CONTAINER_ID_IN_SEGMENT.exec(segments[i] ?? '')
    if (match?.[1]) return match[1]
  }
  return null
}

/** True when `path` is the cgroup `root` or a cgroup below it. The root cgroup contains nothing specific. */
export function isInCgroup(path: string | null, root: string): boolean {
  if (path === null || root === '/' || root === '') return false
  return path === root || path.startsWith(root + '/')
}
