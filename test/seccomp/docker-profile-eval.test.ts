// The profile evaluator against the real thing: Docker 20.10.24's default profile, evaluated for the default
// capabilities, must give what the decoder reads from the filter runc 1.1.5 built from it on this host
// (test/fixtures/seccomp/docker-default-20.10.bpf), call by call on every ABI the filter accepts.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatAction } from '../../shared/seccomp/actions'
import { parseSockFilter } from '../../shared/seccomp/bpf-insn'
import { runBpf } from '../../shared/seccomp/bpf-run'
import { verdictKey, verdictTable } from '../../shared/seccomp/compare'
import { decodeChain } from '../../shared/seccomp/decode-chain'
import { rulesProgram } from '../../shared/seccomp/docker-profile-bpf'
import { evaluateDockerProfile } from '../../shared/seccomp/docker-profile-eval'
import { DOCKER_DEFAULT_CAPABILITIES, type DockerSeccompOp, type DockerSeccompProfile, type ProfileContext } from '../../shared/seccomp/docker-profile-types'
import { AUDIT_ARCH, seccompDataBytes } from '../../shared/seccomp/seccomp-data'
import type { SyscallVerdict } from '../../shared/seccomp/verdict'

const fixtures = join(import.meta.dirname, '../fixtures/seccomp')
const profile = (file: string): DockerSeccompProfile => JSON.parse(readFileSync(join(fixtures, 'docker-profiles', file), 'utf8')) as DockerSeccompProfile
const HOST: ProfileContext = { capabilities: DOCKER_DEFAULT_CAPABILITIES, kernel: '6.18.44-fc-v1300', hostArch: 'amd64' }
const text = (v: SyscallVerdict | undefined): string => (v === undefined ? 'missing' : v.kind === 'fixed' ? formatAction(v.action) : 'depends')
const callOf = (abis: ReturnType<typeof evaluateDockerProfile>['abis'], abi: string, name: string): SyscallVerdict | undefined =>
  abis.find((a) => a.abi === abi)?.syscalls.find((s) => s.name === name)?.verdict

describe("Docker 20.10.24's default profile, evaluated and dumped", () => {
  // 20.10.18 to .21 and .23 to .25 ship the same default.json (sources.json); the host runs 20.10.24.
  const evaluated = evaluateDockerProfile(profile('docker-20.10.18.json'), HOST)
  const decoded = decodeChain([parseSockFilter(new Uint8Array(readFileSync(join(fixtures, 'docker-default-20.10.bpf'))))])

  it.each(['x86_64', 'x32', 'i386'] as const)('agree on every %s call, and on calls newer than the tables', (abi) => {
    const ours = evaluated.abis.find((a) => a.abi === abi)
    const real = decoded.abis.find((a) => a.abi === abi)
    if (!ours || !real) throw new Error(`no ${abi}`)
    expect(ours.accepted).toBe(real.accepted)
    expect(verdictTable(ours)).toEqual(verdictTable(real))
    expect(Object.keys(verdictTable(ours)).length).toBeGreaterThan(300)
    expect(verdictKey(ours.unlisted)).toBe(verdictKey(real.unlisted))
  })

  it('gives a foreign architecture what libseccomp gives it', () => {
    expect(verdictKey(evaluated.unknownArch)).toBe(verdictKey(decoded.unknownArch))
  })

  it("reproduces runc's ENOSYS stub: calls above the highest the profile names fail with ENOSYS", () => {
    expect(text(callOf(evaluated.abis, 'x86_64', 'cachestat'))).toBe('ERRNO(38 ENOSYS)')
    expect(text(callOf(evaluated.abis, 'x86_64', 'mount'))).toBe('ERRNO(1 EPERM)')
    expect(text(callOf(evaluated.abis, 'x86_64', 'clone3'))).toBe('ERRNO(38 ENOSYS)')
  })
})

