import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { counterFiles } from '../../main/probe/cgroup-counters-files'
import { planCounters, readCgroupCounters, runSteps } from '../../main/probe/cgroup-counters'
import { LiveCounters, openCounterSource } from '../../main/probe/cgroup-counters-live'
import { NODE_FILE_OPS, sharedReads, type FileOps } from '../../main/probe/cgroup-counters-open-files'
import { emptyCounters } from '../../main/probe/cgroup-counters-types'
import { discoverHierarchy } from '../../main/probe/cgroup-hierarchy'
import { COUNTER_FIXTURES, counterMembershipsOf, counterRootOf } from './cgroup-counters-fixture'

const V1 = 'v1-hybrid-cgroupfs'
const copies: string[] = []
afterEach(() => {
  for (const root of copies.splice(0)) rmSync(root, { recursive: true, force: true })
})

/** A writable copy of a counter fixture; returns its cgroup root. */
function copyOf(fixture: string): string {
  const root = mkdtempSync(join(tmpdir(), 'glasshouse-live-counters-'))
  copies.push(root)
  cpSync(join(COUNTER_FIXTURES, fixture), root, { recursive: true })
  return join(root, 'sys', 'fs', 'cgroup')
}

const openFds = (): number => readdirSync('/proc/self/fd').length

/** The v1 fixture container `name`'s directory under `root` for one controller. */
function dirOf(root: string, controller: string, name: string): string {
  const line = counterMembershipsOf(V1, name).find((m) => m.controllers.includes(controller))
  return join(root, controller, line?.path ?? '')
}

describe('planCounters', () => {
  it('splits limits from counters: each side fills only its own fields', () => {
    const hierarchy = discoverHierarchy(counterRootOf(V1))
    const plan = planCounters(hierarchy, counterMembershipsOf(V1, 'pids'))
    const limits = emptyCounters()
    runSteps(plan.limits, counterFiles(), limits)
    // --pids-limit 5, nothing else limited, no blkio throttle rule.
    const expected = emptyCounters()
    expected.pids.max = 5
    expect(limits).toEqual(expected)

    const counters = emptyCounters()
    const files = counterFiles()
    runSteps(plan.counters, files, counters)
    expect(counters.pids).toEqual({ current: 4, max: null, limitHits: null })
    // Refused forks are a slow step: read after the counters, every tick only under a pids limit.
    runSteps(plan.slow, files, counters)
    expect([counters.cpu.quotaCores, counters.memory.limitBytes, counters.memory.highBytes, counters.pids.max]).toEqual([null, null, null, null])
    expect(counters.pids).toEqual({ current: 4, max: null, limitHits: 1 })
    expect(plan.dirs.length).toBe(new Set(plan.dirs).size)
  })
})

