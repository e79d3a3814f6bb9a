// The kernel read by this very process: root on the kernel that runs the containers (what Glasshouse
// did before the seam existed). Reports are built synchronously and handed over as objects; a light
// refresh reuses this source's own last scan, so the caller only says whether it wants one.
import type { ProcessInfo } from '../../shared/model'
import { processKey } from '../../shared/identity'
import type { History } from '../live/history'
import { Sampler } from '../live/sampler'
import { discoverHierarchy } from '../probe/cgroup-hierarchy'
import { DEFAULT_ROOTS, probeHost } from '../probe/probe-host'
import type { ProbeRoots } from '../probe/types'
import type { KernelReport, KernelRequest, KernelSampler, KernelSource } from './kernel-source'
import { kernelLogCanNameAKill } from './kmsg-needed'
import { KmsgReader, type KernelLogReading } from './kmsg-reader'
import { earlierReadings, readKernelReport, type EarlierReadings } from './read-kernel-report'

export class InProcessKernelSource implements KernelSource {
  readonly kind = 'in-process'
  /** The processes of the last report, for a light refresh to reuse those that did not change. */
  private lastProcesses: ProcessInfo[] | null = null
  /** The last report's cgroups and mounts, for the containers a request says are unchanged. */
  private lastReadings: EarlierReadings | null = null

  /** Kept open between reports: each continues in the kernel log where the last one ended. */
  private readonly kmsg: KmsgReader | null

  /** `kmsg`: the kernel log reader; default /dev/kmsg, unless /proc is another root's (a fixture: no log of its own). */
  constructor(
    readonly roots: ProbeRoots = DEFAULT_ROOTS,
    kmsg?: KmsgReader | null
  ) {
    this.kmsg = kmsg !== undefined ? kmsg : roots.procRoot === DEFAULT_ROOTS.procRoot ? new KmsgReader() : null
  }

  // async: a failed read rejects, as a helper's would, instead of throwing at the caller.
  async report(request: KernelRequest): Promise<KernelReport> {
    const known = request.reuseUnchanged && this.lastProcesses ? new Map(this.lastProcesses.map((p) => [processKey(p), p])) : undefined
    const probe = probeHost(this.roots, undefined, known)
    this.lastProcesses = probe.processes
    const report = readKernelReport(probe, request, undefined, this.lastReadings ?? undefined)
    this.lastReadings = earlierReadings(report)
    if (!this.kmsg) return report
    // The whole log is read only when it can name a kill of these containers (see kernelLogCanNameAKill).
    const log = this.kmsg.reading || kernelLogCanNameAKill(request, report.cgroups) ? this.kernelLogNow() : this.kmsg.unread()
    return { ...report, kernelLog: log }
  }

  kernelLog(): Promise<KernelLogReading> {
    return Promise.resolve(this.kernelLogNow() ?? { kills: [], problem: null, overwritten: false })
  }

  private kernelLogNow(): KernelLogReading | undefined {
    if (!this.kmsg) return undefined
    const { kills, problem, overwritten } = this.kmsg.read()
    return { kills, problem, overwritten }
  }

  sampler(options: { history: History }): KernelSampler {
    // The session records limit events itself, as they leave the OOM merge, so history and stream agree.
    const sampler = new Sampler({ hierarchy: discoverHierarchy(this.roots.cgroupRoot), recordEvents: false, history: options.history })
    return {
      setTargets: (targets, limitsChanged) => sampler.setTargets(targets, limitsChanged && new Set(limitsChanged)),
      start: (intervalMs, onTick) => sampler.start(intervalMs, onTick),
      stop: () => sampler.stop()
    }
  }

  close(): Promise<void> {
    this.kmsg?.close()
    return Promise.resolve()
  }
}
