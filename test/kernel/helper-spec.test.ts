// The helper's settings said twice, to dockerode and as a docker run command: both say the same.
import { describe, expect, it } from 'vitest'
import { createOptions, dockerRunCommand, helperSpec, kernelLogNote } from '../../main/kernel/helper-spec'
import { configuredHelperImage, planHelperImage } from '../../main/kernel/helper-image-choice'
import { consentMessage } from '../../main/kernel/helper-image-pull'
import { imageDigest, PINNED_NODE_IMAGE } from '../../main/kernel/helper-node-image'
import { otherKernelReason } from '../../main/kernel/helper-same-kernel'
import { helperSpecFor } from '../../main/kernel/helper-source'
import { HELPER_LOADER } from '../../main/kernel/helper-bootstrap'
import { HELPER_BUNDLE_FILE } from '../../main/kernel/helper-bundle'

const spec = helperSpec({ helperScript: __filename, labels: { 'glasshouse.helper': '1', odd: "it's" } })

describe('helper spec', () => {
  it('confines the container: host PID and UTS, no network, read-only, every capability dropped but SYS_PTRACE and SYSLOG, no TTY', () => {
    const options = createOptions(spec)
    expect(options.HostConfig).toMatchObject({ PidMode: 'host', UTSMode: 'host', NetworkMode: 'none', ReadonlyRootfs: true, CapDrop: ['ALL'], CapAdd: ['SYS_PTRACE', 'SYSLOG'] })
    // The kernel log, read-only: the devices cgroup lets the helper read /dev/kmsg, never write it.
    expect(options.HostConfig?.Devices).toEqual([{ PathOnHost: '/dev/kmsg', PathInContainer: '/dev/kmsg', CgroupPermissions: 'r' }])
    expect(options.HostConfig?.Binds?.every((b) => b.endsWith(':ro'))).toBe(true)
    expect(options).toMatchObject({ Tty: false, OpenStdin: true, StdinOnce: false, Entrypoint: [process.execPath], Cmd: [spec.script] })
  })

  it('prints every bind, label and capability of the create options, quoted for a shell', () => {
    const command = dockerRunCommand(spec)
    for (const bind of createOptions(spec).HostConfig?.Binds ?? []) expect(command).toContain(`-v ${bind}`)
    expect(command).toContain(`--label 'odd=it'\\''s'`)
    expect(command).toContain('--cap-add SYS_PTRACE')
    expect(command).toContain('--cap-add SYSLOG \\\n  --device /dev/kmsg:/dev/kmsg:r \\\n')
    expect(command).toMatch(/--entrypoint \S+ \\\n {2}glasshouse-helper:empty \\\n {2}\/glasshouse\/helper-spec\.test\.ts$/)
  })

  it('says above the command why the kernel log is given, and what SYSLOG also allows', () => {
    const note = kernelLogNote(spec)
    expect(note.every((line) => line.startsWith('# '))).toBe(true)
    expect(note.join('\n')).toMatch(/^# --device \/dev\/kmsg:\/dev\/kmsg:r --cap-add SYSLOG:\n# the kernel log, read-only, so an OOM kill names the\n# process it chose/)
    expect(Math.max(...note.map((line) => line.length))).toBeLessThanOrEqual(56)
    expect(note.join('\n')).toContain('kernel.dmesg_restrict=1')
    // Nothing to explain for a helper given neither.
    expect(kernelLogNote({ ...spec, devices: [] })).toEqual([])
  })
})

describe('helper image choice', () => {
  const desktop = { host: 'unix:///var/run/docker.sock', info: { Name: 'docker-desktop', OperatingSystem: 'Docker Desktop', KernelVersion: '6.10.14-linuxkit' } }

  it('takes the pinned official Node image for a daemon on another kernel, binding only the cgroup tree: the probe comes on stdin', () => {
    const plan = planHelperImage({ otherKernel: otherKernelReason(desktop) })
    expect(plan).toEqual({ kind: 'pinned-node', image: PINNED_NODE_IMAGE })
    expect(PINNED_NODE_IMAGE).toMatch(/^node:\d+-alpine@sha256:[0-9a-f]{64}$/)
    const spec = helperSpecFor(plan, __filename)
    expect(spec.bundleFrom).toBe(__filename)
    const options = createOptions(spec)
    expect(options).toMatchObject({ Image: PINNED_NODE_IMAGE, Entrypoint: ['node'], Cmd: ['-e', HELPER_LOADER] })
    expect(options.HostConfig?.Binds).toEqual(['/sys/fs/cgroup:/sys/fs/cgroup:ro'])
    expect(options.HostConfig).toMatchObject({ ReadonlyRootfs: true, CapDrop: ['ALL'], NetworkMode: 'none' })
  })

  it('prints the stdin delivery as a runnable pipe: the bundle file, then the terminal, into docker run -i', () => {
    const command = dockerRunCommand(helperSpecFor({ kind: 'configured', image: 'my/helper:1' }, __filename))
    expect(command.startsWith(`cat ${HELPER_BUNDLE_FILE} - | docker run --rm -i \\\n`)).toBe(true)
    expect(command).not.toContain(':/glasshouse')
    // The loader has no single quote: it is printed inside one pair of them, verbatim.
    expect(HELPER_LOADER).not.toContain("'")
    expect(command.endsWith(`my/helper:1 \\\n  -e \\\n  '${HELPER_LOADER}'`)).toBe(true)
  })

  it('takes a configured image first, else the empty image for this kernel', () => {
    expect(planHelperImage({ configured: ' my/helper:1 ', otherKernel: 'x' })).toEqual({ kind: 'configured', image: 'my/helper:1' })
    expect(planHelperImage({ otherKernel: null }).kind).toBe('local-binds')
    // The packaged app's Electron cannot run as Node (runAsNode fuse off): the pinned Node image instead.
    expect(planHelperImage({ otherKernel: null, ownNodeRunsHelper: false })).toEqual({ kind: 'pinned-node', image: PINNED_NODE_IMAGE })
    expect(configuredHelperImage(undefined, { GLASSHOUSE_HELPER_IMAGE: 'env/helper:2' })).toBe('env/helper:2')
    expect(configuredHelperImage('flag/helper:3', { GLASSHOUSE_HELPER_IMAGE: 'env/helper:2' })).toBe('flag/helper:3')
    expect(configuredHelperImage('', {})).toBeUndefined()
  })

  it('says which image is missing, its digest, and how to allow the pull', () => {
    expect(consentMessage(PINNED_NODE_IMAGE)).toBe(
      `the helper image node:22-alpine (digest ${imageDigest(PINNED_NODE_IMAGE)}) is not on the daemon, and Glasshouse pulls it only when allowed: ` +
        `run again with --pull-helper-image (or pull it yourself: docker pull ${PINNED_NODE_IMAGE})`
    )
  })
})
