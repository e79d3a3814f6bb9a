// Reads the live seccomp filters of one process: PTRACE_SEIZE → PTRACE_INTERRUPT → waitpid(__WALL) →
// PTRACE_SECCOMP_GET_FILTER per index (0 = oldest, kernel-facts §4.5) → PTRACE_DETACH in a finally.
// The process stays stopped from the moment its stop is seen until the detach (measured: stoppedMs).
// A process another tracer holds (TracerPid ≠ 0) is never touched. Needs root on the host.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ERRNO, PTRACE, WAIT, libcPtrace, type PtraceCalls } from './seccomp-ptrace'
import type { ProcessFilterRead } from '../../shared/seccomp/read-result'

export interface SeccompReadOptions {
  procRoot?: string
  calls?: PtraceCalls
  /** How long to wait for the tracee to reach its stop before giving up (ms). */
  stopTimeoutMs?: number
  now?: () => number
}

/** Kernel's hard limit on attached filters is far lower than this (MAX_INSNS_PER_PATH); a safety stop. */
const MAX_FILTERS = 512
const sleepCell = new Int32Array(new SharedArrayBuffer(4))

function statusField(text: string, key: string): string | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${key}:`))
  return line?.slice(key.length + 1).trim()
}

function readStatus(procRoot: string, pid: number | 'self'): string | null {
  try {
    return readFileSync(join(procRoot, String(pid), 'status'), 'utf8')
  } catch {
    return null
  }
}

/** Why this process cannot read filters at all (checked once, before stopping anybody), or null. */
export function readerObstacle(procRoot = '/proc'): Extract<ProcessFilterRead, { ok: false }>['reason'] | null {
  const self = readStatus(procRoot, 'self')
  if (self === null) return 'error'
  if ((statusField(self, 'Seccomp') ?? '0') !== '0') return 'self-under-seccomp'
  const eff = BigInt(`0x${statusField(self, 'CapEff') ?? '0'}`)
  const CAP_SYS_PTRACE = 19n
  const CAP_SYS_ADMIN = 21n
  if (((eff >> CAP_SYS_PTRACE) & 1n) === 0n || ((eff >> CAP_SYS_ADMIN) & 1n) === 0n) return 'needs-root'
  return null
}

export function readSeccompFilters(pid: number, options: SeccompReadOptions = {}): ProcessFilterRead {
  const procRoot = options.procRoot ?? '/proc'
  const now = options.now ?? (() => performance.now())
  const fail = (reason: Extract<ProcessFilterRead, { ok: false }>['reason'], detail: string, stoppedMs = 0): ProcessFilterRead => ({ ok: false, pid, reason, detail, stoppedMs })

  const status = readStatus(procRoot, pid)
  if (status === null) return fail('exited', `/proc/${pid}/status is gone`)
  const tracer = statusField(status, 'TracerPid') ?? '0'
  if (tracer !== '0') return fail('already-traced', `traced by pid ${tracer}`)
  const state = (statusField(status, 'State') ?? '').charAt(0)
  if (state === 'Z' || state === 'X') return fail('exited', `state ${state}`)
  const mode = statusField(status, 'Seccomp') ?? '0'
  if (mode === '0') return { ok: true, pid, filters: [], stoppedMs: 0, waitMs: 0 }
  if (mode === '1') return fail('strict-mode', 'Seccomp: 1')

  const calls = options.calls ?? libcPtrace()
  if (calls.ptrace(PTRACE.SEIZE, pid, 0, null) === -1) {
    const errno = calls.errno()
    if (errno === ERRNO.ESRCH) return fail('exited', 'PTRACE_SEIZE: ESRCH')
    if (errno === ERRNO.EPERM) {
      // EPERM also comes when another tracer attached after our status check.
      const again = readStatus(procRoot, pid)
      if (again !== null && (statusField(again, 'TracerPid') ?? '0') !== '0') return fail('already-traced', 'a tracer attached meanwhile')
      return fail('needs-root', 'PTRACE_SEIZE: EPERM')
    }
    return fail('error', `PTRACE_SEIZE: errno ${errno}`)
  }
  const interrupted = now()
  let started: number | null = null
  let result: ProcessFilterRead
  try {
    result = stopAndDump()
  } finally {
    // Detach also when anything above threw; a tracee that exited meanwhile answers ESRCH, harmless.
    calls.ptrace(PTRACE.DETACH, pid, 0, null)
    if (started === null) reapStop(calls, pid)
  }
  // The stop lasts from the moment waitpid saw it until the detach above.
  const stoppedMs = started === null ? 0 : now() - started
  return result.ok ? { ...result, stoppedMs, waitMs: (started ?? interrupted) - interrupted } : { ...result, stoppedMs }

  function stopAndDump(): ProcessFilterRead {
    if (calls.ptrace(PTRACE.INTERRUPT, pid, 0, null) === -1) return fail('exited', `PTRACE_INTERRUPT: errno ${calls.errno()}`)
    const waited = waitForStop(calls, pid, options.stopTimeoutMs ?? 1000)
    if (waited !== 'stopped') return fail(waited === 'exited' ? 'exited' : 'error', waited === 'exited' ? 'exited before its stop' : 'no stop within the timeout')
    started = now()
    const filters: Uint8Array[] = []
    for (let index = 0; index < MAX_FILTERS; index++) {
      const count = calls.ptrace(PTRACE.SECCOMP_GET_FILTER, pid, index, null)
      if (count === -1) {
        const errno = calls.errno()
        if (errno === ERRNO.ENOENT && index > 0) break
        return failFromDumpErrno(errno, index)
      }
      const buffer = new Uint8Array(count * 8)
      if (calls.ptrace(PTRACE.SECCOMP_GET_FILTER, pid, index, buffer) === -1) return failFromDumpErrno(calls.errno(), index)
      filters.push(buffer)
    }
    return { ok: true, pid, filters, stoppedMs: 0, waitMs: 0 }
  }

  function failFromDumpErrno(errno: number, index: number): ProcessFilterRead {
    const at = `PTRACE_SECCOMP_GET_FILTER index ${index}`
    if (errno === ERRNO.EACCES) return fail('self-under-seccomp', `${at}: EACCES (Glasshouse under seccomp, or without CAP_SYS_ADMIN)`)
    if (errno === ERRNO.EINVAL) return fail('no-dump-interface', `${at}: EINVAL`)
    if (errno === ERRNO.EMEDIUMTYPE) return fail('not-classic-bpf', `${at}: EMEDIUMTYPE`)
    if (errno === ERRNO.ESRCH) return fail('exited', `${at}: ESRCH`)
    if (errno === ERRNO.ENOENT) return fail('error', `${at}: ENOENT although Seccomp is 2`)
    return fail('error', `${at}: errno ${errno}`)
  }
}

/** Poll waitpid(WNOHANG|__WALL) so a tracee that never stops cannot hang the caller. */
function waitForStop(calls: PtraceCalls, pid: number, timeoutMs: number): 'stopped' | 'exited' | 'timeout' {
  const status = new Int32Array(1)
  const deadline = performance.now() + timeoutMs
  for (let spins = 0; ; spins++) {
    const r = calls.waitpid(pid, status, WAIT.__WALL | WAIT.WNOHANG)
    if (r === pid) {
      const s = status[0] ?? 0
      return (s & 0xff) === 0x7f ? 'stopped' : 'exited'
    }
    if (r === -1) return calls.errno() === ERRNO.ECHILD ? 'exited' : 'timeout'
    if (performance.now() > deadline) return 'timeout'
    // The stop normally arrives within a few µs; back off gently.
    Atomics.wait(sleepCell, 0, 0, spins < 20 ? 0.05 : 1)
  }
}

/**
 * After a failed wait the interrupt is still pending: if the tracee reaches its stop a little later, the
 * detach above (made while it ran) did not take, and it would stay stopped until we exit. Give it one more
 * second to stop, then detach again.
 */
function reapStop(calls: PtraceCalls, pid: number): void {
  if (waitForStop(calls, pid, 1000) === 'stopped') calls.ptrace(PTRACE.DETACH, pid, 0, null)
}
