// Degrading without a real kernel that would show it: a kernel without CONFIG_CHECKPOINT_RESTORE (EINVAL),
// Glasshouse under seccomp (EACCES), an eBPF filter (EMEDIUMTYPE), missing capabilities. The ptrace calls
// are recorded answers here; the real sequence is covered by test/integration/seccomp-filters.test.ts.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ERRNO, PTRACE, type PtraceCalls } from '../../main/kernel/seccomp-ptrace'
import { readSeccompFilters, readerObstacle } from '../../main/kernel/seccomp-read'

const roots: string[] = []
afterEach(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })))

function procRoot(entries: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'glasshouse-seccomp-proc-'))
  roots.push(root)
  for (const [pid, status] of Object.entries(entries)) {
    mkdirSync(join(root, pid))
    writeFileSync(join(root, pid, 'status'), status)
  }
  return root
}
const status = (fields: Record<string, string>): string => Object.entries({ State: 'S (sleeping)', TracerPid: '0', Seccomp: '2', CapEff: '000001ffffffffff', ...fields }).map(([k, v]) => `${k}:\t${v}`).join('\n') + '\n'

/** Answers GET_FILTER with `errno` at index 0; records every request. */
function calls(errno: number): PtraceCalls & { requests: number[] } {
  let last = 0
  const requests: number[] = []
  return {
    requests,
    ptrace(request) {
      requests.push(request)
      if (request === PTRACE.SECCOMP_GET_FILTER) {
        last = errno
        return -1
      }
      return 0
    },
    waitpid(pid, st) {
      st[0] = 0x80057f
      return pid
    },
    errno: () => last
  }
}

describe('readerObstacle', () => {
  it('needs CAP_SYS_ADMIN and CAP_SYS_PTRACE, and no seccomp on Glasshouse itself', () => {
    expect(readerObstacle(procRoot({ self: status({ Seccomp: '0' }) }))).toBeNull()
    expect(readerObstacle(procRoot({ self: status({ Seccomp: '0', CapEff: '0000000000000000' }) }))).toBe('needs-root')
    // CAP_SYS_PTRACE alone (bit 19) is not enough: the dump needs CAP_SYS_ADMIN too.
    expect(readerObstacle(procRoot({ self: status({ Seccomp: '0', CapEff: '0000000000080000' }) }))).toBe('needs-root')
    expect(readerObstacle(procRoot({ self: status({ Seccomp: '2' }) }))).toBe('self-under-seccomp')
  })
})

describe('readSeccompFilters reasons', () => {
  it.each([
    [ERRNO.EINVAL, 'no-dump-interface'],
    [ERRNO.EACCES, 'self-under-seccomp'],
    [ERRNO.EMEDIUMTYPE, 'not-classic-bpf'],
    [ERRNO.ESRCH, 'exited']
  ])('errno %s from PTRACE_SECCOMP_GET_FILTER → %s, and the process is still detached', (errno, reason) => {
    const fake = calls(errno)
    const result = readSeccompFilters(42, { procRoot: procRoot({ '42': status({}) }), calls: fake })
    expect(result).toMatchObject({ ok: false, reason })
    expect(fake.requests.at(-1)).toBe(PTRACE.DETACH)
  })
  it('never attaches to a traced process, a zombie, or one in strict mode; no seccomp means no stop', () => {
    const fake = calls(0)
    const root = procRoot({ '1': status({ TracerPid: '77' }), '2': status({ State: 'Z (zombie)' }), '3': status({ Seccomp: '1' }), '4': status({ Seccomp: '0' }) })
    expect(readSeccompFilters(1, { procRoot: root, calls: fake })).toMatchObject({ ok: false, reason: 'already-traced' })
    expect(readSeccompFilters(2, { procRoot: root, calls: fake })).toMatchObject({ ok: false, reason: 'exited' })
    expect(readSeccompFilters(3, { procRoot: root, calls: fake })).toMatchObject({ ok: false, reason: 'strict-mode' })
    expect(readSeccompFilters(4, { procRoot: root, calls: fake })).toMatchObject({ ok: true, filters: [], stoppedMs: 0 })
    expect(fake.requests).toEqual([])
  })
})
