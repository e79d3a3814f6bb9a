// Parses the text of /proc/<pid>/cgroup (kernel-facts §1.5): one `id:controllers:path` line per
// hierarchy. v1 lines name their controllers (or `name=systemd`), the v2 line is `0::/path`.
import type { CgroupMembership } from '../../shared/model'

export type CgroupParse = { ok: true; value: CgroupMembership[] } | { ok: false; detail: string }

const DECIMAL = /^\d+$/

export function parseCgroupFile(text: string): CgroupParse {
  const memberships: CgroupMembership[] = []
  const lines = text.split('\n')
  for (const [index, line] of lines.entries()) {
    if (line === '') continue
    // Split at the first two ':' only: the path may contain ':' (systemd and Kubernetes names do).
    const first = line.indexOf(':')
    const second = first < 0 ? -1 : line.indexOf(':', first + 1)
    const id = line.slice(0, first)
    const path = line.slice(second + 1)
    if (second < 0 || !DECIMAL.test(id) || path === '') {
      return { ok: false, detail: `line ${index + 1} is not id:controllers:path: ${JSON.stringify(line)}` }
    }
    const controllers = line.slice(first + 1, second)
    memberships.push({
      hierarchyId: Number(id),
      controllers: controllers === '' ? [] : controllers.split(','),
      path
    })
  }
  return { ok: true, value: memberships }
}

/**
 * The path that identifies the process's cgroup: the v1 memory hierarchy's (where Docker's
 * limits live), else v1 pids, else the v2 line, else whatever line there is.
 */
export function cgroupPathOf(memberships: readonly CgroupMembership[]): string | null {
  const v1 = (controller: string): CgroupMembership | undefined =>
    memberships.find((m) => m.hierarchyId > 0 && m.controllers.includes(controller))
  const v2 = memberships.find((m) => m.hierarchyId === 0 && m.controllers.length === 0)
  return (v1('memory') ?? v1('pids') ?? v2 ?? memberships[0])?.path ?? null
}

/**
 * The cgroup path of a zombie. For an exited task the kernel prints "/" on every v1 hierarchy
 * (proc_cgroup_show skips the real path once PF_EXITING is set) but keeps the real path on the
 * unified (0::) line; measured on 6.18 (docs/kernel-notes.md). The task stays charged to its cgroup
 * (pids.current counts it) until it is reaped. null when only v1 lines exist: the model then
 * attributes the zombie by its parent.
 */
export function zombieCgroupPathOf(memberships: readonly CgroupMembership[]): string | null {
  return memberships.find((m) => m.hierarchyId === 0 && m.controllers.length === 0)?.path ?? null
}
