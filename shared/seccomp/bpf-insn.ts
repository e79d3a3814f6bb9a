// Classic BPF instructions as the kernel stores a seccomp filter (struct sock_filter, 8 bytes:
// u16 code, u8 jt, u8 jf, u32 k; little-endian on the hosts we read). Field masks from linux/bpf_common.h.

export interface BpfInsn {
  code: number
  jt: number
  jf: number
  k: number
}

export const BPF_CLASS = { LD: 0x00, LDX: 0x01, ST: 0x02, STX: 0x03, ALU: 0x04, JMP: 0x05, RET: 0x06, MISC: 0x07 } as const
export const BPF_SIZE = { W: 0x00, H: 0x08, B: 0x10 } as const
export const BPF_MODE = { IMM: 0x00, ABS: 0x20, IND: 0x40, MEM: 0x60, LEN: 0x80, MSH: 0xa0 } as const
export const BPF_ALU_OP = { ADD: 0x00, SUB: 0x10, MUL: 0x20, DIV: 0x30, OR: 0x40, AND: 0x50, LSH: 0x60, RSH: 0x70, NEG: 0x80, MOD: 0x90, XOR: 0xa0 } as const
export const BPF_JMP_OP = { JA: 0x00, JEQ: 0x10, JGT: 0x20, JGE: 0x30, JSET: 0x40 } as const
export const BPF_SRC = { K: 0x00, X: 0x08 } as const
export const BPF_RVAL = { K: 0x00, X: 0x08, A: 0x10 } as const
export const BPF_MISC_OP = { TAX: 0x00, TXA: 0x80 } as const

/** Scratch memory words (BPF_MEMWORDS). */
export const BPF_MEMWORDS = 16
/** sizeof(struct seccomp_data): what BPF_LEN yields in a seccomp filter. */
export const SECCOMP_DATA_SIZE = 64

export const bpfClass = (code: number): number => code & 0x07
export const bpfSize = (code: number): number => code & 0x18
export const bpfMode = (code: number): number => code & 0xe0
export const bpfOp = (code: number): number => code & 0xf0
export const bpfSrc = (code: number): number => code & 0x08
export const bpfRval = (code: number): number => code & 0x18
export const bpfMiscOp = (code: number): number => code & 0xf8

/** Parse the bytes PTRACE_SECCOMP_GET_FILTER copied out (8 bytes per instruction). */
export function parseSockFilter(bytes: Uint8Array): BpfInsn[] {
  if (bytes.length % 8 !== 0) throw new Error(`a sock_filter program is a multiple of 8 bytes, got ${bytes.length}`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const program: BpfInsn[] = []
  for (let at = 0; at < bytes.length; at += 8) {
    program.push({ code: view.getUint16(at, true), jt: view.getUint8(at + 2), jf: view.getUint8(at + 3), k: view.getUint32(at + 4, true) })
  }
  return program
}

export function serializeSockFilter(program: readonly BpfInsn[]): Uint8Array {
  const bytes = new Uint8Array(program.length * 8)
  const view = new DataView(bytes.buffer)
  program.forEach((insn, i) => {
    view.setUint16(i * 8, insn.code, true)
    view.setUint8(i * 8 + 2, insn.jt)
    view.setUint8(i * 8 + 3, insn.jf)
    view.setUint32(i * 8 + 4, insn.k >>> 0, true)
  })
  return bytes
}

/** Builders for hand-written programs (tests, docs): BPF_STMT and BPF_JUMP of linux/filter.h. */
export const stmt = (code: number, k: number): BpfInsn => ({ code, jt: 0, jf: 0, k: k >>> 0 })
export const jump = (code: number, k: number, jt: number, jf: number): BpfInsn => ({ code, jt, jf, k: k >>> 0 })
