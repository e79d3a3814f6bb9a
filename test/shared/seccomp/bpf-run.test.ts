// The interpreter against hand-written programs: one per opcode class and per return action.
import { describe, expect, it } from 'vitest'
import { BPF_ALU_OP as OP, BPF_CLASS as C, BPF_JMP_OP as J, BPF_MISC_OP as MISC, BPF_MODE as M, BPF_RVAL as R, BPF_SIZE as S, BPF_SRC as SRC, jump, parseSockFilter, serializeSockFilter, stmt } from '../../../shared/seccomp/bpf-insn'
import { BpfProgramError, checkSeccompSubset, runBpf } from '../../../shared/seccomp/bpf-run'
import { AUDIT_ARCH, seccompDataBytes } from '../../../shared/seccomp/seccomp-data'

const data = (nr: number, args: bigint[] = [], ip = 0n, arch: number = AUDIT_ARCH.X86_64): Uint8Array => seccompDataBytes({ nr, arch, instructionPointer: ip, args })
const retA = stmt(C.RET | R.A, 0)
const ldAbs = (off: number, size: number = S.W) => stmt(C.LD | size | M.ABS, off)

describe('runBpf loads', () => {
  it('LD W/H/B ABS read nr, arch, args in native order', () => {
    const d = data(0x1234, [0x1122334455667788n])
    expect(runBpf([ldAbs(0), retA], d)).toBe(0x1234)
    expect(runBpf([ldAbs(4), retA], d)).toBe(AUDIT_ARCH.X86_64)
    expect(runBpf([ldAbs(16), retA], d)).toBe(0x55667788)
    expect(runBpf([ldAbs(20), retA], d)).toBe(0x11223344)
    expect(runBpf([ldAbs(16, S.H), retA], d)).toBe(0x7788)
    expect(runBpf([ldAbs(17, S.B), retA], d)).toBe(0x77)
  })
  it('LD IND adds X; LDX MSH takes 4*(byte & 0xf)', () => {
    const d = data(0, [0x0000000aaabbccddn])
    expect(runBpf([stmt(C.LDX | S.W | M.IMM, 16), stmt(C.LD | S.B | M.IND, 1), retA], d)).toBe(0xcc)
    expect(runBpf([stmt(C.LDX | S.B | M.MSH, 16), stmt(C.MISC | MISC.TXA, 0), retA], d)).toBe(4 * 0xd)
  })
  it('LD/LDX IMM, LEN and MEM; ST and STX fill the scratch words', () => {
    const d = data(7)
    expect(runBpf([stmt(C.LD | S.W | M.LEN, 0), retA], d)).toBe(64)
    expect(runBpf([stmt(C.LDX | S.W | M.LEN, 0), stmt(C.MISC | MISC.TXA, 0), retA], d)).toBe(64)
    expect(runBpf([stmt(C.LD | M.IMM, 42), stmt(C.ST, 3), stmt(C.LD | M.IMM, 0), stmt(C.LD | M.MEM, 3), retA], d)).toBe(42)
    expect(runBpf([stmt(C.LDX | M.IMM, 9), stmt(C.STX, 15), stmt(C.LDX | M.MEM, 15), stmt(C.MISC | MISC.TXA, 0), retA], d)).toBe(9)
  })
  it('a load outside seccomp_data ends the program with 0, as classic BPF does', () => {
    expect(runBpf([ldAbs(64), stmt(C.RET | R.K, 0x7fff0000)], data(0))).toBe(0)
  })
})

