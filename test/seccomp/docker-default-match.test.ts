// Naming a chain by Docker release and choosing the default to compare it with: the dumped 20.10.24
// filter is named with its release range, a custom filter is compared with the daemon's own release,
// an older libseccomp's rendering still counts as the release, and an aarch64 container gets an aarch64 diff.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SECCOMP_RET } from '../../shared/seccomp/actions'
import { BPF_CLASS as C, BPF_JMP_OP as J, BPF_MODE as M, BPF_RVAL as R, BPF_SIZE as S, jump, parseSockFilter, stmt } from '../../shared/seccomp/bpf-insn'
import { compareWithDefault, defaultReferenceText, defaultTableFor, defaultTitleFor, verdictTable } from '../../shared/seccomp/compare'
import { decodeChain } from '../../shared/seccomp/decode-chain'
import { dockerDefaultProfiles, versionRanges } from '../../shared/seccomp/docker-default-catalog'
import { defaultGroups, matchDefault, nearestKnownVersion } from '../../shared/seccomp/docker-default-match'
import { nameChain, type NamingSnapshot } from '../../shared/seccomp/docker-default-naming'
import { evaluateDockerProfile } from '../../shared/seccomp/docker-profile-eval'
import { DOCKER_DEFAULT_CAPABILITIES, type DockerSeccompProfile, type ProfileContext } from '../../shared/seccomp/docker-profile-types'
import { groupByFamily } from '../../shared/seccomp/family-groups'
import { AUDIT_ARCH } from '../../shared/seccomp/seccomp-data'
import type { AbiDecoding, ChainDecoding } from '../../shared/seccomp/verdict'

const fixtures = join(import.meta.dirname, '../fixtures/seccomp')
const dumped = (file: string): ChainDecoding => decodeChain([parseSockFilter(new Uint8Array(readFileSync(join(fixtures, file))))])
const x86 = (d: ChainDecoding): AbiDecoding => d.abis.find((a) => a.abi === 'x86_64') as AbiDecoding
const AMD64: ProfileContext = { capabilities: DOCKER_DEFAULT_CAPABILITIES, kernel: '6.18.44-fc-v1300', hostArch: 'amd64' }
const ARM64: ProfileContext = { ...AMD64, hostArch: 'arm64' }
const profileOf = (release: string): DockerSeccompProfile => dockerDefaultProfiles().find((p) => p.versions.includes(release))?.profile as DockerSeccompProfile

describe('the catalog', () => {
  it('holds every release from 20.10.0 to 29.7.2, each profile as moby shipped it', () => {
    const all = dockerDefaultProfiles().flatMap((p) => p.versions)
    expect(all).toContain('20.10.0')
    expect(all).toContain('23.0.0')
    expect(all).toContain('24.0.9')
    expect(all).toContain('26.1.5')
    expect(all).toContain('27.5.1')
    expect(all).toContain('28.5.2')
    expect(all).toContain('29.7.2')
    const sources = JSON.parse(readFileSync(join(fixtures, 'docker-profiles/sources.json'), 'utf8')) as { profiles: { file: string; tags: string[] }[] }
    for (const src of sources.profiles) {
      const raw = JSON.parse(readFileSync(join(fixtures, 'docker-profiles', src.file), 'utf8')) as DockerSeccompProfile
      const packed = profileOf(src.tags[0] as string)
      for (const context of [AMD64, ARM64, { ...AMD64, capabilities: [...DOCKER_DEFAULT_CAPABILITIES, 'CAP_SYS_ADMIN', 'CAP_SYS_PTRACE'] }]) {
        const [a, b] = [raw, packed].map((p) => evaluateDockerProfile(p, context).abis.map(verdictTable))
        expect(b).toEqual(a)
      }
    }
  })
  it('writes release sets as ranges, a series ending in x', () => {
    expect(versionRanges(['25.0.3', '25.0.4', '25.0.5', '25.0.6', '25.0.7', '25.0.8', '25.0.9', '25.0.10', '25.0.11', '25.0.12', '25.0.13', '25.0.14', '25.0.15', '25.0.16', '25.0.17'])).toBe('25.0.3–25.x')
    expect(versionRanges(['20.10.22'])).toBe('20.10.22')
    const groups = defaultGroups(AMD64).map((g) => g.label)
    expect(groups).toContain('Docker 25.0.3–28.1.1')
    // 28.2 allows mseal, listmount, statmount, the *xattrat calls and uretprobe; 29.4.2 also refuses AF_ALG sockets.
    expect(groups).toContain('Docker 28.2.0–29.4.1')
    expect(groups).toContain('Docker 29.4.2–29.x')
    expect(groups).toContain('Docker 20.10.18–20.10.21, 20.10.23–20.10.25')
    expect(groups).toContain('Docker 20.10.26–20.10.x')
  })
})

