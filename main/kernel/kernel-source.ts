// The kernel-source seam. Glasshouse joins two reports: the engine's (Docker's API) and the kernel's
// (/proc and /sys/fs/cgroup). Everything read from the kernel crosses this seam; nothing on the app side
// reads /proc or cgroupfs. What crosses is plain JSON data, in both directions:
//
//   request  → KernelRequest: the engine's (container id, init PID) pairs, the one thing a kernel reader
//              cannot know by itself (a reader in another kernel knows nothing of the engine), and
//              whether unchanged processes may be taken from its last scan.
//   report   ← KernelReport: processes, host facts, and what the join needs about containers: their
//              cgroups' limits and usage, their inits' mounts, every user namespace's uid/gid maps.
//   samples  ← TickResult per interval for the SamplerTarget[] sent in: a `sample` message and limit
//              `event` messages, the same ones `glasshouse watch --json` prints.
//
// The ids in the request also let the kernel side run the join's own placement (model/place-containers.ts)
// and read exactly the cgroups and mounts the join will look up; the join reports what it finds missing.
//
// Why: the kernel that runs the containers is not always the app's own (an unprivileged user, Docker
// Desktop's VM). Then a helper container next to the containers reads it and streams these messages as
// NDJSON; in-process-source.ts is the reader for root on the same kernel. The join itself
// (model/build-snapshot.ts) is a pure function of the two reports.
import type {
  CgroupInfo,
  HostInfo,
  IdMapRange,
  KernelMount,
  ProcessInfo,
  Problem
} from '../../shared/model'
import type { EngineReport } from '../engine/types'
import type { History } from '../live/history'
import type { SamplerTarget, TickResult } from '../live/sampler'
import type { ListedContainer } from '../model/place-containers'
import type { KernelLogReading } from './kmsg-reader'

export interface KernelRequest {
  /** The containers the engine listed, with their init PIDs (as seen from the engine's host PID namespace). */
  containers: ListedContainer[]
  /** true: processes that did not change since this source's last report are taken from it (a light refresh). */
  reuseUnchanged?: boolean
  /**
   * true: the engine tells of a kill no cgroup counts any more (a container that exited 137 or OOMKilled, or
   * restarted), so the kernel log is worth reading even when every cgroup's OOM kill counter is 0.
   */
  engineSawKill?: boolean
  /**
   * Containers nothing was heard about since this source's last report (a refresh for another container's
   * Docker event): their cgroup limits and init mounts may be taken from that report, where their cgroup
   * path and init PID are the same. Absent: every container is read.
   */
  unchangedContainers?: string[]
}

/** /proc/<pid>/mountinfo of one container init. */
export interface MountsReading {
  pid: number
  mounts: KernelMount[] | null
  problem: Problem | null
}

/** uid_map and gid_map of one user namespace, read from the first of its processes that answered. */
export interface IdMapsReading {
  inode: number
  idMaps: { uid: IdMapRange[]; gid: IdMapRange[] } | null
  /** Why none could be read, with the snapshot field it concerns. */
  problem: Problem | null
}

/** Everything the join needs from the kernel. Plain JSON: no Map, no Date, no undefined that matters. */
export interface KernelReport {
  host: HostInfo
  /** Every process, in scan order, with containerId null: which container is decided by the join. */
  processes: ProcessInfo[]
  /** Host-wide notes of the scan. */
  problems: Problem[]
  /** The cgroup of each container (listed or found by its cgroup), once per path. */
  cgroups: CgroupInfo[]
  mounts: MountsReading[]
  idMaps: IdMapsReading[]
  /**
   * OOM kills from the kernel log (/dev/kmsg), the last few per container, or why the log was not
   * readable. Absent: this source does not read the log.
   */
  kernelLog?: KernelLogReading
}

/** Counter sampling behind the seam; samples are recorded in the History the session passed. */
export interface KernelSampler {
  /** `limitsChanged`: ids whose limits must be read again (all when absent). */
  setTargets(targets: readonly SamplerTarget[], limitsChanged?: readonly string[]): void
  start(intervalMs: number, onTick: (tick: TickResult) => void): void
  stop(): void
}

export interface KernelSource {
  /** How the kernel is read, for the user to see. */
  readonly kind: 'in-process' | 'helper'
  report(request: KernelRequest): Promise<KernelReport>
  /**
   * The in-process sampler keeps counter files open between ticks and records into `history` directly;
   * the helper (helper-source.ts) runs the same Sampler on its side and this end records the ticks it streams.
   */
  sampler(options: { history: History }): KernelSampler
  /** The kernel log's OOM kills now, without a whole report: the live stream names the killed process. */
  kernelLog?(): Promise<KernelLogReading>
  /**
   * Called once when the source stops working for good (a helper's stream ended): the session then
   * starts another. Absent: the source cannot be lost (the in-process reader).
   */
  onLost?(listener: (reason: string) => void): () => void
  /** Ends what the source started (a helper container); the in-process source has nothing to end. */
  close(): Promise<void>
}

export function requestFor(engine: EngineReport, reuseUnchanged = false): KernelRequest {
  return {
    containers: engine.containers.map((c) => ({ id: c.id, pid: c.pid })),
    reuseUnchanged,
    engineSawKill: engine.containers.some(mayHaveBeenKilled)
  }
}

/** An earlier run's OOM kill is in the kernel log under this container's id, while its cgroup is gone or new. */
function mayHaveBeenKilled(c: EngineReport['containers'][number]): boolean {
  return c.exit?.oomKilled === true || c.exit?.exitCode === 137 || (c.restartCount ?? 0) > 0
}
