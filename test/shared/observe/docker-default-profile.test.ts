import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { extractDefaultProfile } from '../../../shared/observe/default-profile-extract'
import { DOCKER_DEFAULT_PROFILE } from '../../../shared/observe/docker-default-profile'

const RECORDED = 'test/fixtures/seccomp-default/moby-v20.10.24-default.json'

describe("Docker's default seccomp profile (20.10.24, recorded)", () => {
  const profile = JSON.parse(readFileSync(RECORDED, 'utf8'))

  it('the extract the code uses is the one made from the recorded profile', () => {
    expect(DOCKER_DEFAULT_PROFILE).toEqual(extractDefaultProfile(profile))
  })

  it('matches the counts in kernel-facts §4.3 and its cap-gated groups', () => {
    expect(profile.syscalls).toHaveLength(27)
    // 346 unconditional names + ptrace (minKernel 4.8) + arch_prctl, modify_ldt (amd64 only).
    expect(DOCKER_DEFAULT_PROFILE.allowed).toHaveLength(349)
    expect(DOCKER_DEFAULT_PROFILE.allowed).not.toContain('unshare')
    expect(DOCKER_DEFAULT_PROFILE.byCapability.CAP_SYS_ADMIN).toContain('unshare')
    expect(DOCKER_DEFAULT_PROFILE.byCapability.CAP_SYS_ADMIN).toContain('mount')
    expect(DOCKER_DEFAULT_PROFILE.argumentLimited).toEqual(['clone', 'personality'])
  })
})
