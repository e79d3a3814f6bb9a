// The helper container's settings, once: as dockerode's create options and as the equivalent
// `docker run` command a user can read (and run) to audit what gets these capabilities.
import type { ContainerCreateOptions } from 'dockerode'
import { helperBinds, helperScriptInside, HELPER_DIR_INSIDE, type Bind } from './helper-binds'
import { HELPER_LOADER } from './helper-bootstrap'
import { HELPER_BUNDLE_FILE } from './helper-bundle'
import { HELPER_IMAGE } from './helper-image'
import { ownerLabels } from './helper-owner'

/**
 * Measured on this host (docs/kernel-notes.md, "The helper container's capabilities"): with every
 * capability dropped, root in the container gets EACCES from readlink /proc/<pid>/ns/* of any
 * process but its own (a ptrace access check); SYS_PTRACE alone gives the same report as the
 * in-process root probe. DAC_READ_SEARCH changed nothing the probe reads, so it is not asked for.
 * SYSLOG: opening /dev/kmsg needs it while kernel.dmesg_restrict is 1 ("The kernel log through the helper").
 */
export const HELPER_CAPABILITIES = ['SYS_PTRACE', 'SYSLOG']

/** A host device given to the container; `r`: the devices cgroup lets it be read, never written. */
export interface Device {
  source: string
  target: string
  permissions: 'r'
}

/**
 * The kernel log, read-only, so the helper names the process an OOM kill chose as root in-process does.
 * A bind is not enough: the devices cgroup refuses the node unless `--device` allows it (measured).
 */
export const KERNEL_LOG_DEVICE: Device = { source: '/dev/kmsg', target: '/dev/kmsg', permissions: 'r' }

export interface HelperSpec {
  image: string
  entrypoint: string
  /** The helper's entry inside the container: the bound script, or its name in the stdin bundle. */
  script: string
  binds: Bind[]
  labels: Record<string, string>
  capabilities: string[]
  /** Host devices (the kernel log); none when the daemon could not give them (helper-container.ts retries without). */
  devices?: Device[]
  /** Docker security options (the short-lived seccomp helper runs `seccomp=unconfined`); none for the session helper. */
  securityOpt?: string[]
  /**
   * Set when the image brings its own Node: the probe's files are not bound (a daemon on another kernel
   * cannot see this machine's folders) but sent on stdin, read from this helper script and its chunks
   * (helper-bundle.ts), to `node -e HELPER_LOADER` (helper-bootstrap.ts).
   */
  bundleFrom?: string
}

export function helperSpec(options: {
  helperScript: string
  executable?: string
  capabilities?: string[]
  labels?: Record<string, string>
  /** An image that brings its own `node` (helper-image-choice.ts); default: the empty image, this host's Node bound in. */
  imageWithNode?: string
}): HelperSpec {
  const executable = options.executable ?? process.execPath
  const ownNode = options.imageWithNode !== undefined
  return {
    image: options.imageWithNode ?? HELPER_IMAGE,
    entrypoint: ownNode ? 'node' : executable,
    script: ownNode ? `${HELPER_DIR_INSIDE}/helper.js` : helperScriptInside(options.helperScript),
    binds: helperBinds({ executable: ownNode ? null : executable, helperScript: ownNode ? null : options.helperScript }),
    labels: options.labels ?? ownerLabels(),
    capabilities: options.capabilities ?? HELPER_CAPABILITIES,
    devices: [KERNEL_LOG_DEVICE],
    ...(ownNode ? { bundleFrom: options.helperScript } : {})
  }
}

/** The entrypoint's arguments: the bound script, or the loader that reads the bundle from stdin. */
export function helperArgs(spec: HelperSpec): string[] {
  return spec.bundleFrom === undefined ? [spec.script] : ['-e', HELPER_LOADER]
}

export function createOptions(spec: HelperSpec): ContainerCreateOptions {
  return {
    Image: spec.image,
    Entrypoint: [spec.entrypoint],
    Cmd: helperArgs(spec),
    // Electron's executable runs as plain Node only when asked; Node itself ignores this.
    Env: ['ELECTRON_RUN_AS_NODE=1'],
    Labels: spec.labels,
    // NDJSON over the attach stream: stdin stays open, no TTY (stdout and stderr stay apart).
    OpenStdin: true,
    StdinOnce: false,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
    HostConfig: {
      PidMode: 'host',
      // The host's UTS namespace: /proc/sys/kernel/hostname then names the host, not the helper.
      UTSMode: 'host',
      NetworkMode: 'none',
      ReadonlyRootfs: true,
      CapDrop: ['ALL'],
      CapAdd: spec.capabilities,
      ...(spec.securityOpt ? { SecurityOpt: spec.securityOpt } : {}),
      ...(spec.devices?.length ? { Devices: spec.devices.map((d) => ({ PathOnHost: d.source, PathInContainer: d.target, CgroupPermissions: d.permissions })) } : {}),
      Binds: spec.binds.map((b) => `${b.source}:${b.target}:ro`)
    }
  }
}

/**
 * The same container as a `docker run` command (with --rm: the app removes its helper itself). With the
 * probe sent on stdin, the bundle file goes first and the terminal's input after it (`cat FILE -`).
 */
export function dockerRunCommand(spec: HelperSpec): string {
  const stdin = spec.bundleFrom === undefined ? '' : `cat ${HELPER_BUNDLE_FILE} - | `
  const args = [
    `${stdin}docker run --rm -i`,
    ...Object.entries(spec.labels).map(([k, v]) => `--label ${quote(`${k}=${v}`)}`),
    '--pid host --uts host --network none --read-only --cap-drop ALL',
    ...spec.capabilities.map((c) => `--cap-add ${c}`),
    ...(spec.securityOpt ?? []).map((o) => `--security-opt ${quote(o)}`),
    ...(spec.devices ?? []).map((d) => `--device ${quote(`${d.source}:${d.target}:${d.permissions}`)}`),
    ...spec.binds.map((b) => `-v ${quote(`${b.source}:${b.target}:ro`)}`),
    '-e ELECTRON_RUN_AS_NODE=1',
    `--entrypoint ${quote(spec.entrypoint)}`,
    spec.image,
    ...helperArgs(spec).map(quote)
  ]
  return args.join(' \\\n  ')
}

/** Comment lines for the printed command and the probe panel: why the kernel log is given, and what SYSLOG also allows. */
export function kernelLogNote(spec: HelperSpec): string[] {
  const device = spec.devices?.find((d) => d.target === KERNEL_LOG_DEVICE.target)
  if (!device || !spec.capabilities.includes('SYSLOG')) return []
  // Short lines: the probe panel shows them in a narrow box (about 56 characters at 1366x768).
  return [
    `# --device ${device.source}:${device.target}:${device.permissions} --cap-add SYSLOG:`,
    '# the kernel log, read-only, so an OOM kill names the',
    '# process it chose, its memory and the task dump.',
    '# SYSLOG opens it while kernel.dmesg_restrict=1; it',
    '# also allows syslog(2) and kernel addresses in',
    '# /proc/kallsyms, which the probe does not use.'
  ]
}

function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`
}
