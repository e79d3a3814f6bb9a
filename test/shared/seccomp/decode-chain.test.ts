// The decoder: return actions and their precedence, path exploration over argument comparisons, and the
// filter dumped from a real Docker 20.10 default container (fixture written by the reader on this host).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SECCOMP_RET, combineActions, decodeAction, formatAction } from '../../../shared/seccomp/actions'
import { BPF_ALU_OP as OP, BPF_CLASS as C, BPF_JMP_OP as J, BPF_MODE as M, BPF_RVAL as R, BPF_SIZE as S, BPF_SRC as SRC, jump, parseSockFilter, stmt, type BpfInsn } from '../../../shared/seccomp/bpf-insn'
import { explore } from '../../../shared/seccomp/bpf-explore'
import { runBpf } from '../../../shared/seccomp/bpf-run'
import { decodeChain, verdictFor } from '../../../shared/seccomp/decode-chain'
import { AUDIT_ARCH, seccompDataBytes } from '../../../shared/seccomp/seccomp-data'
import { findWitness, type FieldTest } from '../../../shared/seccomp/sym-tests'
import type { SyscallVerdict } from '../../../shared/seccomp/verdict'

const X86 = AUDIT_ARCH.X86_64
const ret = (k: number): BpfInsn => stmt(C.RET | R.K, k)
const ld = (off: number): BpfInsn => stmt(C.LD | S.W | M.ABS, off)
/** allow-by-default filter returning `action` for syscall `nr`. */
const only = (nr: number, action: number): BpfInsn[] => [ld(0), jump(C.JMP | J.JEQ, nr, 0, 1), ret(action), ret(SECCOMP_RET.ALLOW)]
const text = (v: SyscallVerdict): string => (v.kind === 'fixed' ? formatAction(v.action) : 'depends')

export function fixture(name: string): BpfInsn[] {
  return parseSockFilter(new Uint8Array(readFileSync(join(import.meta.dirname, '../../fixtures/seccomp', name))))
}

describe('return actions', () => {
  it.each([
    [0x7fff0000, 'allow', 'ALLOW'],
    [0x00050001, 'errno', 'ERRNO(1 EPERM)'],
    [0x00050026, 'errno', 'ERRNO(38 ENOSYS)'],
    [0x00000000, 'kill_thread', 'KILL_THREAD'],
    [0x80000000, 'kill_process', 'KILL_PROCESS'],
    [0x00030007, 'trap', 'TRAP(7)'],
    [0x7ff00009, 'trace', 'TRACE(9)'],
    [0x7ffc0000, 'log', 'LOG'],
    [0x7fc00000, 'user_notif', 'USER_NOTIF'],
    [0x12340000, 'kill_process', 'KILL_PROCESS']
  ])('0x%s decodes', (raw, kind, formatted) => {
    const action = decodeAction(raw)
    expect(action.kind).toBe(kind)
    expect(formatAction(action)).toBe(formatted)
  })
  it('the most restrictive action wins; among equal actions the newest filter data', () => {
    const order = [SECCOMP_RET.KILL_PROCESS, SECCOMP_RET.KILL_THREAD, SECCOMP_RET.TRAP, SECCOMP_RET.ERRNO, SECCOMP_RET.USER_NOTIF, SECCOMP_RET.TRACE, SECCOMP_RET.LOG, SECCOMP_RET.ALLOW]
    for (let i = 0; i < order.length - 1; i++) {
      expect(combineActions([order[i + 1] as number, order[i] as number])).toBe(order[i])
      expect(combineActions([order[i] as number, order[i + 1] as number])).toBe(order[i])
    }
    expect(combineActions([0x00050001, 0x00050026])).toBe(0x00050001)
  })
})

