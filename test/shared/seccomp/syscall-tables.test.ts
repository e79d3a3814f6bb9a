import { describe, expect, it } from 'vitest'
import { SYSCALL_TABLES } from '../../../shared/seccomp/syscall-tables'

const lookup = (abi: keyof typeof SYSCALL_TABLES, name: string): number | undefined => SYSCALL_TABLES[abi].find(([, n]) => n === name)?.[0]

describe('generated syscall tables (Linux 6.18)', () => {
  it('number the calls as each ABI does', () => {
    expect([lookup('x86_64', 'chmod'), lookup('x86_64', 'reboot'), lookup('x86_64', 'file_setattr')]).toEqual([90, 169, 469])
    expect([lookup('i386', 'chmod'), lookup('i386', 'socketcall'), lookup('i386', 'clone3')]).toEqual([15, 102, 435])
    expect([lookup('x32', 'read'), lookup('x32', 'execve')]).toEqual([0x40000000, 0x40000000 + 520])
    expect([lookup('aarch64', 'mkdirat'), lookup('aarch64', 'renameat'), lookup('aarch64', 'memfd_secret')]).toEqual([34, 38, 447])
  })
  it('leave out what an ABI does not have', () => {
    expect(lookup('aarch64', 'mkdir')).toBeUndefined()
    expect(lookup('x86_64', 'socketcall')).toBeUndefined()
    // x32 has its own execve at 520: the 64-bit one (59) is not part of it.
    expect(lookup('x32', 'rt_sigaction')).toBe(0x40000000 + 512)
    expect(SYSCALL_TABLES.x32.some(([nr]) => nr === 0x40000000 + 59)).toBe(false)
  })
  it('are sorted and free of duplicates', () => {
    for (const table of Object.values(SYSCALL_TABLES)) {
      const numbers = table.map(([nr]) => nr)
      expect(numbers).toEqual([...new Set(numbers)].sort((a, b) => a - b))
    }
  })
})
