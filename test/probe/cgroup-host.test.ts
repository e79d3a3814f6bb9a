// Against the real kernel of the test host (cgroup v1 hybrid, kernel-facts §0): the reader must agree
// with the files for this very process.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { discoverHierarchy } from '../../main/probe/cgroup-hierarchy'
import { readCgroup } from '../../main/probe/cgroup-read'
import { parseProcCgroup } from './cgroup-fixture'

const MiB = 1024 * 1024

describe("readCgroup on this test process's own cgroup", () => {
  const hierarchy = discoverHierarchy('/sys/fs/cgroup')
  const memberships = parseProcCgroup(readFileSync('/proc/self/cgroup', 'utf8'))
  const memoryPath = memberships.find((m) => m.controllers.includes('memory'))?.path

  it('reads memory usage and CPU time from the v1 hierarchies', () => {
    expect(memoryPath).toBeDefined()
    const info = readCgroup(hierarchy, memberships)
    const onDisk = Number(readFileSync(join('/sys/fs/cgroup/memory', memoryPath ?? '/', 'memory.usage_in_bytes'), 'utf8'))
    expect(info.path).toBe(memoryPath)
    expect(info.controllers).toEqual({ memory: 1, cpu: 1, cpuacct: 1, cpuset: 1, pids: 1 })
    expect(info.usage.memoryBytes).not.toBeNull()
    // The counter moves between the two reads (this process allocates); a few MiB of slack.
    expect(Math.abs((info.usage.memoryBytes ?? 0) - onDisk)).toBeLessThan(8 * MiB)
    expect(info.usage.memoryWorkingSetBytes).toBeLessThanOrEqual(info.usage.memoryBytes ?? 0)
    expect(info.usage.cpuSeconds).toBeGreaterThan(0)
    expect(info.usage.cpusEffective).toMatch(/^\d+(-\d+)?(,\d+(-\d+)?)*$/)
  })
})
