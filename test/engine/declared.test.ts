import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type Docker from 'dockerode'
import { describe, expect, it } from 'vitest'
import { declaredFromInspect } from '../../main/engine/declared'
import type { DeclaredConfig } from '../../shared/model'

const FIXTURES = join(__dirname, '../fixtures/engine')

function inspect(scenario: string): Docker.ContainerInspectInfo {
  return JSON.parse(readFileSync(join(FIXTURES, `inspect-${scenario}.json`), 'utf8')) as Docker.ContainerInspectInfo
}

/** The default fixture with HostConfig (and Config, Mounts) fields replaced. */
function variant(
  hostConfig: Record<string, unknown>,
  extra: Partial<Record<'Config' | 'Mounts', unknown>> = {}
): Docker.ContainerInspectInfo {
  const base = inspect('default')
  return { ...base, ...extra, HostConfig: { ...base.HostConfig, ...hostConfig } } as Docker.ContainerInspectInfo
}

/** What Docker 20.10 declares for a plain `docker run`. */
const DEFAULT_20_10: DeclaredConfig = {
  privileged: false,
  capAdd: [],
  capDrop: [],
  seccomp: 'default',
  seccompProfile: null,
  noNewPrivileges: false,
  readOnlyRootfs: false,
  user: '',
  pidMode: '',
  networkMode: 'default',
  ipcMode: 'private',
  utsMode: '',
  usernsMode: '',
  cgroupnsMode: 'host',
  securityOpt: [],
  resources: { memoryBytes: null, memorySwapBytes: null, cpuQuotaCores: null, cpusetCpus: null, pidsMax: null, cpuShares: null, oomKillDisable: false },
  mounts: []
}

const CUSTOM_PROFILE = {
  defaultAction: 'SCMP_ACT_ALLOW',
  syscalls: [{ names: ['mkdir', 'mkdirat'], action: 'SCMP_ACT_ERRNO' }]
}

describe('declaredFromInspect on responses recorded from Docker 20.10', () => {
  const expected: Record<string, Partial<DeclaredConfig>> = {
    default: {},
    exited: {},
    created: {},
    'cap-drop-all-user': { capDrop: ['ALL'], user: '1000:1000' },
    // Sent as ['net_admin','sys_time'] through the raw API and stored verbatim.
    'cap-add-lowercase': { capAdd: ['CAP_NET_ADMIN', 'CAP_SYS_TIME'] },
    'seccomp-unconfined': { seccomp: 'unconfined', securityOpt: ['seccomp=unconfined'] },
    'seccomp-unconfined-colon': { seccomp: 'unconfined', securityOpt: ['seccomp:unconfined'] },
    'seccomp-custom': {
      seccomp: 'custom',
      seccompProfile: CUSTOM_PROFILE,
      securityOpt: [`seccomp=${JSON.stringify(CUSTOM_PROFILE)}`]
    },
    'no-new-privileges': { noNewPrivileges: true, securityOpt: ['no-new-privileges'] },
    'no-new-privileges-false': { noNewPrivileges: false, securityOpt: ['no-new-privileges=false'] },
    resources: {
      // --memory 64m --cpus 0.5 --cpuset-cpus 0 --pids-limit 50; swap defaulted by the daemon to 2× memory.
      resources: { memoryBytes: 64 * 1024 * 1024, memorySwapBytes: 128 * 1024 * 1024, cpuQuotaCores: 0.5, cpusetCpus: '0', pidsMax: 50, cpuShares: null, oomKillDisable: false }
    },
    'cpu-quota': {
      resources: { memoryBytes: null, memorySwapBytes: null, cpuQuotaCores: 1.5, cpusetCpus: null, pidsMax: null, cpuShares: null, oomKillDisable: false }
    },
    'pid-host': { pidMode: 'host', securityOpt: ['label=disable'] },
    'ipc-shareable': { ipcMode: 'shareable' },
    'read-only': { readOnlyRootfs: true },
    // Privileged gets no seccomp filter from Docker, and the daemon adds label=disable.
    'privileged-created': { privileged: true, seccomp: 'unconfined', securityOpt: ['label=disable'] }
  }

  for (const [scenario, differences] of Object.entries(expected)) {
    it(`${scenario}`, () => {
      expect(declaredFromInspect(inspect(scenario))).toEqual({ ...DEFAULT_20_10, ...differences })
    })
  }

  it('shared-ns: net, ipc and pid all name the --ipc shareable container by id', () => {
    const other = `container:${inspect('ipc-shareable').Id}`
    expect(declaredFromInspect(inspect('shared-ns'))).toEqual({
      ...DEFAULT_20_10,
      pidMode: other,
      networkMode: other,
      ipcMode: other
    })
  })

  it('mounts: a read-only bind, a tmpfs and an anonymous volume', () => {
    const declared = declaredFromInspect(inspect('mounts'))
    expect(declared).toEqual({ ...DEFAULT_20_10, mounts: declared.mounts })
    expect(declared.mounts).toEqual([
      { type: 'bind', source: expect.stringMatching(/^\/tmp\/.+\/bind$/), destination: '/data', readOnly: true },
      { type: 'tmpfs', source: '', destination: '/scratch', readOnly: false },
      {
        type: 'volume',
        source: expect.stringMatching(/^\/var\/lib\/docker\/volumes\/[0-9a-f]{64}\/_data$/),
        destination: '/cache',
        readOnly: false
      }
    ])
  })
})

