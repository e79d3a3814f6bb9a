// Docker's default profile by release, on the real daemon: the live filter of a container started with the
// default profile is named with the release range that contains the daemon's own version; and a custom
// profile using every comparison operator, rendered by this host's runc and libseccomp, decodes to exactly
// what the profile evaluator predicts for it, call by call.
import { release } from 'node:os'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verdictTable } from '../../shared/seccomp/compare'
import { nearestKnownVersion } from '../../shared/seccomp/docker-default-match'
import { evaluateDockerProfile } from '../../shared/seccomp/docker-profile-eval'
import type { DockerSeccompProfile } from '../../shared/seccomp/docker-profile-types'
import type { SeccompFiltersReport } from '../../shared/seccomp/report'
import { glasshouse } from './support/cli'
import { docker, removeContainers, runContainer } from './support/docker'

// Allows by default; each rule denies one call under one operator (calls busybox sleep never makes).
const OPERATORS_PROFILE: DockerSeccompProfile = {
  defaultAction: 'SCMP_ACT_ALLOW',
  archMap: [{ architecture: 'SCMP_ARCH_X86_64', subArchitectures: ['SCMP_ARCH_X86', 'SCMP_ARCH_X32'] }],
  syscalls: [
    { names: ['getpriority'], action: 'SCMP_ACT_ERRNO', errnoRet: 13, args: [{ index: 0, value: 5, op: 'SCMP_CMP_EQ' }] },
    { names: ['setpriority'], action: 'SCMP_ACT_ERRNO', args: [{ index: 1, value: 0x1_0000_0002, op: 'SCMP_CMP_NE' }] },
    { names: ['ioprio_get'], action: 'SCMP_ACT_ERRNO', args: [{ index: 0, value: 3, op: 'SCMP_CMP_LT' }] },
    { names: ['ioprio_set'], action: 'SCMP_ACT_ERRNO', args: [{ index: 0, value: 0x2_0000_0000, op: 'SCMP_CMP_LE' }] },
    { names: ['mlock'], action: 'SCMP_ACT_ERRNO', args: [{ index: 1, value: 4096, op: 'SCMP_CMP_GT' }] },
    { names: ['munlock'], action: 'SCMP_ACT_ERRNO', args: [{ index: 1, value: 4096, op: 'SCMP_CMP_GE' }] },
    { names: ['mlock2'], action: 'SCMP_ACT_ERRNO', args: [{ index: 2, value: 0xf0, valueTwo: 0x10, op: 'SCMP_CMP_MASKED_EQ' }] },
    // Two conditions on one argument: runc adds them as two rules (either one denies).
    { names: ['kcmp'], action: 'SCMP_ACT_ERRNO', args: [{ index: 2, value: 1, op: 'SCMP_CMP_EQ' }, { index: 2, value: 4, op: 'SCMP_CMP_EQ' }] },
    // Conditions on two arguments: one rule, both must hold.
    { names: ['sched_setattr'], action: 'SCMP_ACT_KILL_PROCESS', args: [{ index: 0, value: 1, op: 'SCMP_CMP_EQ' }, { index: 2, value: 7, op: 'SCMP_CMP_GT' }] },
    { names: ['acct'], action: 'SCMP_ACT_TRAP' },
    { names: ['vhangup'], action: 'SCMP_ACT_ALLOW' }
  ]
}

const started: string[] = []
let report: SeccompFiltersReport
let daemonVersion: string
let profileDir: string
const ids = { standard: '', operators: '' }

beforeAll(async () => {
  profileDir = mkdtempSync(join(tmpdir(), 'glasshouse-seccomp-ops-'))
  const profile = join(profileDir, 'operators.json')
  writeFileSync(profile, JSON.stringify(OPERATORS_PROFILE))
  const tag = `${process.pid}-${Date.now()}`
  ids.standard = runContainer(`gh-seccomp-version-${tag}`, [])
  started.push(ids.standard)
  ids.operators = runContainer(`gh-seccomp-operators-${tag}`, ['--security-opt', `seccomp=${profile}`])
  started.push(ids.operators)
  daemonVersion = docker('version', '--format', '{{.Server.Version}}')
  const { stdout } = await glasshouse(['snapshot', '--json', '--seccomp-filters'])
  report = (JSON.parse(stdout) as { seccompFilters: SeccompFiltersReport }).seccompFilters
})

afterAll(() => {
  removeContainers(started)
  rmSync(profileDir, { recursive: true, force: true })
})

const chainOf = (id: string) => report.chains.find((c) => c.fingerprint === report.containers.find((r) => r.containerId === id)?.fingerprint)

describe("Docker's default profile by release", () => {
  it("names the default container's live filter with the release range that holds the daemon's version", () => {
    const chain = chainOf(ids.standard)
    const own = nearestKnownVersion(daemonVersion)
    expect(own).toBeDefined()
    expect(chain?.match).toBe('docker-default')
    expect(chain?.dockerDefault).toMatchObject({ matched: true, why: 'matched', abi: 'x86_64' })
    expect(chain?.dockerDefault?.versions).toContain(own)
    expect(chain?.label).toBe(`Docker's default profile (${chain?.dockerDefault?.label})`)
    expect(chain?.label).toMatch(/^Docker's default profile \(Docker \d+\.\d+/)
  })

  it('a custom profile is compared with the default of the daemon release', () => {
    const chain = chainOf(ids.operators)
    expect(chain?.match).toBe('custom')
    expect(chain?.dockerDefault).toMatchObject({ matched: false, why: 'daemon' })
    expect(chain?.dockerDefault?.versions).toContain(nearestKnownVersion(daemonVersion))
  })
})

describe('the evaluator against runc and libseccomp on this host', () => {
  it.each(['x86_64', 'x32', 'i386'] as const)('every operator: the evaluated %s table equals the decoded live filter', (abi) => {
    const live = chainOf(ids.operators)?.decoded?.abis.find((a) => a.abi === abi)
    const evaluated = evaluateDockerProfile(OPERATORS_PROFILE, { capabilities: [], kernel: release(), hostArch: 'amd64' }).abis.find((a) => a.abi === abi)
    if (!live || !evaluated) throw new Error(`no ${abi}`)
    expect(verdictTable(evaluated)).toEqual(verdictTable(live))
  })
})
