import { describe, expect, it } from 'vitest'
import type { CapabilityUse, Observation, SyscallUse } from '../../../shared/observe/observation'
import { RUNTIME_BASELINE } from '../../../shared/observe/runtime-baseline'
import { suggest } from '../../../shared/observe/suggestion'

function cap(name: string, bit: number, verdict: CapabilityUse['verdict'], held = true): CapabilityUse {
  return { name, bit, held, effective: held, granted: verdict === 'used' ? 1 : 0, denied: verdict === 'denied' ? 3 : 0, firstGrantedAt: null, firstDeniedAt: null, otherCredential: 0, verdict }
}
const call = (nr: number, name: string, family = 'files'): SyscallUse => ({ nr, name, family, count: 1, firstAt: 0 })

const observation: Observation = {
  container: { id: 'c1', name: '/pinger', capBnd: '00000000a80425fb', capEff: '00000000a80425fb' },
  startedAt: '2026-12-07T07:00:00Z',
  seconds: 10,
  capabilities: [cap('CAP_CHOWN', 0, 'unasked'), cap('CAP_KILL', 5, 'unasked'), cap('CAP_NET_RAW', 13, 'used'), cap('CAP_SYS_ADMIN', 21, 'denied', false)],
  syscalls: [call(41, 'socket', 'network'), call(56, 'clone', 'processes'), call(435, 'clone3', 'processes'), call(0, 'read'), call(439, 'faccessat2')],
  processes: 2,
  lostEvents: 0,
  syscallsTraced: true,
  notes: []
}

describe('suggest', () => {
  const s = suggest(observation, 'pinger-seccomp.json')

  it('adds back only what was used and held; denied probes are not added', () => {
    expect(s.capAdd).toEqual(['NET_RAW'])
    expect(s.capDrop).toEqual(['CHOWN', 'KILL'])
    expect(s.dockerRunFlags).toBe('--cap-drop ALL --cap-add NET_RAW --security-opt seccomp=pinger-seccomp.json')
  })

  it('writes a Compose snippet for the service', () => {
    expect(s.compose).toBe('services:\n  pinger:\n    cap_drop:\n      - ALL\n    cap_add:\n      - NET_RAW\n    security_opt:\n      - seccomp=pinger-seccomp.json\n')
  })

  it('builds a profile that refuses by default and allows what was seen plus the runtime baseline', () => {
    const p = s.seccompProfile
    expect(p.defaultAction).toBe('SCMP_ACT_ERRNO')
    const allowed = p.syscalls.filter((r) => r.action === 'SCMP_ACT_ALLOW' && !r.args).flatMap((r) => r.names)
    for (const name of ['socket', 'read', 'faccessat2', ...RUNTIME_BASELINE]) expect(allowed).toContain(name)
    expect(allowed).not.toContain('unshare')
    expect(allowed).not.toContain('clone')
    // clone keeps Docker's default limit (no namespace flags), clone3 answers ENOSYS.
    expect(p.syscalls.find((r) => r.names.includes('clone'))!.args).toEqual([{ index: 0, value: 0x7e020000, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' }])
    expect(p.syscalls.find((r) => r.names.includes('clone3'))).toMatchObject({ action: 'SCMP_ACT_ERRNO', errnoRet: 38 })
  })

  it("diffs against Docker's default: what is refused now, nothing allowed beyond it", () => {
    expect(s.seccompDiff.allowedBeyondDefault).toEqual([])
    expect(s.seccompDiff.refusedNow).toContain('mkdir')
    expect(s.seccompDiff.refusedNow).not.toContain('socket')
    expect(s.seccompDiff.refusedNow).not.toContain('clone')
    expect(s.seccompDiff.against).toMatch(/20\.10\.24/)
  })

  it('says what a syscall beyond the default is', () => {
    const o = { ...observation, syscalls: [...observation.syscalls, call(272, 'unshare', 'processes')] }
    expect(suggest(o).seccompDiff.allowedBeyondDefault).toEqual(['unshare'])
  })

  it('suggests dropping everything when nothing was used', () => {
    const o = { ...observation, capabilities: observation.capabilities.map((c) => ({ ...c, verdict: 'unasked' as const, granted: 0 })) }
    expect(suggest(o).dockerRunFlags).toBe('--cap-drop ALL --security-opt seccomp=seccomp-profile.json')
    expect(suggest(o).compose).not.toContain('cap_add')
  })
})