describe('matching a live chain', () => {
  it("names the filter dumped under Docker 20.10.24 with its releases", () => {
    const found = matchDefault(x86(dumped('docker-default-20.10.bpf')), AMD64, '20.10.24+dfsg1')
    expect(found.matched?.label).toBe('Docker 20.10.18–20.10.21, 20.10.23–20.10.25')
    expect(found.referenceWhy).toBe('matched')
    expect(found.syscallHorizon).toBeUndefined()
  })
  it('compares a custom filter with the daemon release, else the nearest default', () => {
    const custom = x86(dumped('custom-chmod-mkdir-reboot-20.10.bpf'))
    expect(matchDefault(custom, AMD64, '20.10.24+dfsg1')).toMatchObject({ matched: null, referenceWhy: 'daemon', reference: { label: 'Docker 20.10.18–20.10.21, 20.10.23–20.10.25' } })
    expect(matchDefault(custom, AMD64, '26.1.4')).toMatchObject({ referenceWhy: 'daemon', reference: { label: 'Docker 25.0.3–28.1.1' } })
    // A release newer than the catalog stands for the newest it knows.
    expect(nearestKnownVersion('28.0.1')).toBe('28.0.1')
    expect(nearestKnownVersion('30.1.0')).toBe('29.7.2')
    // Older than the catalog: no release stands for it.
    expect(nearestKnownVersion('19.03.15')).toBeUndefined()
    // Podman's version is no Docker release: the closest default by verdicts is used instead.
    expect(nearestKnownVersion('4.9.3')).toBeUndefined()
    expect(matchDefault(custom, AMD64, '4.9.3').referenceWhy).toBe('nearest')
    expect(matchDefault(custom, AMD64, null)).toMatchObject({ matched: null, referenceWhy: 'nearest' })
  })
  it('counts a rendering by an older libseccomp (cachestat and later unknown) as the release too', () => {
    const olderRuntime = evaluateDockerProfile(profileOf('27.5.1'), { ...AMD64, syscallHorizon: 450 }).abis[0] as AbiDecoding
    expect(verdictTable(olderRuntime).cachestat).toBe('ERRNO(38 ENOSYS)')
    const found = matchDefault(olderRuntime, AMD64, '27.5.1')
    // 25.0.0 to 25.0.2 did not list cachestat and later at all: their default renders to the same filter.
    expect(found.matched?.label).toBe('Docker 25.0–28.1.1')
    expect(found.syscallHorizon).toBe(450)
    expect(matchDefault(olderRuntime, AMD64, '25.0.1').syscallHorizon).toBeUndefined()
  })
})

describe('naming a chain from the snapshot', () => {
  const snapshot = (bounding: string[]): NamingSnapshot =>
    ({ containers: [], processes: [{ pid: 42, capabilities: { bounding } }], host: { kernel: '6.18.44-fc-v1300' }, engine: { reachable: true, version: '20.10.24+dfsg1' } }) as unknown as NamingSnapshot
  it("the default container's chain: Docker's default profile with its release range", () => {
    const named = nameChain('docker-default', dumped('docker-default-20.10.bpf'), 42, snapshot([...DOCKER_DEFAULT_CAPABILITIES]))
    expect(named.match).toBe('docker-default')
    expect(named.label).toBe("Docker's default profile (Docker 20.10.18–20.10.21, 20.10.23–20.10.25)")
    expect(named.dockerDefault).toMatchObject({ matched: true, abi: 'x86_64', why: 'matched' })
  })
  it('the same filter read from a container with CAP_SYS_ADMIN is not its default', () => {
    const named = nameChain('docker-default-variant', dumped('docker-default-20.10.bpf'), 42, snapshot([...DOCKER_DEFAULT_CAPABILITIES, 'CAP_SYS_ADMIN']))
    expect(named.match).toBe('docker-default-variant')
    expect(named.label).toBeUndefined()
    expect(named.dockerDefault?.why).toBe('daemon')
    // Against the default for its capabilities, mount and unshare are what this filter blocks.
    const vs = compareWithDefault(x86(dumped('docker-default-20.10.bpf')), named.dockerDefault?.table)
    expect(vs.blocksAllowed).toEqual(expect.arrayContaining(['mount', 'unshare', 'setns']))
    expect(vs.allowsBlocked).toEqual([])
  })
})

