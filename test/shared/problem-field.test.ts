// Problem.field is a union of the fields producers name: a check for a field nobody produces
// (the old `startsWith('capabilities')` in findings) is now a type error (npm run typecheck).
import { describe, expect, it } from 'vitest'
import type { Problem, ProblemField } from '../../shared/model'
import { hasProblem } from '../../shared/selectors/problems'
import { readProcess } from '../../main/probe/process-scan'
import { cgroupFiles } from '../../main/probe/cgroup-files'
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

describe('ProblemField', () => {
  it('rejects fields no producer names', () => {
    // @ts-expect-error capabilities come from /proc/<pid>/status: its Problem says 'status'
    const capabilities: ProblemField = 'capabilities'
    // @ts-expect-error only CgroupLimits keys
    const typo: ProblemField = 'limits.memory'
    expect([capabilities, typo]).toHaveLength(2)
  })

  it('accepts the fields producers name', () => {
    const named: ProblemField[] = ['status', 'namespaces.time', 'limits.oomKillDisable', 'usage.oomKills', 'container 0123456789ab', 'namespaces.user 4026531837 idMaps']
    expect(named).toHaveLength(6)
  })

  it('a malformed status line is reported as field status, the one findings and the matrix test for', () => {
    const root = mkdtempSync(join(tmpdir(), 'gh-problem-'))
    try {
      const dir = join(root, '42')
      mkdirSync(join(dir, 'ns'), { recursive: true })
      writeFileSync(join(dir, 'status'), 'Name:\tx\nState:\tS (sleeping)\nPPid:\t1\nUid:\t0\t0\t0\t0\nCapInh:\tzz\n')
      writeFileSync(join(dir, 'stat'), '42 (x) S 1 42 42 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 100 0 0\n')
      writeFileSync(join(dir, 'cgroup'), '0::/\n')
      const process = readProcess(root, 42)
      expect(process).not.toBeNull()
      const problems: Problem[] = process?.problems ?? []
      expect(problems.map((p) => p.field)).toContain('status')
      expect(hasProblem(problems, 'status')).toBe(true)
      expect(problems.some((p) => p.field.startsWith('capabilities'))).toBe(false)
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  it('cgroup file problems name the limits and usage values they null', () => {
    const files = cgroupFiles()
    files.read('/nonexistent-glasshouse', 'memory.max', ['limits.memoryBytes', 'limits.memorySwapBytes'], () => ({ ok: true, value: 1 }))
    expect(files.problems.map((p) => p.field)).toEqual(['limits.memoryBytes', 'limits.memorySwapBytes'])
    expect(hasProblem(files.problems, 'limits.memorySwapBytes')).toBe(true)
    expect(hasProblem(files.problems, 'usage.pids')).toBe(false)
  })
})