describe('declaredFromInspect on the hand-made Docker 29 response', () => {
  it('keeps NetworkMode bridge and CgroupnsMode private as the daemon reports them', () => {
    expect(declaredFromInspect(inspect('docker29-default'))).toEqual({
      ...DEFAULT_20_10,
      networkMode: 'bridge',
      cgroupnsMode: 'private'
    })
  })
})

describe('declaredFromInspect edge cases', () => {
  it('normalises capability spellings and removes duplicates, in bit order', () => {
    const declared = declaredFromInspect(variant({ CapAdd: ['net_admin', 'chown', 'CAP_CHOWN', 'Sys_Admin'], CapDrop: ['mknod', 'CAP_MKNOD'] }))
    expect(declared.capAdd).toEqual(['CAP_CHOWN', 'CAP_NET_ADMIN', 'CAP_SYS_ADMIN'])
    expect(declared.capDrop).toEqual(['CAP_MKNOD'])
  })

  it('keeps ALL as ALL, first', () => {
    const declared = declaredFromInspect(variant({ CapAdd: ['CAP_KILL', 'all'], CapDrop: ['ALL'] }))
    expect(declared.capAdd).toEqual(['ALL', 'CAP_KILL'])
    expect(declared.capDrop).toEqual(['ALL'])
  })

  it.each([
    [['no-new-privileges=true'], true],
    [['no-new-privileges:true'], true],
    [['no-new-privileges=1'], true],
    [['no-new-privileges=false'], false],
    [['no-new-privileges', 'no-new-privileges=false'], false],
    [['no-new-privileges=false', 'no-new-privileges'], true],
    [['label=disable'], false]
  ])('no-new-privileges from %j → %s', (securityOpt, value) => {
    expect(declaredFromInspect(variant({ SecurityOpt: securityOpt })).noNewPrivileges).toBe(value)
  })

  it.each([
    [['seccomp=builtin'], 'default'],
    [['seccomp='], 'default'],
    [['seccomp:unconfined'], 'unconfined'],
    [['label=disable', 'seccomp=unconfined'], 'unconfined'],
    [['seccomp=unconfined', 'seccomp=builtin'], 'default']
  ] as const)('seccomp from %j → %s', (securityOpt, mode) => {
    const declared = declaredFromInspect(variant({ SecurityOpt: securityOpt }))
    expect(declared.seccomp).toBe(mode)
    expect(declared.seccompProfile).toBeNull()
    expect(declared.securityOpt).toEqual(securityOpt)
  })

  it('parses an inline profile sent with the colon separator', () => {
    const declared = declaredFromInspect(variant({ SecurityOpt: ['seccomp:{"defaultAction":"SCMP_ACT_LOG"}'] }))
    expect(declared.seccomp).toBe('custom')
    expect(declared.seccompProfile).toEqual({ defaultAction: 'SCMP_ACT_LOG' })
  })

  it('keeps a profile that is not JSON as the raw string', () => {
    const declared = declaredFromInspect(variant({ SecurityOpt: ['seccomp=/etc/docker/seccomp.json'] }))
    expect(declared.seccomp).toBe('custom')
    expect(declared.seccompProfile).toBe('/etc/docker/seccomp.json')
  })

  it('privileged: unconfined unless a profile was given explicitly', () => {
    expect(declaredFromInspect(variant({ Privileged: true, SecurityOpt: null })).seccomp).toBe('unconfined')
    const custom = declaredFromInspect(variant({ Privileged: true, SecurityOpt: ['seccomp={"defaultAction":"SCMP_ACT_ALLOW"}'] }))
    expect(custom.seccomp).toBe('custom')
    expect(custom.seccompProfile).toEqual({ defaultAction: 'SCMP_ACT_ALLOW' })
  })

  it('resources: unlimited and unset values become null', () => {
    const declared = declaredFromInspect(variant({ Memory: 0, MemorySwap: -1, PidsLimit: -1, CpusetCpus: '', NanoCpus: 0, CpuQuota: -1 }))
    expect(declared.resources).toEqual({ memoryBytes: null, memorySwapBytes: null, cpuQuotaCores: null, cpusetCpus: null, pidsMax: null, cpuShares: null, oomKillDisable: false })
    expect(declaredFromInspect(variant({ PidsLimit: 0 })).resources.pidsMax).toBeNull()
  })

  it('resources: CpuQuota without a period uses the 100 ms default; NanoCpus wins over CpuQuota', () => {
    expect(declaredFromInspect(variant({ CpuQuota: 25_000, CpuPeriod: 0 })).resources.cpuQuotaCores).toBe(0.25)
    expect(declaredFromInspect(variant({ CpuQuota: 50_000, CpuPeriod: 50_000 })).resources.cpuQuotaCores).toBe(1)
    expect(declaredFromInspect(variant({ NanoCpus: 2e9, CpuQuota: 25_000, CpuPeriod: 100_000 })).resources.cpuQuotaCores).toBe(2)
  })

  it('an API older than 1.41 has no CgroupnsMode: empty string', () => {
    const base = inspect('default')
    const hostConfig: Record<string, unknown> = { ...base.HostConfig }
    delete hostConfig.CgroupnsMode
    expect(declaredFromInspect({ ...base, HostConfig: hostConfig } as Docker.ContainerInspectInfo).cgroupnsMode).toBe('')
  })

  it('tolerates null lists and a missing Config', () => {
    const declared = declaredFromInspect(
      variant({ CapAdd: null, CapDrop: null, SecurityOpt: null }, { Mounts: null, Config: undefined })
    )
    expect(declared).toMatchObject({ capAdd: [], capDrop: [], securityOpt: [], mounts: [], user: '' })
  })
})

describe('--cpu-shares and --oom-kill-disable', () => {
  it('reads CpuShares (0 = not set) and OomKillDisable (null = not set)', () => {
    expect(declaredFromInspect(variant({ CpuShares: 512, OomKillDisable: true })).resources).toMatchObject({ cpuShares: 512, oomKillDisable: true })
    expect(declaredFromInspect(variant({ CpuShares: 0, OomKillDisable: null })).resources).toMatchObject({ cpuShares: null, oomKillDisable: false })
  })
})
