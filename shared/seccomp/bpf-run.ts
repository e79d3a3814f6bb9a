// A classic-BPF interpreter over struct seccomp_data: every cBPF opcode class (LD/LDX in W/H/B with
// IMM/ABS/IND/MEM/LEN/MSH, ST/STX, ALU with K or X including NEG/MOD/XOR, JMP JA/JEQ/JGT/JGE/JSET,
// RET K/A, MISC TAX/TXA). All arithmetic is unsigned 32-bit. Loads read the data in native (little-endian)
// order, as the kernel's seccomp does for its 32-bit loads; an out-of-range load or a division by zero
// ends the program with 0, as in the classic interpreter. The kernel's seccomp_check_filter accepts only a
// subset (32-bit aligned loads); checkSeccompSubset says which instruction it would refuse.
import {
  BPF_ALU_OP, BPF_CLASS, BPF_JMP_OP, BPF_MEMWORDS, BPF_MISC_OP, BPF_MODE, BPF_RVAL, BPF_SIZE, BPF_SRC, SECCOMP_DATA_SIZE,
  bpfClass, bpfMiscOp, bpfMode, bpfOp, bpfRval, bpfSize, bpfSrc, type BpfInsn
} from './bpf-insn'

export class BpfProgramError extends Error {}

export function aluApply(op: number, a: number, b: number): number | 'div-by-zero' {
  switch (op) {
    case BPF_ALU_OP.ADD: return (a + b) >>> 0
    case BPF_ALU_OP.SUB: return (a - b) >>> 0
    case BPF_ALU_OP.MUL: return Math.imul(a, b) >>> 0
    case BPF_ALU_OP.DIV: return b === 0 ? 'div-by-zero' : Math.floor(a / b) >>> 0
    case BPF_ALU_OP.MOD: return b === 0 ? 'div-by-zero' : (a % b) >>> 0
    case BPF_ALU_OP.OR: return (a | b) >>> 0
    case BPF_ALU_OP.AND: return (a & b) >>> 0
    case BPF_ALU_OP.XOR: return (a ^ b) >>> 0
    case BPF_ALU_OP.LSH: return b >= 32 ? 0 : (a << b) >>> 0
    case BPF_ALU_OP.RSH: return b >= 32 ? 0 : a >>> b
    case BPF_ALU_OP.NEG: return (-a) >>> 0
    default: throw new BpfProgramError(`unknown ALU operation 0x${op.toString(16)}`)
  }
}

export function jumpTaken(op: number, a: number, b: number): boolean {
  switch (op) {
    case BPF_JMP_OP.JEQ: return a === b
    case BPF_JMP_OP.JGT: return a > b
    case BPF_JMP_OP.JGE: return a >= b
    case BPF_JMP_OP.JSET: return (a & b) !== 0
    default: throw new BpfProgramError(`unknown jump 0x${op.toString(16)}`)
  }
}

function load(data: Uint8Array, offset: number, size: number): number | undefined {
  const width = size === BPF_SIZE.W ? 4 : size === BPF_SIZE.H ? 2 : 1
  if (offset < 0 || offset + width > data.length) return undefined
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  return width === 4 ? view.getUint32(offset, true) : width === 2 ? view.getUint16(offset, true) : view.getUint8(offset)
}

/** Run a program on 64 bytes of seccomp_data; returns the 32-bit value it returned. */
export function runBpf(program: readonly BpfInsn[], data: Uint8Array, maxSteps = 1_000_000): number {
  let a = 0
  let x = 0
  const mem = new Array<number>(BPF_MEMWORDS).fill(0)
  let pc = 0
  for (let steps = 0; steps < maxSteps; steps++) {
    const insn = program[pc]
    if (insn === undefined) throw new BpfProgramError(`ran off the end of the program at ${pc}`)
    const { code, k } = insn
    pc++
    switch (bpfClass(code)) {
      case BPF_CLASS.LD:
      case BPF_CLASS.LDX: {
        const toX = bpfClass(code) === BPF_CLASS.LDX
        const mode = bpfMode(code)
        let value: number | undefined
        if (mode === BPF_MODE.IMM) value = k
        else if (mode === BPF_MODE.LEN) value = SECCOMP_DATA_SIZE
        else if (mode === BPF_MODE.MEM) value = memWord(mem, k)
        else if (mode === BPF_MODE.ABS && !toX) value = load(data, k, bpfSize(code))
        else if (mode === BPF_MODE.IND && !toX) value = load(data, (x + k) >>> 0, bpfSize(code))
        else if (mode === BPF_MODE.MSH && toX) {
          const byte = load(data, k, BPF_SIZE.B)
          value = byte === undefined ? undefined : (byte & 0x0f) * 4
        } else throw new BpfProgramError(`bad load 0x${code.toString(16)} at ${pc - 1}`)
        if (value === undefined) return 0
        if (toX) x = value >>> 0
        else a = value >>> 0
        break
      }
      case BPF_CLASS.ST:
        mem[memIndex(k)] = a
        break
      case BPF_CLASS.STX:
        mem[memIndex(k)] = x
        break
      case BPF_CLASS.ALU: {
        const result = aluApply(bpfOp(code), a, bpfSrc(code) === BPF_SRC.X ? x : k)
        if (result === 'div-by-zero') return 0
        a = result
        break
      }
      case BPF_CLASS.JMP: {
        const op = bpfOp(code)
        if (op === BPF_JMP_OP.JA) pc += k
        else pc += jumpTaken(op, a, bpfSrc(code) === BPF_SRC.X ? x : k) ? insn.jt : insn.jf
        break
      }
      case BPF_CLASS.RET: {
        const rval = bpfRval(code)
        if (rval === BPF_RVAL.K) return k >>> 0
        if (rval === BPF_RVAL.A) return a >>> 0
        throw new BpfProgramError(`bad return 0x${code.toString(16)} at ${pc - 1}`)
      }
      case BPF_CLASS.MISC: {
        const op = bpfMiscOp(code)
        if (op === BPF_MISC_OP.TAX) x = a
        else if (op === BPF_MISC_OP.TXA) a = x
        else throw new BpfProgramError(`bad misc 0x${code.toString(16)} at ${pc - 1}`)
        break
      }
    }
  }
  throw new BpfProgramError('step limit reached')
}

function memIndex(k: number): number {
  if (k >= BPF_MEMWORDS) throw new BpfProgramError(`scratch index ${k} out of range`)
  return k
}

function memWord(mem: number[], k: number): number {
  return mem[memIndex(k)] ?? 0
}

/**
 * The instructions kernel/seccomp.c (seccomp_check_filter) would refuse: loads other than 32-bit aligned
 * ABS inside seccomp_data, IND and MSH loads. Returns the index and reason of the first, or null.
 */
export function checkSeccompSubset(program: readonly BpfInsn[]): { index: number; reason: string } | null {
  for (const [index, { code, k }] of program.entries()) {
    const cls = bpfClass(code)
    if (cls !== BPF_CLASS.LD && cls !== BPF_CLASS.LDX) continue
    const mode = bpfMode(code)
    if (mode === BPF_MODE.ABS) {
      if (bpfSize(code) !== BPF_SIZE.W) return { index, reason: 'seccomp allows only 32-bit loads' }
      if (k >= SECCOMP_DATA_SIZE || k % 4 !== 0) return { index, reason: 'load outside seccomp_data or not 32-bit aligned' }
    }
    if (mode === BPF_MODE.IND || mode === BPF_MODE.MSH) return { index, reason: 'seccomp does not allow indirect loads' }
  }
  return null
}
