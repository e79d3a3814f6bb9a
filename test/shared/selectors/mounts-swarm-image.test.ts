// Issue 15 selectors on a captured snapshot with edits: mount findings, the masked-path check, the
// swarm join (tasks → containers, secrets → mountinfo) and an image's steps matched to its layers.
import { describe, expect, it } from 'vitest'
import type { ContainerInfo, ImageDetails, KernelMount, SwarmActive } from '../../../shared/model'
import { findingsFor } from '../../../shared/selectors/findings'
import { imageSummary } from '../../../shared/selectors/image'
import { mountFindings } from '../../../shared/selectors/mounts-findings'
import { protectedPaths } from '../../../shared/selectors/mounts-protection'
import { durationText, modeText, swarmServices } from '../../../shared/selectors/swarm'
import { applyPatch, diffSnapshots } from '../../../shared/snapshot-patch'
import { byName, loadVaried } from './fixture'

const mount = (over: Partial<KernelMount>): KernelMount => ({ mountPoint: '/', fsType: 'overlay', source: 'overlay', root: '/', readOnly: false, kind: 'root', ...over })

function withMounts(c: ContainerInfo, mounts: KernelMount[], declared: { source: string; destination: string; readOnly: boolean }[] = []): ContainerInfo {
  return { ...c, mounts, declared: c.declared && { ...c.declared, mounts: declared.map((d) => ({ type: 'bind', ...d })) } }
}

describe('mount findings', () => {
  it("flags the host's / and /etc (high), a writable host path (medium), and reads the host path from the declaration", () => {
    const web = byName(loadVaried(), 'web')
    const c = withMounts(
      web,
      [
        mount({}),
        mount({ mountPoint: '/host', fsType: 'ext4', source: '/dev/vda', root: '/', readOnly: true, kind: 'bind' }),
        mount({ mountPoint: '/cfg', fsType: 'ext4', source: '/dev/vda', root: '/etc', readOnly: false, kind: 'bind' }),
        // /tmp is its own tmpfs on the host: mountinfo's root is relative to it, the declaration names the host path.
        mount({ mountPoint: '/work', fsType: 'tmpfs', source: 'tmpfs', root: '/gh-x', readOnly: false, kind: 'bind' }),
        mount({ mountPoint: '/ro', fsType: 'ext4', source: '/dev/vda', root: '/srv', readOnly: true, kind: 'bind' })
      ],
      [
        { source: '/', destination: '/host', readOnly: true },
        { source: '/etc', destination: '/cfg', readOnly: false },
        { source: '/tmp/gh-x', destination: '/work', readOnly: false },
        { source: '/srv', destination: '/ro', readOnly: true }
      ]
    )
    expect(mountFindings(c).map((f) => [f.kind, f.severity, f.detail])).toEqual([
      ['host-root-bound', 'high', '/host'],
      ['host-root-bound', 'high', '/cfg'],
      ['host-path-writable', 'medium', '/work']
    ])
    expect(mountFindings(c)[2]?.evidence).toBe('mount /tmp/gh-x → /work (writable)')
  })

  it('flags a secret also given as an environment variable, not the NAME_FILE pattern', () => {
    const web = byName(loadVaried(), 'web')
    const secretMount = mount({ mountPoint: '/run/secrets/db_password', fsType: 'tmpfs', source: 'tmpfs', root: '/abc', readOnly: true, kind: 'secret' })
    const extra = { maskedPaths: [], readonlyPaths: [], imageRef: '', imageId: '', propagation: {} }
    const leaky = { ...withMounts(web, [mount({}), secretMount]), declaredExtra: { ...extra, envNames: ['PATH', 'DB_PASSWORD'] } }
    const safe = { ...withMounts(web, [mount({}), secretMount]), declaredExtra: { ...extra, envNames: ['PATH', 'DB_PASSWORD_FILE'] } }
    expect(mountFindings(leaky).map((f) => [f.kind, f.evidence])).toEqual([['secret-in-env', 'file /run/secrets/db_password and variable DB_PASSWORD']])
    expect(mountFindings(safe)).toEqual([])
    expect(findingsFor(loadVaried(), leaky).map((f) => f.kind)).toContain('secret-in-env')
  })
})

describe('masked and read-only kernel files', () => {
  it('holds when masked by /dev/null or an empty tmpfs, or mounted read-only; a missing or writable one does not', () => {
    const web = byName(loadVaried(), 'web')
    const c: ContainerInfo = {
      ...web,
      declaredExtra: { maskedPaths: ['/proc/keys', '/proc/acpi', '/proc/kcore'], readonlyPaths: ['/proc/sys', '/proc/bus'], envNames: [], imageRef: '', imageId: '', propagation: {} },
      mounts: [
        mount({ mountPoint: '/proc/keys', fsType: 'tmpfs', root: '/null', kind: 'masked' }),
        mount({ mountPoint: '/proc/acpi', fsType: 'tmpfs', readOnly: true, kind: 'masked' }),
        mount({ mountPoint: '/proc/sys', fsType: 'proc', root: '/sys', readOnly: true, kind: 'system' }),
        mount({ mountPoint: '/proc/bus', fsType: 'proc', root: '/bus', readOnly: false, kind: 'system' })
      ]
    }
    expect(protectedPaths(c).map((p) => [p.path, p.wants, p.holds])).toEqual([
      ['/proc/keys', 'masked', 'holds'],
      ['/proc/acpi', 'masked', 'holds'],
      ['/proc/kcore', 'masked', 'missing'],
      ['/proc/sys', 'read-only', 'holds'],
      ['/proc/bus', 'read-only', 'missing']
    ])
    expect(protectedPaths({ ...c, mounts: null }).every((p) => p.holds === 'unknown')).toBe(true)
  })
})