describe('aarch64', () => {
  // Hand-written from default.json (v25.0.3+) for arm64 with the default capabilities: aarch64 has no open,
  // no arch_prctl; mount and unshare are denied, clone and personality depend on their first argument.
  const HAND_WRITTEN: Record<string, string> = {
    openat: 'ALLOW',
    read: 'ALLOW',
    ptrace: 'ALLOW',
    mount: 'ERRNO(1 EPERM)',
    umount2: 'ERRNO(1 EPERM)',
    unshare: 'ERRNO(1 EPERM)',
    reboot: 'ERRNO(1 EPERM)',
    keyctl: 'ERRNO(1 EPERM)',
    clone3: 'ERRNO(38 ENOSYS)',
    io_uring_setup: 'ERRNO(1 EPERM)',
    cachestat: 'ALLOW',
    clone: 'depends: ALLOW when flags args[0] & 0x7e020000 == 0x0 (CLONE_NEWNS|CLONE_NEWCGROUP|CLONE_NEWUTS|CLONE_NEWIPC|CLONE_NEWUSER|CLONE_NEWPID|CLONE_NEWNET) | ERRNO(1 EPERM) when flags args[0] & 0x7e020000 != 0x0 (CLONE_NEWNS|CLONE_NEWCGROUP|CLONE_NEWUTS|CLONE_NEWIPC|CLONE_NEWUSER|CLONE_NEWPID|CLONE_NEWNET)',
    socket: 'depends: ALLOW when domain args[0] != 0x28 or domain args[0].hi != 0x0 | ERRNO(1 EPERM) when domain args[0] == 0x28'
  }
  const reference = defaultGroups(ARM64).find((g) => g.label === 'Docker 25.0.3–28.1.1')
  it('the evaluated aarch64 default says what the profile says', () => {
    if (!reference) throw new Error('no group')
    expect(reference.abi).toBe('aarch64')
    for (const [name, key] of Object.entries(HAND_WRITTEN)) expect([name, reference.table[name]]).toEqual([name, key])
    expect(reference.table.open).toBeUndefined()
    expect(reference.table.arch_prctl).toBeUndefined()
  })

  it('an aarch64 filter that allows all but keyctl: the diff names what the default blocks, and keyctl agrees', () => {
    const ld = (k: number) => stmt(C.LD | S.W | M.ABS, k)
    const ret = (k: number) => stmt(C.RET | R.K, k)
    // aarch64 only (anything else killed); keyctl (219 on aarch64) fails with EPERM; the rest is allowed.
    const program = [ld(4), jump(C.JMP | J.JEQ, AUDIT_ARCH.AARCH64, 1, 0), ret(SECCOMP_RET.KILL_PROCESS), ld(0), jump(C.JMP | J.JEQ, 219, 0, 1), ret(SECCOMP_RET.ERRNO | 1), ret(SECCOMP_RET.ALLOW)]
    const decoded = decodeChain([program])
    const arm = {
      containers: [],
      processes: [{ pid: 7, capabilities: { bounding: [...DOCKER_DEFAULT_CAPABILITIES] } }],
      host: { kernel: '6.8.0' },
      engine: { reachable: true, version: '27.3.1' }
    } as unknown as NamingSnapshot
    const named = nameChain('custom', decoded, 7, arm)
    expect(named).toMatchObject({ match: 'custom', dockerDefault: { abi: 'aarch64', why: 'daemon', label: 'Docker 25.0.3–28.1.1', matched: false } })
    const aarch64 = decoded.abis.find((a) => a.abi === 'aarch64') as AbiDecoding
    const vs = compareWithDefault(aarch64, named.dockerDefault?.table)
    expect(vs.allowsBlocked).toEqual(expect.arrayContaining(['mount', 'umount2', 'unshare', 'reboot', 'io_uring_setup']))
    expect(vs.allowsBlocked).not.toContain('open')
    // clone is allowed by the default for some flags: not "blocked", but a difference.
    expect(vs.allowsBlocked).not.toContain('clone')
    expect(vs.differences.map((d) => d.name)).toContain('clone')
    expect(vs.blocksAllowed).toEqual([])
    expect(vs.differences.map((d) => d.name)).not.toContain('keyctl')
  })
})