describe('LiveCounters', () => {
  it.each([
    [V1, ['cpu', 'oom', 'pids', 'io']],
    ['v2-cgroupfs', ['busy', 'plain']]
  ])('reads the same values as a one-shot reading on %s', (fixture, names) => {
    const hierarchy = discoverHierarchy(counterRootOf(fixture))
    const open = openCounterSource(sharedReads())
    for (const name of names) {
      const memberships = counterMembershipsOf(fixture, name)
      const source = open(hierarchy, memberships)
      expect(source.read(), name).toEqual(readCgroupCounters(hierarchy, memberships))
      // Twice: the second read goes through the fds kept open.
      expect(source.read(), name).toEqual(readCgroupCounters(hierarchy, memberships))
      source.close()
    }
  })

  it('reads counters at every read() but limits only when asked to', () => {
    const root = copyOf(V1)
    const source = openCounterSource(sharedReads())(discoverHierarchy(root), counterMembershipsOf(V1, 'pids'))
    expect(source.read().pids).toEqual({ current: 4, max: 5, limitHits: 1 })
    writeFileSync(join(dirOf(root, 'pids', 'pids'), 'pids.current'), '5\n')
    writeFileSync(join(dirOf(root, 'pids', 'pids'), 'pids.max'), '10\n')
    writeFileSync(join(dirOf(root, 'memory', 'pids'), 'memory.limit_in_bytes'), '33554432\n')
    expect(source.read().pids).toEqual({ current: 5, max: 5, limitHits: 1 })
    source.refreshLimits()
    const after = source.read()
    expect(after.pids).toEqual({ current: 5, max: 10, limitHits: 1 })
    expect(after.memory.limitBytes).toBe(32 * 1024 * 1024)
    source.close()
  })

  it('keeps about a dozen fds open per target and closes them all', () => {
    const hierarchy = discoverHierarchy(counterRootOf(V1))
    const before = openFds()
    const source = new LiveCounters(planCounters(hierarchy, counterMembershipsOf(V1, 'cpu')), sharedReads())
    expect(openFds()).toBe(before) // limits are read once, nothing kept open for them
    source.read()
    expect(source.openCount).toBeGreaterThanOrEqual(10)
    expect(source.openCount).toBeLessThanOrEqual(14)
    expect(openFds()).toBe(before + source.openCount)
    source.close()
    expect(openFds()).toBe(before)
    // Reopened on the next read.
    expect(source.read().cpu.usageUsec).toBe(2983810)
    source.close()
    expect(openFds()).toBe(before)
  })

  it('reads PSI at most every 1.5 s, under the kernel\'s 2 s refresh of the averages, and the rest every time', () => {
    const root = copyOf(V1)
    let now = 0
    const source = openCounterSource(sharedReads(), () => now)(discoverHierarchy(root), counterMembershipsOf(V1, 'cpu'))
    const unified = join(root, 'unified', counterMembershipsOf(V1, 'cpu').find((m) => m.hierarchyId === 0)?.path ?? '')
    const pidsDir = dirOf(root, 'pids', 'cpu')
    expect(source.read().pressure.cpu).toBe(19.24)
    writeFileSync(join(unified, 'cpu.pressure'), 'some avg10=42.00 avg60=1.00 avg300=0.50 total=99\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n')
    writeFileSync(join(pidsDir, 'pids.current'), '2\n')
    now = 1000
    const second = source.read()
    expect(second.pressure.cpu).toBe(19.24)
    expect(second.pids.current).toBe(2)
    now = 2000
    expect(source.read().pressure.cpu).toBe(42)
    source.close()
  })

  it('reads the PSI of an idle container with no pressure only every 5 s, and at the faster pace again once it runs', () => {
    const root = copyOf(V1)
    let now = 0
    const memberships = counterMembershipsOf(V1, 'cpu')
    const source = openCounterSource(sharedReads(), () => now)(discoverHierarchy(root), memberships)
    const unified = join(root, 'unified', memberships.find((m) => m.hierarchyId === 0)?.path ?? '')
    const usageFile = join(dirOf(root, 'cpuacct', 'cpu'), 'cpuacct.usage')
    const psi = (avg10: string): string => `some avg10=${avg10} avg60=0.00 avg300=0.00 total=0\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n`
    for (const name of ['cpu.pressure', 'memory.pressure', 'io.pressure']) writeFileSync(join(unified, name), psi('0.00'))
    expect(source.read().pressure).toEqual({ cpu: 0, memory: 0, io: 0 })
    writeFileSync(join(unified, 'io.pressure'), psi('12.50'))
    // Idle (usage unchanged) and calm: the zeros stand past the usual 1.5 s …
    now = 2000
    expect(source.read().pressure.io).toBe(0)
    now = 4000
    expect(source.read().pressure.io).toBe(0)
    // … until 5 s have passed since they were read.
    now = 5000
    expect(source.read().pressure.io).toBe(12.5)
    // Pressure above 0: back to every 1.5 s, idle or not.
    writeFileSync(join(unified, 'io.pressure'), psi('3.00'))
    now = 6600
    expect(source.read().pressure.io).toBe(3)
    // Calm again, but the container runs (its usage moved): every 1.5 s.
    writeFileSync(join(unified, 'io.pressure'), psi('0.00'))
    now = 8200
    expect(source.read().pressure.io).toBe(0)
    writeFileSync(join(unified, 'cpu.pressure'), psi('7.00'))
    writeFileSync(usageFile, '9983810000\n')
    now = 9800
    expect(source.read().pressure.cpu).toBe(7)
    source.close()
  })

  it('blanks a vanished cgroup (limits too), closes its fds, and comes back when it reappears', () => {
    const root = copyOf(V1)
    const hierarchy = discoverHierarchy(root)
    const memberships = counterMembershipsOf(V1, 'pids')
    // Plain files keep their content after removal; make reads fail the way kernfs does (ENODEV).
    const dead = new Set<number>()
    const ops: FileOps = {
      ...NODE_FILE_OPS,
      pread: (fd, buffer) => {
        if (dead.has(fd)) throw Object.assign(new Error('ENODEV'), { code: 'ENODEV' })
        return NODE_FILE_OPS.pread(fd, buffer)
      }
    }
    const opened: number[] = []
    ops.open = (path) => {
      const fd = NODE_FILE_OPS.open(path)
      // fd numbers are reused: a fresh open is alive whatever its number.
      dead.delete(fd)
      opened.push(fd)
      return fd
    }
    const before = openFds()
    const source = new LiveCounters(planCounters(hierarchy, memberships), sharedReads(ops))
    expect(source.read().pids.current).toBe(4)

    const saved = mkdtempSync(join(tmpdir(), 'glasshouse-saved-'))
    copies.push(saved)
    const pidsDir = dirOf(root, 'pids', 'pids')
    cpSync(pidsDir, saved, { recursive: true })
    rmSync(pidsDir, { recursive: true })
    for (const fd of opened) dead.add(fd)
    expect(source.read()).toEqual(emptyCounters())
    expect(openFds()).toBe(before)
    // Still gone: nothing opened, still blank.
    const opens = opened.length
    expect(source.read()).toEqual(emptyCounters())
    expect(opened.length).toBe(opens)

    // The container restarts: same path, new files, maybe new limits.
    cpSync(saved, pidsDir, { recursive: true })
    writeFileSync(join(pidsDir, 'pids.max'), '8\n')
    const back = source.read()
    expect(back.pids).toEqual({ current: 4, max: 8, limitHits: 1 })
    expect(back.cpu.usageUsec).not.toBeNull()
    source.close()
    expect(openFds()).toBe(before)
  })
})

