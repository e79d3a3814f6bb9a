// The fd budget of the live sampler: derived from the soft RLIMIT_NOFILE, kept by OpenFiles (files beyond
// it are opened, read and closed at each read), and the soft limit raised to the hard one with prlimit.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  FdBudget,
  budgetForLimit,
  parseOpenFileLimit,
  raiseOpenFileLimit,
  readOpenFileLimit
} from '../../main/probe/cgroup-counters-fd-budget'
import { NODE_FILE_OPS, OpenFiles, sharedReads, type FileOps } from '../../main/probe/cgroup-counters-open-files'

const roots: string[] = []
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

function dirWith(count: number): { root: string; paths: string[] } {
  const root = mkdtempSync(join(tmpdir(), 'glasshouse-fd-budget-'))
  roots.push(root)
  const paths = Array.from({ length: count }, (_, i) => {
    const path = join(root, `counter-${i}`)
    writeFileSync(path, `${i}\n`)
    return path
  })
  return { root, paths }
}

const openFds = (): number => readdirSync('/proc/self/fd').length

function countingOps(): FileOps & { opens: number; closes: number } {
  const ops = {
    ...NODE_FILE_OPS,
    opens: 0,
    closes: 0,
    open: (path: string): number => (ops.opens++, NODE_FILE_OPS.open(path)),
    close: (fd: number): void => (ops.closes++, NODE_FILE_OPS.close(fd))
  }
  return ops
}

describe('the fd budget', () => {
  it('leaves a quarter of the soft limit, at least 128 fds, to the rest of the process', () => {
    expect(budgetForLimit(256)).toBe(128)
    expect(budgetForLimit(1024)).toBe(768)
    expect(budgetForLimit(4096)).toBe(3072)
    expect(budgetForLimit(100)).toBe(0)
    expect(budgetForLimit(Infinity)).toBe(Number.MAX_SAFE_INTEGER)
  })

  it('reads the soft and hard limits from /proc/<pid>/limits', () => {
    const text = [
      'Limit                     Soft Limit           Hard Limit           Units     ',
      'Max processes             63457                63457                processes ',
      'Max open files            1024                 524288               files     ',
      ''
    ].join('\n')
    expect(parseOpenFileLimit(text)).toEqual({ soft: 1024, hard: 524288 })
    expect(parseOpenFileLimit('Max open files            unlimited            unlimited            files')).toEqual({ soft: Infinity, hard: Infinity })
    expect(parseOpenFileLimit('nothing here')).toBeNull()
    const own = readOpenFileLimit()
    expect(own?.soft).toBeGreaterThan(0)
    expect(own?.hard).toBeGreaterThanOrEqual(own?.soft ?? 0)
  })

  it('raises a lowered soft limit of this very process back to the hard one with prlimit', () => {
    const before = readOpenFileLimit()
    if (before === null || !Number.isFinite(before.hard)) throw new Error('no finite hard limit to test against')
    const soft = Math.max(openFds() + 256, 1024)
    if (soft >= before.hard) throw new Error(`the hard limit ${before.hard} leaves no room to lower the soft one`)
    execFileSync('prlimit', ['--pid', String(process.pid), `--nofile=${soft}:${before.hard}`])
    try {
      expect(readOpenFileLimit()?.soft).toBe(soft)
      expect(raiseOpenFileLimit()).toEqual({ soft: before.hard, hard: before.hard })
      expect(readOpenFileLimit()).toEqual({ soft: before.hard, hard: before.hard })
    } finally {
      execFileSync('prlimit', ['--pid', String(process.pid), `--nofile=${before.soft}:${before.hard}`])
    }
  })

  it('keeps open only as many files as the budget allows and reads the others open-read-close, values intact', () => {
    const { paths } = dirWith(5)
    const ops = countingOps()
    const budget = new FdBudget(3)
    const reads = sharedReads(ops, 4096, budget)
    const a = new OpenFiles(reads)
    const b = new OpenFiles(reads)
    const before = openFds()
    for (let round = 0; round < 3; round++) {
      expect(paths.slice(0, 3).map((p) => a.read(p))).toEqual(['0\n', '1\n', '2\n'])
      expect(paths.slice(3).map((p) => b.read(p))).toEqual(['3\n', '4\n'])
      expect(openFds() - before).toBe(3)
    }
    expect([a.openCount, b.openCount, budget.used]).toEqual([3, 0, 3])
    // 3 kept opens, then 2 files × 3 rounds opened and closed at once.
    expect([ops.opens, ops.closes]).toEqual([3 + 6, 6])
    // Released fds go to whoever reads next.
    a.close()
    expect(budget.used).toBe(0)
    expect(b.read(paths[3] as string)).toBe('3\n')
    expect(b.openCount).toBe(1)
    b.close()
    expect(openFds()).toBe(before)
  })

  it('treats EMFILE as the process being out of fds: shrinks the budget and does not forget the file', () => {
    const { paths } = dirWith(3)
    let failing = false
    const ops: FileOps = {
      ...NODE_FILE_OPS,
      open: (path) => {
        if (failing) throw Object.assign(new Error('EMFILE: too many open files'), { code: 'EMFILE' })
        return NODE_FILE_OPS.open(path)
      }
    }
    const budget = new FdBudget(100)
    const files = new OpenFiles(sharedReads(ops, 4096, budget))
    expect(files.read(paths[0] as string)).toBe('0\n')
    failing = true
    expect(files.read(paths[1] as string)).toBeNull()
    expect(budget.limit).toBe(1)
    failing = false
    // Not marked absent: the next read gets it, opened and closed again since the budget is spent.
    expect(files.read(paths[1] as string)).toBe('1\n')
    expect(files.openCount).toBe(1)
    files.close()
    expect(budget.used).toBe(0)
  })
})