describe('path exploration', () => {
  it('recovers a masked argument test: clone allowed unless flags carry CLONE_NEWUSER', () => {
    const filter = [ld(0), jump(C.JMP | J.JEQ, 56, 0, 4), ld(16), stmt(C.ALU | OP.AND | SRC.K, 0x10000000), jump(C.JMP | J.JEQ, 0, 0, 1), ret(SECCOMP_RET.ALLOW), ret(0x00050001)]
    const v = verdictFor([filter], 'clone', 56, X86)
    expect(v.kind).toBe('depends')
    if (v.kind !== 'depends') return
    const allow = v.cases.find((c) => c.action?.kind === 'allow')
    const deny = v.cases.find((c) => c.action?.kind === 'errno')
    expect(allow?.when).toEqual([['flags args[0] & 0x10000000 == 0x0 (CLONE_NEWUSER)']])
    expect(deny?.when).toEqual([['flags args[0] & 0x10000000 != 0x0 (CLONE_NEWUSER)']])
    expect(text(verdictFor([filter], 'read', 0, X86))).toBe('ERRNO(1 EPERM)')
  })
  it('JGT/JGE/JSET against arguments, and comparisons with X', () => {
    const filter = [ld(24), jump(C.JMP | J.JGT, 10, 0, 1), ret(0x00030000), stmt(C.LDX | M.IMM, 4), jump(C.JMP | J.JSET | SRC.X, 0, 0, 1), ret(SECCOMP_RET.LOG), ret(SECCOMP_RET.ALLOW)]
    const v = verdictFor([filter], 'x', 1, X86)
    expect(v.kind === 'depends' && v.cases.map((c) => [formatAction(c.action!), c.when])).toEqual([
      ['ALLOW', [['args[1] <= 0xa', 'args[1] & 0x4 == 0']]],
      ['LOG', [['args[1] <= 0xa', 'args[1] & 0x4 != 0']]],
      ['TRAP(0)', [['args[1] > 0xa']]]
    ])
  })
  it('drops paths whose conditions contradict each other', () => {
    // arg0 == 5 then arg0 == 6 can never both hold: KILL is unreachable.
    const filter = [ld(16), jump(C.JMP | J.JEQ, 5, 0, 3), jump(C.JMP | J.JEQ, 6, 0, 1), ret(SECCOMP_RET.KILL_PROCESS), ret(SECCOMP_RET.ALLOW), ret(SECCOMP_RET.ALLOW)]
    expect(text(verdictFor([filter], 'x', 0, X86))).toBe('ALLOW')
  })
  it('a chain is decoded as the kernel runs it: every filter, most restrictive wins', () => {
    const older = only(90, 0x00050001)
    const newer = only(90, SECCOMP_RET.KILL_PROCESS)
    expect(text(verdictFor([older, newer], 'chmod', 90, X86))).toBe('KILL_PROCESS')
    expect(text(verdictFor([older, only(83, 0x0005000d)], 'mkdir', 83, X86))).toBe('ERRNO(13 EACCES)')
    expect(text(verdictFor([older, only(90, 0x0005000d)], 'chmod', 90, X86))).toBe('ERRNO(13 EACCES)')
    expect(text(verdictFor([], 'chmod', 90, X86))).toBe('ALLOW')
  })
})

