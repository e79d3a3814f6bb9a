// The cgroup hierarchy from the root to each container's cgroup, built from the cgroup paths in
// the snapshot (/docker/<id> with the cgroupfs driver, /system.slice/docker-<id>.scope with systemd).
import type { CgroupInfo, CgroupLayout, CgroupVersion, HostSnapshot } from '../model'
import { indexSnapshot } from './snapshot-index'

export interface CgroupTreeNode {
  /** The cgroup path, "/" for the root. */
  path: string
  /** The last path segment, or the container's name. */
  label: string
  containerId: string | null
  cgroup: CgroupInfo | null
  children: CgroupTreeNode[]
}

export function cgroupTree(snapshot: HostSnapshot): CgroupTreeNode {
  const index = indexSnapshot(snapshot)
  const root: CgroupTreeNode = { path: '/', label: '/', containerId: null, cgroup: index.cgroupByPath.get('/') ?? null, children: [] }
  const byPath = new Map<string, CgroupTreeNode>([['/', root]])
  const containerByPath = new Map(snapshot.containers.filter((c) => c.cgroupPath).map((c) => [c.cgroupPath as string, c]))
  const paths = new Set([...snapshot.cgroups.map((g) => g.path), ...containerByPath.keys()])

  const ensure = (path: string): CgroupTreeNode => {
    const found = byPath.get(path)
    if (found) return found
    const cut = path.lastIndexOf('/')
    const parentPath = cut <= 0 ? '/' : path.slice(0, cut)
    const parent = ensure(parentPath)
    const container = containerByPath.get(path)
    const created: CgroupTreeNode = {
      path,
      label: container?.name ?? path.slice(cut + 1),
      containerId: container?.id ?? null,
      cgroup: index.cgroupByPath.get(path) ?? null,
      children: []
    }
    parent.children.push(created)
    byPath.set(path, created)
    return created
  }
  for (const path of [...paths].sort()) {
    if (path.startsWith('/') && path !== '/') ensure(path.replace(/\/+$/, ''))
  }
  sortTree(root)
  return root
}

export function cgroupLeaves(root: CgroupTreeNode): CgroupTreeNode[] {
  const out: CgroupTreeNode[] = []
  const visit = (n: CgroupTreeNode): void => {
    if (n.containerId) out.push(n)
    n.children.forEach(visit)
  }
  visit(root)
  return out
}

/** Which cgroup version each controller's limits came from, grouped: { 1: [memory, cpu, …], 2: [] }. */
export function controllersByVersion(cgroup: CgroupInfo): Record<CgroupVersion, string[]> {
  const out: Record<CgroupVersion, string[]> = { 1: [], 2: [] }
  for (const [controller, version] of Object.entries(cgroup.controllers)) out[version].push(controller)
  return out
}

/** One sentence saying how this host lays out its cgroups. */
export function describeCgroupLayout(layout: CgroupLayout, cgroups: readonly CgroupInfo[]): string {
  const sample = cgroups.find((g) => Object.keys(g.controllers).length > 0)
  const v1 = sample ? controllersByVersion(sample)[1] : []
  const list = v1.length ? v1.join(', ') : 'memory, cpu, pids …'
  if (layout === 'v2') return 'cgroup v2 (unified): one tree, every controller (memory, cpu, pids …) reads its limits from the same directory.'
  const merged = layout === 'hybrid' ? ' A cgroup2 mount exists too, but the limits live in the v1 trees.' : ''
  return `cgroup v1: each controller (${list}) has its own tree, and Docker puts the container at the same path in every one of them; drawn here as one tree.${merged}`
}

function sortTree(n: CgroupTreeNode): void {
  n.children.sort((a, b) => Number(a.containerId !== null) - Number(b.containerId !== null) || a.label.localeCompare(b.label))
  n.children.forEach(sortTree)
}