describe('runBpf ALU', () => {
  const alu = (op: number, a: number, k: number): number => runBpf([stmt(C.LD | M.IMM, a), stmt(C.ALU | op | SRC.K, k), retA], data(0))
  const aluX = (op: number, a: number, x: number): number =>
    runBpf([stmt(C.LDX | M.IMM, x), stmt(C.LD | M.IMM, a), stmt(C.ALU | op | SRC.X, 0), retA], data(0))
  it.each([
    ['ADD', OP.ADD, 0xffffffff, 2, 1],
    ['SUB', OP.SUB, 1, 2, 0xffffffff],
    ['MUL', OP.MUL, 0x10000, 0x10000, 0],
    ['DIV', OP.DIV, 7, 2, 3],
    ['MOD', OP.MOD, 7, 4, 3],
    ['OR', OP.OR, 0xf0, 0x0f, 0xff],
    ['AND', OP.AND, 0xf0, 0x3c, 0x30],
    ['XOR', OP.XOR, 0xff, 0x0f, 0xf0],
    ['LSH', OP.LSH, 1, 31, 0x80000000],
    ['RSH', OP.RSH, 0x80000000, 31, 1]
  ])('%s with K and with X', (_name, op, a, b, expected) => {
    expect(alu(op, a, b)).toBe(expected)
    expect(aluX(op, a, b)).toBe(expected)
  })
  it('NEG is two-complement; division by zero ends with 0', () => {
    expect(alu(OP.NEG, 1, 0)).toBe(0xffffffff)
    expect(aluX(OP.DIV, 5, 0)).toBe(0)
    expect(aluX(OP.MOD, 5, 0)).toBe(0)
  })
})

describe('runBpf jumps, returns and misc', () => {
  const cmp = (op: number, a: number, k: number, useX = false): number =>
    runBpf(
      [stmt(C.LDX | M.IMM, k), stmt(C.LD | M.IMM, a), jump(C.JMP | op | (useX ? SRC.X : SRC.K), k, 1, 0), stmt(C.RET | R.K, 0), stmt(C.RET | R.K, 1)],
      data(0)
    )
  it.each([
    ['JEQ', J.JEQ, 5, 5, 1], ['JEQ', J.JEQ, 5, 6, 0],
    ['JGT', J.JGT, 0xffffffff, 1, 1], ['JGT', J.JGT, 1, 1, 0],
    ['JGE', J.JGE, 1, 1, 1], ['JGE', J.JGE, 0, 1, 0],
    ['JSET', J.JSET, 0x10, 0x30, 1], ['JSET', J.JSET, 0x10, 0x20, 0]
  ])('%s %s vs %s (K and X)', (_n, op, a, k, expected) => {
    expect(cmp(op, a, k)).toBe(expected)
    expect(cmp(op, a, k, true)).toBe(expected)
  })
  it('JA skips k instructions', () => {
    expect(runBpf([stmt(C.JMP | J.JA, 1), stmt(C.RET | R.K, 1), stmt(C.RET | R.K, 2)], data(0))).toBe(2)
  })
  it('RET K and RET A; TAX copies A to X', () => {
    expect(runBpf([stmt(C.RET | R.K, 0x00050001)], data(0))).toBe(0x00050001)
    expect(runBpf([stmt(C.LD | M.IMM, 3), stmt(C.MISC | MISC.TAX, 0), stmt(C.LD | M.IMM, 0), stmt(C.MISC | MISC.TXA, 0), retA], data(0))).toBe(3)
  })
  it('running off the end is an error, not a verdict', () => {
    expect(() => runBpf([ldAbs(0)], data(0))).toThrow(BpfProgramError)
  })
})

describe('sock_filter bytes and the seccomp subset', () => {
  it('parses and serialises 8-byte instructions', () => {
    const program = [ldAbs(4), jump(C.JMP | J.JEQ, AUDIT_ARCH.X86_64, 1, 0), stmt(C.RET | R.K, 0), stmt(C.RET | R.K, 0x7fff0000)]
    expect(parseSockFilter(serializeSockFilter(program))).toEqual(program)
  })
  it('says which loads the kernel would refuse', () => {
    expect(checkSeccompSubset([ldAbs(0), retA])).toBeNull()
    expect(checkSeccompSubset([ldAbs(16, S.H), retA])?.index).toBe(0)
    expect(checkSeccompSubset([ldAbs(0), ldAbs(18), retA])?.index).toBe(1)
  })
})
