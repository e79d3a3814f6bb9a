// The packed default profiles are what the generator makes from the committed copies of moby's default.json.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { OUTPUT, renderDockerProfiles } from '../../scripts/gen-seccomp-docker-profiles'

describe('scripts/gen-seccomp-docker-profiles.ts', () => {
  it('reproduces shared/seccomp/docker-default-profiles.ts', () => {
    const { text, summary } = renderDockerProfiles()
    expect(text).toBe(readFileSync(OUTPUT, 'utf8'))
    expect(summary).toBe('14 profiles, 56 rules, 429 names')
  })
})
