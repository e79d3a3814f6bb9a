// The two trace lines an all-containers observation reads besides the events it counts: a fork (the child
// belongs to its parent's container) and a task attached to a cgroup (a container's first process, or a
// `docker exec`). Kernel 6.18 print formats:
//   "... sched_process_fork: comm=sh pid=27944 child_comm=sh child_pid=27950"
//   "... cgroup_attach_task: dst_root=3 dst_id=1234 dst_level=2 dst_path=/docker/<64 hex> pid=27950 comm=runc:[2:INIT]"

export interface ForkLine {
  parent: number
  child: number
}

export interface AttachLine {
  pid: number
  /** The container id the cgroup path names, or null for a cgroup of no container. */
  containerId: string | null
}

const FORK = /sched_process_fork: comm=.* pid=(\d+) child_comm=.* child_pid=(\d+)\s*$/
const ATTACH = /cgroup_attach_task: .*dst_path=(\S*) pid=(\d+) comm=/

export function parseForkLine(line: string): ForkLine | null {
  const m = FORK.exec(line)
  return m ? { parent: Number(m[1]), child: Number(m[2]) } : null
}

export function parseAttachLine(line: string): AttachLine | null {
  const m = ATTACH.exec(line)
  return m ? { pid: Number(m[2]), containerId: containerIdOfCgroupPath(m[1]!) } : null
}

/**
 * The container a cgroup path belongs to: Docker names the cgroup after the 64-hex id, with cgroupfs
 * (/docker/<id>) and with systemd (/system.slice/docker-<id>.scope) alike.
 */
export function containerIdOfCgroupPath(path: string): string | null {
  return /(?:^|[/-])([0-9a-f]{64})(?:\.scope)?(?:\/|$)/.exec(path)?.[1] ?? null
}

/**
 * Whether an exec is runc re-executing itself while it sets a container up (runc 1.1: `/proc/self/exe`,
 * then the sealed copy of its binary as `/dev/fd/<n>`), rather than the container's command.
 *   "... sched_process_exec: filename=/dev/fd/6 pid=26884 old_pid=26884"
 */
export function isRuntimeReExec(line: string): boolean {
  const filename = /sched_process_exec: filename=(.*) pid=\d+ old_pid=\d+\s*$/.exec(line)?.[1]
  if (filename === undefined) return false
  return /^(\/proc\/self\/exe|\/proc\/self\/fd\/\d+|\/dev\/fd\/\d+|\/memfd:.*)$/.test(filename) || /\/runc$/.test(filename)
}
