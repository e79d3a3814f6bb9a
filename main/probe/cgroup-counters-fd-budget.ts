// How many counter files the live sampler may keep open. Each container keeps about ten (kept open they
// are read with one pread each tick), so at a common soft limit of 1,024 or 4,096 fds a busy host would
// run out (EMFILE) and the structural reads, Docker's socket and serve's clients with it. The sampler
// keeps files open only within a budget derived from the soft RLIMIT_NOFILE, leaving headroom for the
// rest of the process; a file beyond it is opened, read and closed again on every read.
//
// Raising the soft limit: Node has no setrlimit (no process.setrlimit in Node 20). Node itself raises
// the soft limit to the hard one at start-up (src/node.cc, PlatformInit), so under `glasshouse` the
// soft limit is already as high as it may go; measured here: `ulimit -Sn 256` → Node runs with 20000,
// `ulimit -n 256` (soft and hard) → 256. Where a host process did not (an embedder such as Electron may
// skip it), util-linux `prlimit` raises it on our own pid; a one-off child process, about 40 ms, and run
// only when the soft limit is below the hard one.
import { readFileSync } from 'node:fs'

export interface OpenFileLimit {
  soft: number
  hard: number
}

/** Counts the fds held open against a ceiling. */
export class FdBudget {
  private held = 0

  constructor(private ceiling: number) {}

  get limit(): number {
    return this.ceiling
  }

  get used(): number {
    return this.held
  }

  /** Takes one fd from the budget; false when none is left (read that file without keeping it open). */
  tryAcquire(): boolean {
    if (this.held >= this.ceiling) return false
    this.held++
    return true
  }

  release(): void {
    if (this.held > 0) this.held--
  }

  /** The process ran out of fds anyway (EMFILE): keep no more open than now. */
  shrinkToUsed(): void {
    this.ceiling = Math.min(this.ceiling, this.held)
  }
}

/** Fds left to the rest of the process: Node's own (~20), Docker's socket, serve's clients, one-shot reads. */
export function headroomFor(softLimit: number): number {
  return Math.max(128, Math.floor(softLimit / 4))
}

/** The sampler's budget for a soft limit: what remains after the headroom (0 when nothing does). */
export function budgetForLimit(softLimit: number): number {
  return Number.isFinite(softLimit) ? Math.max(0, softLimit - headroomFor(softLimit)) : Number.MAX_SAFE_INTEGER
}

/** `Max open files  <soft>  <hard>  files` of /proc/<pid>/limits; null when unreadable. */
export function parseOpenFileLimit(limits: string): OpenFileLimit | null {
  const line = limits.split('\n').find((l) => l.startsWith('Max open files'))
  const fields = line?.slice('Max open files'.length).trim().split(/\s+/)
  if (fields === undefined || fields.length < 2) return null
  const value = (text: string | undefined): number => (text === 'unlimited' ? Infinity : Number(text))
  const soft = value(fields[0])
  const hard = value(fields[1])
  return Number.isNaN(soft) || Number.isNaN(hard) ? null : { soft, hard }
}

export function readOpenFileLimit(path = '/proc/self/limits'): OpenFileLimit | null {
  try {
    return parseOpenFileLimit(readFileSync(path, 'latin1'))
  } catch {
    return null
  }
}

/**
 * Raises the soft limit of this process to its hard limit with `prlimit` when it is lower (see above);
 * answers the limit in force afterwards. Failing to raise it is not an error: the budget follows what is.
 */
export function raiseOpenFileLimit(read: () => OpenFileLimit | null = readOpenFileLimit): OpenFileLimit | null {
  const before = read()
  if (before === null || before.soft >= before.hard) return before
  const hard = Number.isFinite(before.hard) ? String(before.hard) : 'unlimited'
  try {
    // Loaded here, when a sampler starts: a one-off snapshot loads this module but never raises the limit.
    const { execFileSync } = process.getBuiltinModule('node:child_process')
    execFileSync('prlimit', ['--pid', String(process.pid), `--nofile=${hard}:${hard}`], { stdio: 'ignore', timeout: 2000 })
  } catch {
    // No prlimit (not Debian's util-linux) or not allowed: keep the soft limit we have.
  }
  return read() ?? before
}

let processBudget: FdBudget | null = null

/** This process's budget for kept-open counter files, shared by every sampler in it. */
export function processFdBudget(): FdBudget {
  if (processBudget === null) {
    const limit = raiseOpenFileLimit()
    processBudget = new FdBudget(budgetForLimit(limit?.soft ?? 1024))
  }
  return processBudget
}