describe("Docker 20.10's default filter dumped on this host", () => {
  const filter = fixture('docker-default-20.10.bpf')
  const decoded = decodeChain([filter])
  const x86 = decoded.abis.find((a) => a.abi === 'x86_64')!
  const verdict = (name: string): string => text(x86.syscalls.find((s) => s.name === name)!.verdict)

  it('has the 974 instructions kernel-facts §4.4 measured', () => {
    expect(filter).toHaveLength(974)
  })
  it('blocks mount, unshare, reboot with EPERM, clone3 with ENOSYS; allows chmod and mkdir', () => {
    expect(verdict('mount')).toBe('ERRNO(1 EPERM)')
    expect(verdict('unshare')).toBe('ERRNO(1 EPERM)')
    expect(verdict('reboot')).toBe('ERRNO(1 EPERM)')
    expect(verdict('clone3')).toBe('ERRNO(38 ENOSYS)')
    expect(verdict('chmod')).toBe('ALLOW')
    expect(verdict('mkdir')).toBe('ALLOW')
  })
  it('recovers the argument rules: clone without namespace flags, personality for five values', () => {
    const clone = x86.syscalls.find((s) => s.name === 'clone')!.verdict
    expect(clone.kind === 'depends' && clone.cases.find((c) => c.action?.kind === 'allow')?.when).toEqual([
      ['flags args[0] & 0x7e020000 == 0x0 (CLONE_NEWNS|CLONE_NEWCGROUP|CLONE_NEWUTS|CLONE_NEWIPC|CLONE_NEWUSER|CLONE_NEWPID|CLONE_NEWNET)']
    ])
    const personality = x86.syscalls.find((s) => s.name === 'personality')!.verdict
    const allowed = personality.kind === 'depends' ? personality.cases.find((c) => c.action?.kind === 'allow')?.when.flat() : []
    expect(allowed?.sort()).toEqual(['0x0', '0x20000', '0x20008', '0x8', '0xffffffff'].map((v) => `persona args[0] == ${v}`).sort())
  })
  it('accepts x86_64, x32 and i386, kills the thread for any other architecture (aarch64)', () => {
    expect(text(decoded.unknownArch)).toBe('KILL_THREAD')
    expect(decoded.abis.map((a) => [a.abi, a.accepted])).toEqual([['x86_64', true], ['x32', true], ['i386', true], ['aarch64', false]])
    expect(text(x86.unlisted)).toBe('ERRNO(38 ENOSYS)')
  })
  it('counts 292 allowed x86_64 calls (290 always, clone and personality depending on arguments)', () => {
    const allowed = x86.syscalls.filter((s) => s.verdict.kind === 'fixed' && s.verdict.action.kind === 'allow')
    expect(allowed).toHaveLength(290)
    expect(x86.syscalls.filter((s) => s.verdict.kind === 'depends').map((s) => s.name)).toEqual(['clone', 'personality'])
  })
  it('every explored path, replayed on the interpreter with a witness, returns what the explorer said', () => {
    let replayed = 0
    for (const [nr, arch] of [[56, X86], [135, X86], [165, X86], [0x40000000 + 56, X86], [120, AUDIT_ARCH.I386], [136, AUDIT_ARCH.I386], [500, X86], [1, 0x1234]] as const) {
      for (const path of explore(filter, nr, arch).paths) {
        const words = new Map<number, FieldTest[]>()
        for (const t of path.tests) words.set(t.offset, [...(words.get(t.offset) ?? []), t])
        const bytes = seccompDataBytes({ nr, arch, instructionPointer: 0n, args: [] })
        const view = new DataView(bytes.buffer)
        for (const [offset, tests] of words) view.setUint32(offset, findWitness(tests)!, true)
        expect(runBpf(filter, bytes)).toBe(path.ret)
        replayed++
      }
    }
    expect(replayed).toBeGreaterThan(10)
  })
})

describe('the custom profile dumped on this host (chmod, mkdir → EPERM; reboot → KILL_PROCESS)', () => {
  const decoded = decodeChain([fixture('custom-chmod-mkdir-reboot-20.10.bpf')])
  const x86 = decoded.abis.find((a) => a.abi === 'x86_64')!
  const verdict = (name: string): string => text(x86.syscalls.find((s) => s.name === name)!.verdict)
  it('gives each call its action and accepts only x86_64 (no archMap in the profile)', () => {
    expect(['chmod', 'fchmodat', 'mkdir', 'mkdirat', 'reboot', 'mount', 'unshare', 'personality'].map(verdict)).toEqual([
      'ERRNO(1 EPERM)', 'ERRNO(1 EPERM)', 'ERRNO(1 EPERM)', 'ERRNO(1 EPERM)', 'KILL_PROCESS', 'ALLOW', 'ALLOW', 'ALLOW'
    ])
    expect(decoded.abis.filter((a) => a.accepted).map((a) => a.abi)).toEqual(['x86_64'])
  })
})
