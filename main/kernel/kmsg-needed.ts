// Whether reading the kernel log can name an OOM kill of the containers asked about. The first read of
// /dev/kmsg goes through the whole ring buffer (thousands of records, one read(2) each: ~20–60 ms of CPU);
// on a host where no container was OOM-killed that read finds nothing the join would attach.
//
// A kill leaves a mark the snapshot reads anyway: the victim's cgroup counts it (v1 memory.oom_control
// `oom_kill`, v2 memory.events `oom_kill`; on v1 the count is the cgroup's own, as Docker puts every
// process of a container in its cgroup), or, once that cgroup is gone or made anew, the engine remembers
// an exit by SIGKILL / OOMKilled or a restart (KernelRequest.engineSawKill). An unknown counter (a
// kernel before 4.13, an unreadable file) is no proof of none, so the log is read then too. Left unread,
// the log is not even opened: with no kill to name, whether it is readable (root, CAP_SYSLOG) does not matter.
// Not covered: a container restarted by hand after a kill (RestartCount stays 0, the new cgroup counts 0);
// its old kill shows from the first report that reads the log for another reason.
import type { CgroupInfo } from '../../shared/model'
import type { KernelRequest } from './kernel-source'

export function kernelLogCanNameAKill(request: KernelRequest, cgroups: readonly CgroupInfo[]): boolean {
  return request.engineSawKill === true || cgroups.some((g) => g.usage.oomKills !== 0)
}
