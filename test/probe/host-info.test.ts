import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readHostInfo } from '../../main/probe/host-info'
import type { CgroupHierarchy } from '../../main/probe/types'
import { V1_HOST } from './support/paths'

const HYBRID: CgroupHierarchy = { layout: 'hybrid', version: 1, v1: new Map(), unifiedDir: '/sys/fs/cgroup/unified' }

describe('readHostInfo', () => {
  it('reads the captured host', () => {
    expect(readHostInfo(V1_HOST, HYBRID, 0)).toEqual({
      hostname: 'vm',
      kernel: '6.18.44-fc-v669',
      cgroupVersion: 1,
      cgroupLayout: 'hybrid',
      // cpu0 and cpu1; the aggregate `cpu` line is not a CPU
      cpus: 2,
      memoryBytes: 24684084 * 1024,
      capLastCap: 40,
      probeUid: 0
    })
  })

  it('takes version and layout from the hierarchy, and the uid as given', () => {
    const v2: CgroupHierarchy = { layout: 'v2', version: 2, v1: new Map(), unifiedDir: '/sys/fs/cgroup' }
    expect(readHostInfo(V1_HOST, v2, 65534)).toMatchObject({ cgroupVersion: 2, cgroupLayout: 'v2', probeUid: 65534 })
  })

  it('falls back to node:os where the files are missing, and leaves capLastCap null', () => {
    const empty = mkdtempSync(join(os.tmpdir(), 'glasshouse-host-'))
    try {
      expect(readHostInfo(empty, HYBRID, 0)).toMatchObject({
        hostname: os.hostname(),
        kernel: os.release(),
        cpus: os.cpus().length,
        memoryBytes: os.totalmem(),
        capLastCap: null
      })
    } finally {
      rmSync(empty, { recursive: true })
    }
  })

  it('agrees with node:os on the real /proc', () => {
    const real = readHostInfo('/proc', HYBRID, 0)
    expect(real).toMatchObject({ hostname: os.hostname(), kernel: os.release(), cpus: os.cpus().length, memoryBytes: os.totalmem() })
    expect(real.capLastCap).toBe(Number(readFileSync('/proc/sys/kernel/cap_last_cap', 'utf8')))
    expect(real.capLastCap).toBeGreaterThanOrEqual(40)
  })
})
