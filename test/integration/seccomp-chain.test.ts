// Two filters stacked by a real process (a child node that installs them through koffi and prctl): the
// reader returns them oldest first (index 0 = the first installed, kernel-facts §4.5), and the decoded
// chain gives what the kernel gave the process: rmdir, denied by both filters with different errnos, fails
// with the newer filter's EPERM; mkdir, denied by the newer one only, with EACCES.
import { spawn, type ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatAction } from '../../shared/seccomp/actions'
import { parseSockFilter } from '../../shared/seccomp/bpf-insn'
import { decodeChain } from '../../shared/seccomp/decode-chain'
import { readSeccompFilters } from '../../main/kernel/seccomp-read'
import { REPO_ROOT } from './support/cli'
import { waitFor } from './support/wait-for'

const SCRIPT = `
const koffi = require('koffi'); const fs = require('fs')
const libc = koffi.load('libc.so.6')
const prctl = libc.func('int prctl(int, unsigned long, unsigned long, unsigned long, unsigned long)')
koffi.struct('sock_fprog', { len: 'uint16', filter: 'void *' })
const setFilter = libc.func('int prctl(int, unsigned long, sock_fprog *, unsigned long, unsigned long)')
const insn = (code, jt, jf, k) => { const b = Buffer.alloc(8); b.writeUInt16LE(code, 0); b[2] = jt; b[3] = jf; b.writeUInt32LE(k >>> 0, 4); return b }
const install = (...insns) => { const b = Buffer.concat(insns); if (setFilter(22, 2, { len: b.length / 8, filter: b }, 0, 0) !== 0) throw new Error('PR_SET_SECCOMP ' + koffi.errno()) }
if (prctl(38, 1, 0, 0, 0) !== 0) throw new Error('PR_SET_NO_NEW_PRIVS')
// older: rmdir (84) -> ERRNO(EACCES)
install(insn(0x20, 0, 0, 0), insn(0x15, 0, 1, 84), insn(0x06, 0, 0, 0x0005000d), insn(0x06, 0, 0, 0x7fff0000))
// newer: rmdir -> ERRNO(EPERM), mkdir (83) -> ERRNO(EACCES)
install(insn(0x20, 0, 0, 0), insn(0x15, 0, 1, 84), insn(0x06, 0, 0, 0x00050001), insn(0x15, 0, 1, 83), insn(0x06, 0, 0, 0x0005000d), insn(0x06, 0, 0, 0x7fff0000))
const code = (f) => { try { f(); return 'ok' } catch (e) { return e.code } }
process.stdout.write(JSON.stringify({ rmdir: code(() => fs.rmdirSync('/nonexistent-glasshouse')), mkdir: code(() => fs.mkdirSync('/nonexistent-glasshouse/x')) }) + '\\n')
setInterval(() => {}, 1000)`

let child: ChildProcess
let observed: { rmdir: string; mkdir: string }

beforeAll(async () => {
  child = spawn(process.execPath, ['-e', SCRIPT], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()))
  observed = JSON.parse(await waitFor(() => (out.includes('\n') ? out : undefined), 'the child to install its filters'))
})
afterAll(() => {
  child.kill('SIGKILL')
})

describe('a chain of two filters installed by a real process', () => {
  it('is read oldest first and decoded as the kernel applied it', () => {
    const result = readSeccompFilters(child.pid as number)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.filters.map((f) => f.length / 8)).toEqual([4, 6])
    const decoded = decodeChain(result.filters.map((f) => parseSockFilter(f)))
    const x86 = decoded.abis.find((a) => a.abi === 'x86_64')!
    const verdict = (name: string): string => {
      const v = x86.syscalls.find((s) => s.name === name)!.verdict
      return v.kind === 'fixed' ? formatAction(v.action) : 'depends'
    }
    expect(observed).toEqual({ rmdir: 'EPERM', mkdir: 'EACCES' })
    expect(verdict('rmdir')).toBe('ERRNO(1 EPERM)')
    expect(verdict('mkdir')).toBe('ERRNO(13 EACCES)')
    expect(verdict('read')).toBe('ALLOW')
    // Neither filter checks the architecture: every ABI gets the same answers by number.
    expect(decoded.abis.every((a) => a.accepted)).toBe(true)
  })
})
