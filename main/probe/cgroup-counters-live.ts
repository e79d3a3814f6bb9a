// One container's counters for the live sampler, made cheap to read every tick: the counter files stay
// open and are read with pread (cgroup-counters-open-files.ts), and the limits are not read every tick.
// Limits (CFS quota and period, memory limit and memory.high, pids.max, whether a v1 blkio throttle
// rule exists) change only when the container's configuration does; the sampler's targets are set
// again on every structural refresh, and `docker update` sends an 'update' event that triggers one,
// so reading them then (refreshLimits) is enough. They are also read when a vanished cgroup reappears.
// PSI averages are read at most every PRESSURE_EVERY_MS: the kernel recomputes them every 2 s
// (PSI_FREQ), so a faster read only repeats the last figures. They are also the dearest files of a
// tick: reading a pressure file makes the kernel aggregate the per-CPU stall times there and then
// (psi_show), so a tick that reads the three PSI files of 50 containers costs about three times one
// that does not. While a container is idle (its CPU usage did not move since the last reading) and
// all its averages read 0, they are read only every IDLE_PRESSURE_EVERY_MS: a stall of any kind needs a
// task that wants to run, and one that runs moves the usage, which brings the faster pace back at the
// next tick. What can come late is a stall with no CPU used at all for a whole tick (a task blocked on
// I/O throughout), by at most IDLE_PRESSURE_EVERY_MS on an average that spans 10 s.
// The plan's slow steps (cgroup-counters-slow.ts) are read every tick only where a limit makes them
// count, otherwise every SLOW_EVERY_MS.
import type { CgroupMembership } from '../../shared/model'
import { counterFiles } from './cgroup-counters-files'
import { planCounters, runSteps, type CounterPlan } from './cgroup-counters'
import { OpenFiles, type SharedReads } from './cgroup-counters-open-files'
import { SLOW_EVERY_MS } from './cgroup-counters-slow'
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

/** Under the kernel's 2 s, so at 1 Hz every other tick reads them and no update is late by more than a tick. */
export const PRESSURE_EVERY_MS = 1500
/** PSI of an idle container whose averages all read 0: as often as the other slow files. */
export const IDLE_PRESSURE_EVERY_MS = SLOW_EVERY_MS

export type CounterSourceFactory = (hierarchy: CgroupHierarchy, memberships: readonly CgroupMembership[]) => CounterSource

/** Counter files kept open between ticks, all read into the one buffer of `reads`. */
export function openCounterSource(reads: SharedReads, monotonicMs: () => number = () => performance.now()): CounterSourceFactory {
  return (hierarchy, memberships) => new LiveCounters(planCounters(hierarchy, memberships), reads, monotonicMs)
}

export class LiveCounters implements CounterSource {
  private readonly files: OpenFiles
  private limits: CgroupCounters = emptyCounters()
  private pressure: { values: CgroupCounters['pressure']; at: number } | null = null
  /** The last reading returned, and when the slow steps were last all read. */
  private last: { counters: CgroupCounters; slowAt: number } | null = null

  constructor(
    private readonly plan: CounterPlan,
    private readonly reads: SharedReads,
    private readonly monotonicMs: () => number = () => performance.now()
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
    const files = counterFiles((path) => this.files.read(path))
    runSteps(this.plan.counters, files, out)
    const now = this.monotonicMs()
    const slowAt = this.readSlow(files, out, now)
    if (this.pressure === null || now - this.pressure.at >= this.pressureEveryMs(out)) {
      runSteps(this.plan.pressure, files, out)
      this.pressure = { values: { ...out.pressure }, at: now }
    } else {
      out.pressure = { ...this.pressure.values }
    }
    // Vanished during this reading: no half-read container, and no limits of a cgroup that is not there.
    if (!this.files.gone) {
      this.last = { counters: out, slowAt }
      return out
    }
    this.pressure = null
    this.last = null
    return emptyCounters()
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
    // Reopened later, it starts as a new source: every file, PSI included, on its first read.
    this.pressure = null
    this.last = null
  }

  /** How long the last PSI figures stand: longer for an idle container with no pressure at all. */
  private pressureEveryMs(current: CgroupCounters): number {
    const last = this.last?.counters
    const usage = current.cpu.usageUsec
    const idle = usage !== null && last !== undefined && last.cpu.usageUsec === usage
    const { cpu, memory, io } = this.pressure?.values ?? {}
    const calm = !cpu && !memory && !io
    return idle && calm ? IDLE_PRESSURE_EVERY_MS : PRESSURE_EVERY_MS
  }

  /** Runs the slow steps that are due, carries the others; answers when all were last read. */
  private readSlow(files: ReturnType<typeof counterFiles>, out: CgroupCounters, now: number): number {
    const last = this.last
    if (last === null || now - last.slowAt >= SLOW_EVERY_MS) {
      runSteps(this.plan.slow, files, out)
      return now
    }
    for (const step of this.plan.slow) {
      if (step.everyTick(this.limits, out, last.counters)) step.read(step.dir, files, out)
      else step.carry(last.counters, out)
    }
    return last.slowAt
  }
}
