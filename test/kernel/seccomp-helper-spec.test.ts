// The short-lived seccomp helper's settings: the session helper's container plus SYS_ADMIN, no seccomp of
// its own and koffi bound in; said alike to dockerode and as a docker run command. A Node image (another
// kernel; it cannot run here, no registry) is refused with the reason, without asking the daemon.
import type Docker from 'dockerode'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { planHelperImage } from '../../main/kernel/helper-image-choice'
import { PINNED_NODE_IMAGE } from '../../main/kernel/helper-node-image'
import { helperSpecFor } from '../../main/kernel/helper-source'
import { createOptions, dockerRunCommand, helperSpec } from '../../main/kernel/helper-spec'
import { readFiltersThroughHelper } from '../../main/kernel/seccomp-helper-read'
import { HELPER_ROLE_LABEL, NODE_IMAGE_UNAVAILABLE, koffiBinds, seccompHelperNote, seccompHelperSpec } from '../../main/kernel/seccomp-helper-spec'
import { fromWire, toWire } from '../../main/kernel/seccomp-helper-wire'

const session = helperSpec({ helperScript: __filename })

describe('seccomp helper spec', () => {
  it('is the session helper plus SYS_ADMIN, seccomp=unconfined and koffi, with its own role label', () => {
    const spec = seccompHelperSpec(session)
    if ('unavailable' in spec) throw new Error(spec.unavailable)
    const options = createOptions(spec)
    expect(options.HostConfig).toMatchObject({ PidMode: 'host', NetworkMode: 'none', ReadonlyRootfs: true, CapDrop: ['ALL'], CapAdd: ['SYS_PTRACE', 'SYS_ADMIN'], SecurityOpt: ['seccomp=unconfined'] })
    expect(options.HostConfig?.Binds?.slice(0, session.binds.length)).toEqual(createOptions(session).HostConfig?.Binds)
    expect(options.HostConfig?.Binds?.slice(session.binds.length).map((b) => b.split(':')[1])).toEqual(['/node_modules/koffi', `/node_modules/@koromix/koffi-${process.platform}-${process.arch}`])
    expect(options.Labels).toMatchObject({ 'glasshouse.helper': '1', 'glasshouse.helper.owner-pid': String(process.pid), [HELPER_ROLE_LABEL]: 'seccomp-read' })
    expect(dockerRunCommand(spec)).toContain('--cap-add SYS_PTRACE \\\n  --cap-add SYS_ADMIN \\\n  --security-opt seccomp=unconfined')
    // It reads filters, not the kernel log: the session helper's /dev/kmsg and SYSLOG are not carried over.
    expect(options.HostConfig).not.toHaveProperty('Devices')
    expect(dockerRunCommand(spec)).not.toMatch(/--device|SYSLOG/)
  })

  it('is named, with what it adds, above the printed helper command', () => {
    const note = seccompHelperNote(session)
    expect(note.every((line) => line.startsWith('#'))).toBe(true)
    expect(note[2]).toBe(`#   --cap-add SYS_ADMIN --security-opt seccomp=unconfined --label ${HELPER_ROLE_LABEL}=seccomp-read`)
    expect(note.slice(3)).toEqual([
      ...koffiBinds().map((b) => `#   -v ${b.source}:${b.target}:ro`),
      '# and without --cap-add SYSLOG --device /dev/kmsg: it does not read the kernel log'
    ])
    expect(seccompHelperNote(helperSpecFor(planHelperImage({ otherKernel: 'another kernel' }), __filename))).toEqual([`# ${NODE_IMAGE_UNAVAILABLE}`])
  })

  it('leaves the session helper as it was: SYS_PTRACE and SYSLOG (the kernel log), no security options', () => {
    expect(createOptions(session).HostConfig?.CapAdd).toEqual(['SYS_PTRACE', 'SYSLOG'])
    expect(createOptions(session).HostConfig).not.toHaveProperty('SecurityOpt')
    expect(dockerRunCommand(session)).not.toContain('--security-opt')
  })

  it("binds koffi's package and the prebuilt glibc addon it loads", () => {
    const [koffi, addon] = koffiBinds()
    expect(JSON.parse(readFileSync(join(koffi?.source ?? '', 'package.json'), 'utf8')).name).toBe('koffi')
    expect(existsSync(join(addon?.source ?? '', 'linux_x64', 'koffi.node'))).toBe(true)
  })

  it('says why when koffi is not installed', () => {
    const spec = seccompHelperSpec(session, {
      koffi: () => {
        throw new Error("Cannot find module 'koffi'")
      }
    })
    expect(spec).toEqual({ unavailable: "koffi (the FFI the dump needs) is not installed next to Glasshouse: Cannot find module 'koffi'" })
  })

  it('refuses the Node image with the reason, as the report obstacle, without asking the daemon', async () => {
    const nodeImage = helperSpecFor(planHelperImage({ otherKernel: 'another kernel' }), __filename)
    expect(nodeImage.image).toBe(PINNED_NODE_IMAGE)
    expect(seccompHelperSpec(nodeImage)).toEqual({ unavailable: NODE_IMAGE_UNAVAILABLE })
    const untouchable = new Proxy({}, { get: () => { throw new Error('the daemon was asked') } }) as Docker
    const snapshot = { containers: [{ id: 'c1', name: 'one', pid: 42 }], processes: [] } as never
    const report = await readFiltersThroughHelper(untouchable, nodeImage, snapshot)
    expect(report.obstacle).toEqual({ reason: 'error', text: "live filters through the Node image: not available (koffi's addon is glibc)" })
    expect(report.containers).toEqual([{ containerId: 'c1', name: 'one', reads: [], fingerprint: null, sharesWith: [] }])
  })

  it('refuses a configured image that brings its own Node, naming it', () => {
    const configured = helperSpecFor(planHelperImage({ configured: 'registry.example/node:glibc', otherKernel: null }), __filename)
    expect(seccompHelperSpec(configured)).toEqual({ unavailable: expect.stringMatching(/^live filters through the configured helper image registry\.example\/node:glibc: not available/) })
  })
})

describe('seccomp helper wire', () => {
  it('carries the filter bytes and the failures unchanged', () => {
    const filters = [new Uint8Array([0x20, 0, 0, 0, 4, 0, 0, 0]), new Uint8Array([6, 0, 0, 0, 0, 0, 0xff, 0x7f])]
    const reads = {
      obstacle: null,
      reads: [
        { standsFor: [1, 2], result: { ok: true as const, pid: 1, filters, stoppedMs: 0.02, waitMs: 0.1 } },
        { standsFor: [3], result: { ok: false as const, pid: 3, reason: 'exited' as const, detail: 'gone', stoppedMs: 0 } }
      ]
    }
    expect(fromWire(JSON.parse(JSON.stringify(toWire(reads))))).toEqual(reads)
    expect(fromWire(JSON.parse(JSON.stringify(toWire({ obstacle: 'needs-root', reads: null }))))).toEqual({ obstacle: 'needs-root', reads: null })
  })
})
