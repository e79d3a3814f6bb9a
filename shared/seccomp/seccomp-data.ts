// struct seccomp_data (linux/seccomp.h), the 64-byte input a filter reads:
// int nr @0, u32 arch @4, u64 instruction_pointer @8, u64 args[6] @16..63 (native little-endian).

export interface SeccompData {
  nr: number
  arch: number
  instructionPointer: bigint
  args: readonly bigint[]
}

export const AUDIT_ARCH = {
  X86_64: 0xc000003e,
  I386: 0x40000003,
  AARCH64: 0xc00000b7
} as const

/** x32 system calls carry this bit in nr and use AUDIT_ARCH_X86_64. */
export const X32_SYSCALL_BIT = 0x40000000

export function seccompDataBytes(data: SeccompData): Uint8Array {
  const bytes = new Uint8Array(64)
  const view = new DataView(bytes.buffer)
  view.setInt32(0, data.nr | 0, true)
  view.setUint32(4, data.arch >>> 0, true)
  view.setBigUint64(8, BigInt.asUintN(64, data.instructionPointer), true)
  for (let i = 0; i < 6; i++) view.setBigUint64(16 + 8 * i, BigInt.asUintN(64, data.args[i] ?? 0n), true)
  return bytes
}

/** "args[0]" for offset 16, "args[0].hi" for 20, "instruction_pointer" for 8. */
export function describeOffset(offset: number): string {
  if (offset === 0) return 'nr'
  if (offset === 4) return 'arch'
  if (offset === 8) return 'instruction_pointer'
  if (offset === 12) return 'instruction_pointer.hi'
  const arg = Math.floor((offset - 16) / 8)
  return (offset - 16) % 8 === 0 ? `args[${arg}]` : `args[${arg}].hi`
}
