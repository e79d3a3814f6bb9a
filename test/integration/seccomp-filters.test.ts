// Live seccomp filters on the real daemon: what the decoder says for chmod, mkdir, mount, unshare, reboot
// and personality must agree with what busybox gets when it makes those calls inside the container
// (errno text, or death by SIGSYS: exit 159). Also: a traced process is left alone, a process that exits
// during the read yields a reason, and no process of ours is left stopped (state t/T).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { formatAction } from '../../shared/seccomp/actions'
import { KNOWN_DEFAULT_FILTERS, type SeccompFiltersReport } from '../../shared/seccomp/report'
import type { SyscallVerdict } from '../../shared/seccomp/verdict'
import { PTRACE, libcPtrace } from '../../main/kernel/seccomp-ptrace'
import { readSeccompFilters } from '../../main/kernel/seccomp-read'
import { REPO_ROOT, glasshouse } from './support/cli'
import { writeCustomProfile } from './support/custom-seccomp-profile'
import { docker, inspect, removeContainers, runContainer } from './support/docker'
import { waitFor } from './support/wait-for'

const started: string[] = []
let profileDir: string
let report: SeccompFiltersReport
let summary: string
const ids: Record<'standard' | 'unconfined' | 'custom', string> = { standard: '', unconfined: '', custom: '' }

// Denies chmod and mkdir (every variant busybox may use) with EPERM and kills the process on reboot.
beforeAll(async () => {
  const { dir, path: profile } = writeCustomProfile('glasshouse-seccomp-')
  profileDir = dir
  const tag = `${process.pid}-${Date.now()}`
  ids.standard = runContainer(`gh-seccomp-default-${tag}`, [])
  ids.unconfined = runContainer(`gh-seccomp-unconfined-${tag}`, ['--security-opt', 'seccomp=unconfined'])
  // SYS_ADMIN so that mount, allowed by this profile, can really succeed.
  ids.custom = runContainer(`gh-seccomp-custom-${tag}`, ['--cap-add', 'SYS_ADMIN', '--security-opt', `seccomp=${profile}`])
  started.push(ids.standard, ids.unconfined, ids.custom)
  const { stdout } = await glasshouse(['snapshot', '--json', '--seccomp-filters'])
  report = (JSON.parse(stdout) as { seccompFilters: SeccompFiltersReport }).seccompFilters
  summary = (await glasshouse(['snapshot', '--seccomp-filters'])).stdout
})

afterAll(() => {
  removeContainers(started)
  rmSync(profileDir, { recursive: true, force: true })
})

afterEach(() => {
  expect(stoppedProcessesOf(started)).toEqual([])
})

/** Host pids of our containers' processes that are in a stop (t: traced, T: stopped). */
function stoppedProcessesOf(containerIds: readonly string[]): string[] {
  const stopped: string[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const cgroup = readFileSync(`/proc/${entry}/cgroup`, 'utf8')
      if (!containerIds.some((id) => cgroup.includes(id))) continue
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
      if (state === 't' || state === 'T') stopped.push(`${entry} ${state}`)
    } catch {
      // Gone meanwhile.
    }
  }
  return stopped
}

function verdictOf(containerId: string, syscall: string): SyscallVerdict | 'unconfined' {
  const container = report.containers.find((c) => c.containerId === containerId)
  const chain = report.chains.find((c) => c.fingerprint === container?.fingerprint)
  if (chain?.match === 'unconfined') return 'unconfined'
  const entry = chain?.decoded?.abis.find((a) => a.abi === 'x86_64')?.syscalls.find((s) => s.name === syscall)
  if (entry === undefined) throw new Error(`no verdict for ${syscall}`)
  return entry.verdict
}
const fixed = (v: SyscallVerdict | 'unconfined'): string => (v === 'unconfined' ? 'unconfined' : v.kind === 'fixed' ? formatAction(v.action) : 'depends')