describe('the swarm join', () => {
  it('joins a task to its container and checks each secret and config target in the mount table', () => {
    const snapshot = loadVaried()
    const web = byName(snapshot, 'web')
    web.mounts = [
      mount({}),
      mount({ mountPoint: '/run/secrets/pw', fsType: 'tmpfs', source: 'tmpfs', root: '/sec1', readOnly: true, kind: 'secret' })
    ]
    const swarm: SwarmActive = {
      state: 'active', nodeId: 'n1', nodeAddr: '127.0.0.1', isManager: true, clusterId: 'cl', managers: 1, nodeCount: 1,
      posture: { nodeCertValiditySeconds: 7_776_000, nodeCert: null, certProblem: null, rootCaNotAfter: null, rootRotationInProgress: false, forceRotate: 0, externalCas: 0, autolock: false, raftEncrypted: true, raftEvidence: '' },
      nodes: [],
      services: [{ id: 's1', name: 'api', image: 'busybox', mode: 'replicated', replicas: 1, envNames: ['PW'], secrets: [{ id: 'sec1', name: 'pw', target: '/run/secrets/pw', uid: '0', gid: '0', mode: 0o400 }], configs: [{ id: 'cfg1', name: 'conf', target: '/etc/conf', uid: '0', gid: '0', mode: 0o444 }] }],
      tasks: [
        { id: 'old', serviceId: 's1', slot: 1, nodeId: 'n1', state: 'shutdown', desiredState: 'shutdown', message: '', containerId: 'f'.repeat(64) },
        { id: 't1', serviceId: 's1', slot: 1, nodeId: 'n1', state: 'running', desiredState: 'running', message: '', containerId: web.id }
      ],
      secrets: [], configs: [], problems: []
    }
    const [row] = swarmServices(snapshot, swarm)
    expect(row?.tasks.map((t) => [t.task.id, t.container?.name ?? null])).toEqual([['t1', 'web'], ['old', null]])
    expect(row?.tasks[0]?.files.map((f) => [f.type, f.kernel, f.alsoInEnv])).toEqual([
      ['secret', { fsType: 'tmpfs', readOnly: true, byId: true }, 'PW'],
      ['config', null, null]
    ])
    expect(modeText(0o400)).toBe('r-------- (0400)')
    expect(durationText(7_776_000)).toBe('3 months (90 days)')
  })

  it('travels in a live patch, and leaves when the engine leaves the swarm', () => {
    const before = loadVaried()
    const after = { ...before, swarm: { state: 'inactive' as const, error: null } }
    const patch = diffSnapshots(before, after)
    expect(applyPatch(before, patch).swarm).toEqual({ state: 'inactive', error: null })
    const gone = diffSnapshots(after, before)
    expect(gone.swarm).toBeNull()
    expect('swarm' in applyPatch(after, gone)).toBe(false)
  })
})

describe('image steps and layers', () => {
  const details: ImageDetails = {
    id: 'sha256:img', tags: ['app:1'], repoDigests: [], sizeBytes: 2_133_947, createdAt: null,
    layers: ['sha256:base', 'sha256:run1', 'sha256:run2'],
    reference: { text: 'app:1', byDigest: false },
    history: [
      { id: 'sha256:4', createdAt: null, createdBy: '/bin/sh -c #(nop)  CMD ["sleep" "3600"]', sizeBytes: 0, comment: '', tags: ['app:1'] },
      { id: 'sha256:3', createdAt: null, createdBy: '/bin/sh -c dd if=/dev/zero of=/data/b bs=1k count=50', sizeBytes: 51_200, comment: '', tags: [] },
      { id: 'sha256:2', createdAt: null, createdBy: '/bin/sh -c mkdir -p /data', sizeBytes: 100_400, comment: '', tags: [] },
      { id: 'sha256:1', createdAt: null, createdBy: '', sizeBytes: 1_982_347, comment: 'Imported from -', tags: [] }
    ]
  }

  it('ties each step that wrote a layer to its RootFS digest, bottom up, and says what trust can be known', () => {
    const summary = imageSummary({ ...byName(loadVaried(), 'web'), imageDetails: details })
    expect(summary?.steps.map((s) => [s.instruction, s.layer])).toEqual([
      ['CMD ["sleep" "3600"]', null],
      ['RUN dd if=/dev/zero of=/data/b bs=1k count=50', 'sha256:run2'],
      ['RUN mkdir -p /data', 'sha256:run1'],
      ['Imported from -', 'sha256:base']
    ])
    expect(summary?.historyBytes).toBe(2_133_947)
    expect(summary?.trust.verdict).toBe('local')
    const pinned = imageSummary({ ...byName(loadVaried(), 'web'), imageDetails: { ...details, repoDigests: ['app@sha256:' + 'a'.repeat(64)], reference: { text: 'app@sha256:' + 'a'.repeat(64), byDigest: true } } })
    expect(pinned?.trust.verdict).toBe('pinned')
  })
})
