// The libc calls the seccomp reader needs, through koffi (a prebuilt FFI; kernel-facts §4.9). ptrace is
// per thread: every call here is synchronous on the calling thread (koffi async calls would run on a
// worker thread and get ESRCH). koffi is loaded on first use only: reading filters is an explicit request.
import { createRequire } from 'node:module'

export const PTRACE = {
  DETACH: 17,
  SEIZE: 0x4206,
  INTERRUPT: 0x4207,
  SECCOMP_GET_FILTER: 0x420c
} as const
export const WAIT = { WNOHANG: 1, __WALL: 0x40000000 } as const
export const ERRNO = { EPERM: 1, ENOENT: 2, ESRCH: 3, ECHILD: 10, EACCES: 13, EINVAL: 22, EMEDIUMTYPE: 124 } as const

export interface PtraceCalls {
  /** ptrace(request, pid, addr, data); returns the raw result, -1 on failure with errno(). */
  ptrace(request: number, pid: number, addr: number, data: Uint8Array | null): number
  waitpid(pid: number, status: Int32Array, options: number): number
  errno(): number
}

let loaded: PtraceCalls | undefined

export function libcPtrace(): PtraceCalls {
  if (loaded !== undefined) return loaded
  const require = createRequire(import.meta.url)
  const koffi = require('koffi') as typeof import('koffi')
  const libc = koffi.load('libc.so.6')
  // addr is an index or 0 here, so a pointer-sized integer; data a buffer or NULL.
  const ptrace = libc.func('long ptrace(int request, int pid, uintptr_t addr, void *data)')
  const waitpid = libc.func('int waitpid(int pid, _Inout_ int *status, int options)')
  loaded = {
    ptrace: (request, pid, addr, data) => Number(ptrace(request, pid, addr, data)),
    waitpid: (pid, status, options) => {
      const out = [status[0] ?? 0]
      const r = waitpid(pid, out, options) as number
      status[0] = out[0] ?? 0
      return r
    },
    errno: () => koffi.errno()
  }
  // Warm both calls on harmless targets (ESRCH, ECHILD): the first call through koffi costs ~15 ms of
  // preparation, which must not land inside a tracee's stop.
  loaded.ptrace(PTRACE.DETACH, process.pid, 0, null)
  loaded.waitpid(process.pid, new Int32Array(1), WAIT.WNOHANG)
  return loaded
}