describe('LiveCounters: files read every tick only where they matter', () => {
  /** Real reads of a writable fixture copy, counted per file name. */
  function countedSource(name: string): {
    source: LiveCounters
    root: string
    reads: Map<string, number>
    file: (controller: string, file: string) => string
    at: (ms: number) => void
  } {
    const root = copyOf(V1)
    const reads = new Map<string, number>()
    const names = new Map<number, string>()
    const ops: FileOps = {
      ...NODE_FILE_OPS,
      open: (path) => {
        const fd = NODE_FILE_OPS.open(path)
        names.set(fd, path.slice(path.lastIndexOf('/') + 1))
        return fd
      },
      pread: (fd, buffer) => {
        const file = names.get(fd) ?? '?'
        reads.set(file, (reads.get(file) ?? 0) + 1)
        return NODE_FILE_OPS.pread(fd, buffer)
      }
    }
    let now = 0
    const source = new LiveCounters(planCounters(discoverHierarchy(root), counterMembershipsOf(V1, name)), sharedReads(ops), () => now)
    return { source, root, reads, file: (controller, file) => join(dirOf(root, controller, name), file), at: (ms) => void (now = ms) }
  }

  const SLOW_WITHOUT_LIMITS = ['cpu.stat', 'memory.oom_control', 'memory.max_usage_in_bytes', 'memory.memsw.usage_in_bytes', 'memory.stat']

  it('reads throttling, OOM kills, peak, swap and an unmoved memory.stat every 5 s where no limit makes them count', () => {
    // The 'pids' container: --pids-limit 5, no CPU quota, no memory limit.
    const { source, root, reads, file, at } = countedSource('pids')
    const first = source.read()
    for (const name of [...SLOW_WITHOUT_LIMITS, 'pids.events', 'pids.current', 'cpuacct.usage']) expect(reads.get(name), name).toBe(1)

    writeFileSync(file('memory', 'memory.oom_control'), 'oom_kill_disable 0\nunder_oom 0\noom_kill 2\n')
    writeFileSync(file('pids', 'pids.events'), 'max 4\n')
    writeFileSync(file('memory', 'memory.failcnt'), '7\n')
    at(1000)
    const second = source.read()
    // Limit hits (memory.failcnt) are read with the OOM kills: carried too, not blanked.
    expect(second.memory.maxEvents).toBe(first.memory.maxEvents)
    expect(second.memory.maxEvents).not.toBeNull()
    // Under its pids limit, refused forks are read at once; the rest waits and carries the last values.
    expect(second.pids.limitHits).toBe(4)
    expect(second.memory.oomKills).toBe(first.memory.oomKills)
    expect(second.memory.workingSetBytes).toBe(first.memory.workingSetBytes)
    expect([second.cpu.periods, second.memory.peakBytes, second.memory.swapBytes]).toEqual([first.cpu.periods, first.memory.peakBytes, first.memory.swapBytes])
    for (const name of SLOW_WITHOUT_LIMITS) expect(reads.get(name), name).toBe(1)
    for (const name of ['pids.events', 'pids.current', 'cpuacct.usage', 'memory.usage_in_bytes']) expect(reads.get(name), name).toBe(2)

    // Usage moved: memory.stat is read again for the working set; the peak shown is never below usage.
    const usage = (first.memory.peakBytes ?? 0) + 4096
    writeFileSync(file('memory', 'memory.usage_in_bytes'), `${usage}\n`)
    at(2000)
    const third = source.read()
    expect(reads.get('memory.stat')).toBe(2)
    expect(third.memory.usageBytes).toBe(usage)
    expect(third.memory.peakBytes).toBe(usage)
    expect(third.memory.oomKills).toBe(first.memory.oomKills)

    at(5000)
    const due = source.read()
    for (const name of SLOW_WITHOUT_LIMITS) expect(reads.get(name), name).toBeGreaterThanOrEqual(2)
    expect(due.memory.oomKills).toBe(2)
    expect(due.memory.maxEvents).toBe(7)
    expect(due).toEqual(readCgroupCounters(discoverHierarchy(root), counterMembershipsOf(V1, 'pids')))
    source.close()
  })

  it('reads them every tick once a limit makes them count', () => {
    const { source, reads, file, at } = countedSource('pids')
    writeFileSync(file('memory', 'memory.limit_in_bytes'), '33554432\n')
    writeFileSync(file('cpu', 'cpu.cfs_quota_us'), '50000\n')
    source.refreshLimits()
    source.read()
    writeFileSync(file('memory', 'memory.oom_control'), 'oom_kill_disable 0\nunder_oom 0\noom_kill 1\n')
    at(1000)
    expect(source.read().memory.oomKills).toBe(1)
    expect([reads.get('memory.oom_control'), reads.get('cpu.stat')]).toEqual([2, 2])
    // Peak and swap still wait: no limit makes them more urgent.
    expect(reads.get('memory.max_usage_in_bytes')).toBe(1)
    source.close()
  })
})