describe('what the container brings in', () => {
  const latest = profile('docker-25.0.3.json')
  it('capabilities open the calls they include (CAP_SYS_ADMIN: mount, clone with namespace flags)', () => {
    const plain = evaluateDockerProfile(latest, HOST).abis
    const admin = evaluateDockerProfile(latest, { ...HOST, capabilities: [...DOCKER_DEFAULT_CAPABILITIES, 'CAP_SYS_ADMIN'] }).abis
    expect(text(callOf(plain, 'x86_64', 'mount'))).toBe('ERRNO(1 EPERM)')
    expect(text(callOf(admin, 'x86_64', 'mount'))).toBe('ALLOW')
    expect(text(callOf(plain, 'x86_64', 'clone'))).toBe('depends')
    expect(text(callOf(admin, 'x86_64', 'clone'))).toBe('ALLOW')
    // clone3 has its ENOSYS only without CAP_SYS_ADMIN (excludes caps).
    expect(text(callOf(admin, 'x86_64', 'clone3'))).toBe('ALLOW')
  })
  it('minKernel: ptrace is allowed from kernel 4.8 on, not before', () => {
    expect(text(callOf(evaluateDockerProfile(latest, HOST).abis, 'x86_64', 'ptrace'))).toBe('ALLOW')
    expect(text(callOf(evaluateDockerProfile(latest, { ...HOST, kernel: '4.4.0-210-generic' }).abis, 'x86_64', 'ptrace'))).toBe('ERRNO(1 EPERM)')
  })
  it('arches: arch_prctl is kept on amd64 hosts only; an arm64 host gets its own ABI', () => {
    expect(text(callOf(evaluateDockerProfile(latest, HOST).abis, 'x86_64', 'arch_prctl'))).toBe('ALLOW')
    const arm = evaluateDockerProfile(latest, { ...HOST, hostArch: 'arm64' }).abis
    expect(arm.map((a) => a.abi)).toEqual(['aarch64'])
    expect(text(callOf(arm, 'aarch64', 'set_tls'))).toBe('missing') // not an aarch64 call at all
    expect(text(callOf(arm, 'aarch64', 'mount'))).toBe('ERRNO(1 EPERM)')
  })
})

describe("each comparison operator as libseccomp checks it, run on concrete 64-bit arguments", () => {
  const OPS: DockerSeccompOp[] = ['SCMP_CMP_EQ', 'SCMP_CMP_NE', 'SCMP_CMP_LT', 'SCMP_CMP_LE', 'SCMP_CMP_GT', 'SCMP_CMP_GE', 'SCMP_CMP_MASKED_EQ']
  const reference = (op: DockerSeccompOp, arg: bigint, value: bigint, valueTwo: bigint): boolean => {
    switch (op) {
      case 'SCMP_CMP_EQ': return arg === value
      case 'SCMP_CMP_NE': return arg !== value
      case 'SCMP_CMP_LT': return arg < value
      case 'SCMP_CMP_LE': return arg <= value
      case 'SCMP_CMP_GT': return arg > value
      case 'SCMP_CMP_GE': return arg >= value
      case 'SCMP_CMP_MASKED_EQ': return (arg & value) === valueTwo
    }
  }
  const values = [0n, 8n, 0x7e020000n, 0xffffffffn, 0x100000000n, 0x1_0000_0028n]
  const args = [...values, 7n, 9n, 0x28n, 0x1_0000_0027n, 0x2_0000_0000n, 0x7e020001n, 0xfffffffen]
  const ALLOW = 0x7fff0000
  const EPERM = 0x00050001
  it.each(OPS)('%s', (op) => {
    for (const value of values) {
      const valueTwo = op === 'SCMP_CMP_MASKED_EQ' ? value & 0x20000n : 0n
      const program = rulesProgram([{ ret: ALLOW, args: [{ index: 2, op, value: Number(value), valueTwo: Number(valueTwo) }] }], EPERM, true)
      for (const arg of args) {
        const data = seccompDataBytes({ nr: 0, arch: AUDIT_ARCH.X86_64, instructionPointer: 0n, args: [0n, 0n, arg] })
        expect([op, value, arg, runBpf(program, data)]).toEqual([op, value, arg, reference(op, arg, value, valueTwo) ? ALLOW : EPERM])
      }
    }
  })
})
