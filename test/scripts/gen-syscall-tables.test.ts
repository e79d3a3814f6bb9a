// The committed syscall tables are what the generator makes from the committed kernel tables.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { OUTPUT, renderSyscallTables } from '../../scripts/gen-syscall-tables'

describe('scripts/gen-syscall-tables.ts', () => {
  it('reproduces shared/seccomp/syscall-tables.ts', () => {
    const { text, counts } = renderSyscallTables()
    expect(text).toBe(readFileSync(OUTPUT, 'utf8'))
    expect(counts).toBe('x86_64: 383, x32: 372, i386: 459, aarch64: 325')
  })
})

describe('scripts/gen-syscall-tables-default.ts', () => {
  it("reproduces shared/seccomp/docker-default-verdicts.ts from the dumped default filter", async () => {
    const { parseSockFilter } = await import('../../shared/seccomp/bpf-insn')
    const { decodeChain } = await import('../../shared/seccomp/decode-chain')
    const { verdictTable } = await import('../../shared/seccomp/compare')
    const { DOCKER_DEFAULT_X86_64 } = await import('../../shared/seccomp/docker-default-verdicts')
    const bytes = new Uint8Array(readFileSync(new URL('../fixtures/seccomp/docker-default-20.10.bpf', import.meta.url)))
    const x86 = decodeChain([parseSockFilter(bytes)]).abis.find((a) => a.abi === 'x86_64')!
    expect(DOCKER_DEFAULT_X86_64).toEqual(verdictTable(x86))
  })
})
