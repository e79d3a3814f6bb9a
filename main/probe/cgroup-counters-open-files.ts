// Counter files kept open between ticks. A cgroup file read with pread at offset 0 on a kept-open fd
// shows fresh values every time (the kernel re-renders seq_file content at offset 0), and costs about
// 3 µs against 13 µs for readFileSync (open + fstat + read + close). One buffer serves every read:
// reads are synchronous and each text is decoded before the next read starts. Files are kept open only
// within the process's fd budget (cgroup-counters-fd-budget.ts); one beyond it is opened, read and closed
// at each read, and tries again for a place in the budget at the next.
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs'
import { dirname } from 'node:path'
import { FdBudget, processFdBudget } from './cgroup-counters-fd-budget'

/** The system calls used, injectable so tests can make a cgroup vanish or count what stays open. */
export interface FileOps {
  open(path: string): number
  /** Reads into `buffer` from offset 0 of the file; returns the byte count. */
  pread(fd: number, buffer: Buffer): number
  close(fd: number): void
  /** The whole file, for the rare text that does not fit the shared buffer. */
  readWhole(path: string): string
  exists(path: string): boolean
}

export const NODE_FILE_OPS: FileOps = {
  open: (path) => openSync(path, 'r'),
  pread: (fd, buffer) => readSync(fd, buffer, 0, buffer.length, 0),
  close: (fd) => closeSync(fd),
  readWhole: (path) => readFileSync(path, 'latin1'),
  exists: (path) => existsSync(path)
}

/** Larger than any counter file seen (v1 memory.stat ≈ 1.5 KiB); a longer blkio table falls back to a whole read. */
export const SHARED_BUFFER_BYTES = 64 * 1024

/** The OS, the one buffer that every target's open files read into, and how many fds they may keep. */
export interface SharedReads {
  ops: FileOps
  buffer: Buffer
  budget: FdBudget
}

export function sharedReads(
  ops: FileOps = NODE_FILE_OPS,
  bytes = SHARED_BUFFER_BYTES,
  budget: FdBudget = processFdBudget()
): SharedReads {
  return { ops, buffer: Buffer.allocUnsafe(bytes), budget }
}

// Errors that mean the cgroup itself went away (kernfs answers ENODEV on an fd whose file was removed).
const GONE = new Set(['ENODEV', 'ENOENT', 'ESRCH', 'EBADF'])
// The process (or the system) is out of fds: not a property of the file, so nothing is remembered.
const OUT_OF_FDS = new Set(['EMFILE', 'ENFILE'])
/** A file that could not be opened (absent on this kernel or layout, denied) or kept failing. */
const ABSENT = -1
/** No fd of the budget left: this read opens, reads and closes; the next tries the budget again. */
const UNKEPT = -2

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code
}

/**
 * One target's open counter files. A file that cannot be opened, or fails to read for another reason
 * than the cgroup vanishing, stays null until forgetAbsent() (called when targets are set again).
 * When the cgroup vanishes, every fd is closed and `gone` is set; the owner decides when to revive().
 */
export class OpenFiles {
  private readonly fds = new Map<string, number>()
  private isGone = false

  constructor(private readonly reads: SharedReads) {}

  /** True once a read showed the cgroup gone; reads then return null without a system call. */
  get gone(): boolean {
    return this.isGone
  }

  /** How many fds this target holds open now. */
  get openCount(): number {
    let open = 0
    for (const fd of this.fds.values()) if (fd !== ABSENT) open++
    return open
  }

  /** The text of `path`, or null when absent, unreadable or gone. */
  read(path: string): string | null {
    if (this.isGone) return null
    const fd = this.fds.get(path) ?? this.open(path)
    if (fd === ABSENT) return null
    if (fd === UNKEPT) return this.readUnkept(path)
    try {
      return this.readFd(fd, path)
    } catch (error) {
      if (GONE.has(codeOf(error) ?? '')) this.markGone()
      else this.drop(path, fd)
      return null
    }
  }

  /** Lets opens be tried again on the next reads (after the cgroup reappeared). */
  revive(): void {
    this.isGone = false
  }

  /** Tries again the files that could not be opened: a controller may have been enabled since. */
  forgetAbsent(): void {
    for (const [path, fd] of this.fds) if (fd === ABSENT) this.fds.delete(path)
  }

  /** Closes every fd; later reads open the files again. */
  close(): void {
    for (const fd of this.fds.values()) this.closeQuietly(fd)
    this.fds.clear()
  }

  private readFd(fd: number, path: string): string {
    const { ops, buffer } = this.reads
    const length = ops.pread(fd, buffer)
    // A full buffer may hold only the start of the text: read the file whole instead.
    return length < buffer.length ? buffer.toString('latin1', 0, length) : ops.readWhole(path)
  }

  /** Opens a file for the budget's sake, or says it cannot be kept (UNKEPT) or opened (ABSENT). */
  private open(path: string): number {
    if (!this.reads.budget.tryAcquire()) return UNKEPT
    const fd = this.openOrFail(path)
    if (fd === ABSENT || fd === UNKEPT) this.reads.budget.release()
    // A cgroup found gone is forgotten whole (markGone); otherwise remember the fd, or that there is none.
    if (fd !== UNKEPT && !this.isGone) this.fds.set(path, fd)
    return fd
  }

  /** One read beyond the budget: open, read, close. */
  private readUnkept(path: string): string | null {
    const fd = this.openOrFail(path)
    if (fd === ABSENT) {
      if (!this.isGone) this.fds.set(path, ABSENT)
      return null
    }
    if (fd === UNKEPT) return null
    try {
      return this.readFd(fd, path)
    } catch (error) {
      if (GONE.has(codeOf(error) ?? '')) this.markGone()
      else this.fds.set(path, ABSENT)
      return null
    } finally {
      this.closeUnkept(fd)
    }
  }

  private openOrFail(path: string): number {
    try {
      return this.reads.ops.open(path)
    } catch (error) {
      const code = codeOf(error) ?? ''
      if (OUT_OF_FDS.has(code)) {
        // Other parts of the process hold more than the headroom: keep no more than we hold now.
        this.reads.budget.shrinkToUsed()
        return UNKEPT
      }
      // ENOENT in a directory that is still there: this file is not on this kernel (memsw, memory.peak …).
      if (code === 'ENOENT' && !this.reads.ops.exists(dirname(path))) this.markGone()
      return ABSENT
    }
  }

  private drop(path: string, fd: number): void {
    this.closeQuietly(fd)
    this.fds.set(path, ABSENT)
  }

  private closeUnkept(fd: number): void {
    try {
      this.reads.ops.close(fd)
    } catch {
      // Nothing to do: the fd is gone either way.
    }
  }

  private markGone(): void {
    this.close()
    this.isGone = true
  }

  private closeQuietly(fd: number): void {
    if (fd === ABSENT || fd === UNKEPT) return
    this.reads.budget.release()
    try {
      this.reads.ops.close(fd)
    } catch {
      // Nothing to do: the fd is forgotten either way.
    }
  }
}
