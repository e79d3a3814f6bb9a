// One container's counters for the live sampler, made cheap to read every tick: the counter files stay
// open and are read with pread (cgroup-counters-open-files.ts), and the limits are not read every tick.
// Limits (CFS quota and period, memory limit and memory.high, pids.max, whether a v1 blkio throttle
// rule exists) change only when the container's configuration does; the sampler's targets are set
// again on every structural refresh, and `docker update` sends an 'update' event that triggers one,
// so reading them then (refreshLimits) is enough. They are also read when a vanished cgroup reappears.
import type { CgroupMembership } from '../../shared/model'
import { counterFiles } from './cgroup-counters-files'
import { planCounters, runSteps, type CounterPlan } from './cgroup-counters'
import { OpenFiles, type SharedReads } from './cgroup-counters-open-files'
import { copyLimits, emptyCounters, type CgroupCounters } from './cgroup-counters-types'
import type { CgroupHierarchy } from './types'

/** One target's counters, read tick after tick. */
export interface CounterSource {
  /** This moment's counters with the limits last read; all null while the cgroup is gone. */
  read(): CgroupCounters
  /** Reads the limits again (the container's configuration may have changed). */
  refreshLimits(): void
  /** Releases what the source holds (open fds); a later read() opens again. */
  close(): void
}

export type CounterSourceFactory = (hierarchy: CgroupHierarchy, memberships: readonly CgroupMembership[]) => CounterSource

/** Counter files kept open between ticks, all read into the one buffer of `reads`. */
export function openCounterSource(reads: SharedReads): CounterSourceFactory {
  return (hierarchy, memberships) => new LiveCounters(planCounters(hierarchy, memberships), reads)
}

export class LiveCounters implements CounterSource {
  private readonly files: OpenFiles
  private limits: CgroupCounters = emptyCounters()

  constructor(
    private readonly plan: CounterPlan,
    private readonly reads: SharedReads
  ) {
    this.files = new OpenFiles(reads)
    this.refreshLimits()
  }

  /** How many fds this source holds open now. */
  get openCount(): number {
    return this.files.openCount
  }

  read(): CgroupCounters {
    if (this.files.gone) {
      // Gone at an earlier tick: come back only once every directory exists again (a restart).
      if (!this.plan.dirs.every((dir) => this.reads.ops.exists(dir))) return emptyCounters()
      this.files.revive()
      this.refreshLimits()
    }
    const out = copyLimits(this.limits)
    runSteps(this.plan.counters, counterFiles((path) => this.files.read(path)), out)
    // Vanished during this reading: no half-read container, and no limits of a cgroup that is not there.
    return this.files.gone ? emptyCounters() : out
  }

  refreshLimits(): void {
    // One-shot reads: limits are read rarely; keeping their files open would cost ~8 more fds per target.
    const limits = emptyCounters()
    runSteps(this.plan.limits, counterFiles(), limits)
    this.limits = limits
    this.files.forgetAbsent()
  }

  close(): void {
    this.files.close()
  }
}