/** Runs a busybox applet inside; returns what happened: ok, the errno name from its message, or KILLED (SIGSYS). */
function tryInside(containerId: string, ...command: string[]): string {
  try {
    execFileSync('docker', ['exec', containerId, '/bin/busybox', ...command], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    return 'ok'
  } catch (error) {
    const e = error as { status: number | null; stderr: string }
    if (e.status === 128 + 31) return 'KILLED'
    if (e.stderr.includes('Operation not permitted')) return 'EPERM'
    if (e.stderr.includes('Function not implemented')) return 'ENOSYS'
    // busybox mount says this for EPERM and for EACCES alike.
    if (e.stderr.includes('permission denied (are you root?)')) return 'EPERM or EACCES'
    return `failed (${e.status}): ${e.stderr.trim()}`
  }
}

describe('decoded verdicts agree with what busybox gets inside', () => {
  it('names each chain and says which pid was read', () => {
    const byId = (id: string) => report.containers.find((c) => c.containerId === id)
    const chainOf = (id: string) => report.chains.find((c) => c.fingerprint === byId(id)?.fingerprint)
    expect(chainOf(ids.standard)?.match).toBe('docker-default')
    expect(chainOf(ids.standard)?.label).toMatch(/^Docker's default profile \(Docker 20\.10\.18–/)
    expect(chainOf(ids.unconfined)?.match).toBe('unconfined')
    expect(chainOf(ids.custom)?.match).toBe('custom')
    expect(byId(ids.standard)?.reads[0]?.pid).toBe(inspect(ids.standard).State.Pid)
    expect(report.obstacle).toBeNull()
    expect(summary).toMatch(/Live seccomp filters \(read on request with --seccomp-filters/)
    expect(summary).toMatch(new RegExp(`gh-seccomp-default-[^:]+: Docker's default profile \\(Docker [^)]+\\) \\(1 filter, 974 instructions\\)`))
  })

  it("Docker's default profile: chmod and mkdir run, mount and unshare fail with EPERM", () => {
    expect(fixed(verdictOf(ids.standard, 'chmod'))).toBe('ALLOW')
    expect(tryInside(ids.standard, 'chmod', '700', '/tmp')).toBe('ok')
    expect(fixed(verdictOf(ids.standard, 'mkdir'))).toBe('ALLOW')
    expect(tryInside(ids.standard, 'mkdir', '/tmp/made')).toBe('ok')
    expect(fixed(verdictOf(ids.standard, 'mount'))).toBe('ERRNO(1 EPERM)')
    expect(tryInside(ids.standard, 'mount', '-t', 'tmpfs', 'none', '/tmp')).toBe('EPERM or EACCES')
    expect(fixed(verdictOf(ids.standard, 'umount2'))).toBe('ERRNO(1 EPERM)')
    expect(tryInside(ids.standard, 'umount', '/proc')).toBe('EPERM')
    // unshare -U needs no capability: only the filter can refuse it.
    expect(fixed(verdictOf(ids.standard, 'unshare'))).toBe('ERRNO(1 EPERM)')
    expect(tryInside(ids.standard, 'unshare', '-U', 'true')).toBe('EPERM')
    expect(fixed(verdictOf(ids.standard, 'reboot'))).toBe('ERRNO(1 EPERM)')
  })

  it("Docker's default profile: personality depends on the argument; PER_LINUX32 (0x8) is among the allowed values", () => {
    const v = verdictOf(ids.standard, 'personality')
    expect(v !== 'unconfined' && v.kind === 'depends' && v.cases.find((c) => c.action?.kind === 'allow')?.when.flat()).toContain('persona args[0] == 0x8')
    expect(tryInside(ids.standard, 'linux32', 'true')).toBe('ok')
  })

  it('unconfined: no filter, so unshare -U succeeds', () => {
    expect(verdictOf(ids.unconfined, 'unshare')).toBe('unconfined')
    expect(tryInside(ids.unconfined, 'unshare', '-U', 'true')).toBe('ok')
  })

  it('custom profile: chmod and mkdir fail with EPERM, mount and unshare pass, reboot kills the process', () => {
    expect(fixed(verdictOf(ids.custom, 'chmod'))).toBe('ERRNO(1 EPERM)')
    expect(fixed(verdictOf(ids.custom, 'fchmodat'))).toBe('ERRNO(1 EPERM)')
    expect(tryInside(ids.custom, 'chmod', '700', '/tmp')).toBe('EPERM')
    expect(fixed(verdictOf(ids.custom, 'mkdir'))).toBe('ERRNO(1 EPERM)')
    expect(tryInside(ids.custom, 'mkdir', '/tmp/made')).toBe('EPERM')
    expect(fixed(verdictOf(ids.custom, 'mount'))).toBe('ALLOW')
    expect(tryInside(ids.custom, 'mount', '-t', 'tmpfs', 'none', '/tmp')).toBe('ok')
    expect(fixed(verdictOf(ids.custom, 'unshare'))).toBe('ALLOW')
    expect(tryInside(ids.custom, 'unshare', '-U', 'true')).toBe('ok')
    expect(fixed(verdictOf(ids.custom, 'personality'))).toBe('ALLOW')
    expect(tryInside(ids.custom, 'linux32', 'true')).toBe('ok')
    expect(fixed(verdictOf(ids.custom, 'reboot'))).toBe('KILL_PROCESS')
    expect(tryInside(ids.custom, 'reboot', '-f')).toBe('KILLED')
  })

  it('stops only processes that have a filter to read: the unconfined one is never stopped', () => {
    const readOf = (id: string) => report.containers.find((c) => c.containerId === id)?.reads[0]
    expect(readOf(ids.standard)?.stoppedMs).toBeGreaterThan(0)
    expect(readOf(ids.custom)?.stoppedMs).toBeGreaterThan(0)
    expect(readOf(ids.unconfined)).toMatchObject({ stoppedMs: 0, fingerprint: 'none' })
  })
})

describe('reading degrades without harming anybody', () => {
  let tracer: ChildProcess | undefined
  afterEach(() => {
    tracer?.kill('SIGKILL')
    tracer = undefined
  })

  it('a process another tracer holds is left alone, and stays held by that tracer', async () => {
    const pid = inspect(ids.standard).State.Pid
    // A second tracer: a child node process that PTRACE_SEIZEs the container's init (no stop) and waits.
    const script = `
      const koffi = require('koffi'); const libc = koffi.load('libc.so.6')
      const ptrace = libc.func('long ptrace(int, int, uintptr_t, void *)')
      const r = ptrace(${PTRACE.SEIZE}, ${pid}, 0, null)
      process.stdout.write(r === 0 ? 'seized\\n' : 'failed ' + koffi.errno() + '\\n')
      setInterval(() => {}, 1000)`
    tracer = spawn(process.execPath, ['-e', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    tracer.stdout?.on('data', (d: Buffer) => (out += d.toString()))
    await waitFor(() => (out.includes('\n') ? out : undefined), 'the tracer to seize')
    expect(out).toBe('seized\n')
    const before = readFileSync(`/proc/${pid}/status`, 'utf8').match(/TracerPid:\s+(\d+)/)?.[1]
    expect(before).toBe(String(tracer.pid))
    const result = readSeccompFilters(pid)
    expect(result).toMatchObject({ ok: false, reason: 'already-traced', stoppedMs: 0 })
    expect(readFileSync(`/proc/${pid}/status`, 'utf8').match(/TracerPid:\s+(\d+)/)?.[1]).toBe(String(tracer.pid))
    tracer.kill('SIGKILL')
    await waitFor(() => (readFileSync(`/proc/${pid}/status`, 'utf8').includes('TracerPid:\t0') ? true : undefined), 'the tracer to let go')
  })

  it('a process that exits during the read yields a reason, not a crash', () => {
    const id = runContainer(`gh-seccomp-exits-${process.pid}-${Date.now()}`, [])
    started.push(id)
    const pid = inspect(id).State.Pid
    const real = libcPtrace()
    // Kill the tracee right after the attach: the interrupt and the wait then meet a dying process.
    const calls = {
      ...real,
      ptrace: (request: number, target: number, addr: number, data: Uint8Array | null): number => {
        const r = real.ptrace(request, target, addr, data)
        if (request === PTRACE.SEIZE) process.kill(target, 'SIGKILL')
        return r
      }
    }
    const result = readSeccompFilters(pid, { calls })
    expect(result).toMatchObject({ ok: false, reason: 'exited' })
    expect(readSeccompFilters(pid)).toMatchObject({ ok: false, reason: 'exited' })
  })

  it('not root: nothing is stopped, the reason is given and the declared profile stands', () => {
    // The built CLI copied where user nobody can read it (the repository may not be readable to it).
    const copy = mkdtempSync(join(tmpdir(), 'glasshouse-seccomp-nobody-'))
    try {
      cpSync(join(REPO_ROOT, 'out/main'), join(copy, 'main'), { recursive: true })
      execFileSync('chmod', ['-R', 'a+rX', copy])
      const out = execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, join(copy, 'main', 'cli.js'), 'snapshot', '--json', '--no-engine', '--probe', 'local', '--seccomp-filters'], {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024
      })
      const filters = (JSON.parse(out) as { seccompFilters: SeccompFiltersReport }).seccompFilters
      expect(filters.obstacle).toEqual({ reason: 'needs-root', text: expect.stringMatching(/needs root on the host/) })
      expect(filters.chains).toEqual([])
    } finally {
      rmSync(copy, { recursive: true, force: true })
    }
  })

  it('a pid that is gone yields "exited"', () => {
    expect(readSeccompFilters(2 ** 22 + 1)).toMatchObject({ ok: false, reason: 'exited' })
  })
})

// The fixtures the unit tests decode are this daemon's default profile: a fresh default container behaves
// exactly like them (its bytes may differ: runc orders the per-architecture prologue differently each time).
it("a fresh default container's chain has the fixtures' behaviour fingerprint", () => {
  const chain = report.chains.find((c) => c.containers.includes(ids.standard))
  expect(chain?.fingerprint).toBe(Object.keys(KNOWN_DEFAULT_FILTERS)[0])
  const result = readSeccompFilters(inspect(ids.standard).State.Pid)
  expect(result.ok && result.filters.map((f) => f.length)).toEqual([974 * 8])
  expect(docker('version', '--format', '{{.Server.Version}}')).toMatch(/^20\.10\./)
})
