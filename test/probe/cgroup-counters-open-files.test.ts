import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { NODE_FILE_OPS, OpenFiles, sharedReads, type FileOps } from '../../main/probe/cgroup-counters-open-files'

const roots: string[] = []
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

/** A throw-away directory holding `files` (name → content). */
function dir(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'glasshouse-open-files-'))
  roots.push(root)
  for (const [name, content] of Object.entries(files)) writeFileSync(join(root, name), content)
  return root
}

const openFds = (): number => readdirSync('/proc/self/fd').length

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code })
}

/** The real system calls, counted, with a switch to make reads fail like a removed cgroup's files. */
function countingOps(): FileOps & { calls: Record<string, number>; failReads: string | null } {
  const ops = {
    calls: { open: 0, pread: 0, close: 0, readWhole: 0, exists: 0 },
    failReads: null as string | null,
    open: (path: string): number => (ops.calls.open++, NODE_FILE_OPS.open(path)),
    pread: (fd: number, buffer: Buffer): number => {
      ops.calls.pread++
      if (ops.failReads !== null) throw errno(ops.failReads)
      return NODE_FILE_OPS.pread(fd, buffer)
    },
    close: (fd: number): void => (ops.calls.close++, NODE_FILE_OPS.close(fd)),
    readWhole: (path: string): string => (ops.calls.readWhole++, NODE_FILE_OPS.readWhole(path)),
    exists: (path: string): boolean => (ops.calls.exists++, NODE_FILE_OPS.exists(path))
  }
  return ops
}

describe('OpenFiles', () => {
  it('keeps a file open and sees its current content at every read, without stale bytes', () => {
    const root = dir({ 'memory.usage_in_bytes': '123456789\n' })
    const ops = countingOps()
    const files = new OpenFiles(sharedReads(ops))
    const path = join(root, 'memory.usage_in_bytes')
    expect(files.read(path)).toBe('123456789\n')
    // Same inode, shorter content: only the bytes read are decoded, not the rest of the shared buffer.
    writeFileSync(path, '42\n')
    expect(files.read(path)).toBe('42\n')
    expect(ops.calls).toMatchObject({ open: 1, pread: 2, close: 0 })
    files.close()
    expect(ops.calls.close).toBe(1)
  })

  it('shares one buffer between targets, and reads a text that fills it whole', () => {
    const root = dir({ small: 'abc\n', large: 'x'.repeat(40) + '\n' })
    const ops = countingOps()
    const reads = sharedReads(ops, 16)
    const a = new OpenFiles(reads)
    const b = new OpenFiles(reads)
    expect(b.read(join(root, 'large'))).toBe('x'.repeat(40) + '\n')
    expect(a.read(join(root, 'small'))).toBe('abc\n')
    expect(ops.calls.readWhole).toBe(1)
    a.close()
    b.close()
  })

  it('remembers a file that cannot be opened until forgetAbsent(), without an open per read', () => {
    const root = dir({ 'cpu.stat': 'nr_periods 1\n' })
    const ops = countingOps()
    const files = new OpenFiles(sharedReads(ops))
    const path = join(root, 'memory.memsw.usage_in_bytes')
    expect(files.read(path)).toBeNull()
    expect(files.read(path)).toBeNull()
    expect(ops.calls.open).toBe(1)
    expect(files.gone).toBe(false)
    writeFileSync(path, '7\n')
    expect(files.read(path)).toBeNull()
    files.forgetAbsent()
    expect(files.read(path)).toBe('7\n')
    files.close()
  })

  it('closes every fd and reads nothing more once a read says the cgroup is gone (ENODEV)', () => {
    const root = dir({ a: '1\n', b: '2\n', c: '3\n' })
    const ops = countingOps()
    const files = new OpenFiles(sharedReads(ops))
    const before = openFds()
    expect(['a', 'b'].map((n) => files.read(join(root, n)))).toEqual(['1\n', '2\n'])
    expect(openFds()).toBe(before + 2)
    expect(files.openCount).toBe(2)
    ops.failReads = 'ENODEV'
    expect(files.read(join(root, 'a'))).toBeNull()
    expect(files.gone).toBe(true)
    expect(openFds()).toBe(before)
    expect(files.openCount).toBe(0)
    // Gone: no system call at all, not even an open of a file not read before.
    const calls = { ...ops.calls }
    expect(files.read(join(root, 'c'))).toBeNull()
    expect(ops.calls).toEqual(calls)
    // Revived (the owner saw the directory again): files open afresh.
    ops.failReads = null
    files.revive()
    expect(files.read(join(root, 'b'))).toBe('2\n')
    expect(files.openCount).toBe(1)
    files.close()
    expect(openFds()).toBe(before)
  })

  it.each(['ENOENT', 'ESRCH', 'EBADF'])('treats %s on a read as the cgroup gone too', (code) => {
    const root = dir({ a: '1\n' })
    const ops = countingOps()
    const files = new OpenFiles(sharedReads(ops))
    files.read(join(root, 'a'))
    ops.failReads = code
    expect(files.read(join(root, 'a'))).toBeNull()
    expect(files.gone).toBe(true)
    expect(ops.calls.close).toBe(1)
  })

  it('treats an open failing in a directory that no longer exists as gone', () => {
    const root = dir({ a: '1\n' })
    const files = new OpenFiles(sharedReads(countingOps()))
    rmSync(root, { recursive: true })
    expect(files.read(join(root, 'a'))).toBeNull()
    expect(files.gone).toBe(true)
  })

  it('gives null for a file whose read fails otherwise (EIO), closes it, and keeps reading the others', () => {
    const root = dir({ a: '1\n', b: '2\n' })
    const ops = countingOps()
    const files = new OpenFiles(sharedReads(ops))
    files.read(join(root, 'a'))
    ops.failReads = 'EIO'
    expect(files.read(join(root, 'a'))).toBeNull()
    ops.failReads = null
    expect(files.gone).toBe(false)
    expect(files.openCount).toBe(0)
    expect(files.read(join(root, 'b'))).toBe('2\n')
    // Until targets are set again, the failing file is left alone.
    expect(files.read(join(root, 'a'))).toBeNull()
    files.close()
  })
})