describe('the words for the default a diff is against', () => {
  const abi = x86(dumped('custom-chmod-mkdir-reboot-20.10.bpf'))
  it("names the release and why it was chosen; without one, Docker's default as shipped before", () => {
    const daemon = { dockerDefault: { matched: false, label: 'Docker 25.0.3–28.1.1', versions: ['27.5.1'], why: 'daemon' as const, abi: 'x86_64' as const, table: {} } }
    expect(defaultReferenceText(daemon, abi)).toBe("Docker's default profile in Docker 25.0.3–28.1.1 (the daemon's release)")
    expect(defaultTitleFor(daemon, abi)).toBe('Docker 25.0.3–28.1.1 default')
    expect(defaultReferenceText({ dockerDefault: { ...daemon.dockerDefault, why: 'nearest' } }, abi)).toMatch(/\(the closest; the daemon release is unknown\)$/)
    expect(defaultReferenceText({}, abi)).toBe("Docker's default profile")
    // A default of another ABI is not used for this one.
    expect(defaultTableFor({ dockerDefault: { ...daemon.dockerDefault, abi: 'aarch64' } }, abi)).toBeUndefined()
  })
})

describe('families marked against the chain’s own default', () => {
  it('pkey_* are blocked by 20.10’s default and allowed by 23.0 and later; io_uring is blocked from 25.0 on', () => {
    const custom = x86(dumped('custom-chmod-mkdir-reboot-20.10.bpf'))
    const blockedBy = (reference?: Record<string, string>) => new Set(groupByFamily(custom, reference).filter((g) => g.defaultBlocks).map((g) => g.family.id))
    expect(blockedBy().has('pkeys')).toBe(true)
    for (const label of ['Docker 25.0.3–28.1.1', 'Docker 29.4.2–29.x']) {
      const table = defaultGroups(AMD64).find((g) => g.label === label)?.table
      expect(table).toBeDefined()
      expect(blockedBy(table).has('pkeys')).toBe(false)
      expect(blockedBy(table).has('io-uring')).toBe(true)
      expect(blockedBy(table).has('mount')).toBe(true)
    }
  })
  it('the newest defaults: mseal and listmount allowed from 28.2, AF_ALG sockets refused from 29.4.2', () => {
    const table = (label: string): Record<string, string> => defaultGroups(AMD64).find((g) => g.label === label)?.table ?? {}
    const [r25, r28, r29] = ['Docker 25.0.3–28.1.1', 'Docker 28.2.0–29.4.1', 'Docker 29.4.2–29.x'].map(table)
    expect([r25?.mseal, r28?.mseal, r29?.mseal]).toEqual(['ERRNO(38 ENOSYS)', 'ALLOW', 'ALLOW'])
    expect([r25?.listmount, r28?.listmount]).toEqual(['ERRNO(38 ENOSYS)', 'ALLOW'])
    // AF_VSOCK (0x28) is refused by all three; AF_ALG (0x26) only from 29.4.2.
    expect(r28?.socket).toMatch(/ERRNO\(1 EPERM\) when domain args\[0\] == 0x28/)
    expect(r28?.socket).not.toMatch(/0x26/)
    expect(r29?.socket).toMatch(/ERRNO\(1 EPERM\) when .*domain args\[0\] >= 0x26/)
  })
  it('a default rendered for added capabilities is named as such', () => {
    const caps = [...DOCKER_DEFAULT_CAPABILITIES, 'CAP_SYS_PTRACE']
    const rendered = evaluateDockerProfile(profileOf('27.5.1'), { ...AMD64, capabilities: caps })
    const chain: ChainDecoding = { filterLengths: [1], unknownArch: rendered.unknownArch, abis: rendered.abis }
    const snap = { containers: [], processes: [{ pid: 3, capabilities: { bounding: caps } }], host: { kernel: '6.18.44' }, engine: { reachable: true, version: '27.5.1' } } as unknown as NamingSnapshot
    expect(nameChain('docker-default-variant', chain, 3, snap)).toMatchObject({
      match: 'docker-default-variant',
      label: "Docker's default profile (Docker 25.0.3–28.1.1), rendered for its capabilities"
    })
  })
})
