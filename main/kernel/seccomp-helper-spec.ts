// The short-lived seccomp helper: the session helper's container (same image, same Node and script
// binds, same owner labels) with what PTRACE_SECCOMP_GET_FILTER needs on top, started only when the user
// asks for live filters and removed right after. Measured (docs/kernel-notes.md, "Live seccomp filters
// through the helper"): SYS_PTRACE to attach, SYS_ADMIN for the dump, and no seccomp filter of its own
// (the kernel refuses the dump to a caller under seccomp). The session helper keeps SYS_PTRACE only.
import { createRequire } from 'node:module'
import { realpathSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Bind } from './helper-binds'
import { HELPER_IMAGE } from './helper-image'
import { PINNED_NODE_IMAGE } from './helper-node-image'
import { ownerLabels } from './helper-owner'
import type { HelperSpec } from './helper-spec'

export const SECCOMP_HELPER_CAPABILITIES = ['SYS_PTRACE', 'SYS_ADMIN']
export const SECCOMP_HELPER_SECURITY_OPT = ['seccomp=unconfined']
/** Tells the short-lived helper apart from the session's in `docker ps` (the clean-up goes by glasshouse.helper=1). */
export const HELPER_ROLE_LABEL = 'glasshouse.helper.role'
export const NODE_IMAGE_UNAVAILABLE = "live filters through the Node image: not available (koffi's addon is glibc)"
const configuredImageUnavailable = (image: string): string =>
  `live filters through the configured helper image ${image}: not available (koffi is bound only into Glasshouse's empty image, with this host's Node)`

/** Where koffi and its prebuilt addon appear inside the container: Node's lookup from /glasshouse/… reaches /node_modules. */
const MODULES_INSIDE = '/node_modules'

/**
 * koffi's package and its platform addon package, bound read-only where the helper's require('koffi')
 * finds them; koffi looks for the addon at ../../../@koromix/koffi-<platform>-<arch> from its own loader.
 */
export function koffiBinds(from: string = __filename): Bind[] {
  const require = createRequire(from)
  const koffiRoot = dirname(require.resolve('koffi'))
  const addonName = `@koromix/koffi-${process.platform}-${process.arch}`
  const addonRoot = dirname(createRequire(require.resolve('koffi')).resolve(addonName))
  return [
    { source: realpathSync(koffiRoot), target: `${MODULES_INSIDE}/koffi` },
    { source: realpathSync(addonRoot), target: `${MODULES_INSIDE}/${addonName}` }
  ]
}

/** The seccomp helper beside a session helper of this spec, or why there is none. */
export function seccompHelperSpec(session: HelperSpec, options: { koffi?: () => Bind[]; capabilities?: string[]; securityOpt?: string[] } = {}): HelperSpec | { unavailable: string } {
  // Only the empty image runs this host's Node (glibc), which can load the glibc addon bound in.
  if (session.image !== HELPER_IMAGE) return { unavailable: session.image === PINNED_NODE_IMAGE ? NODE_IMAGE_UNAVAILABLE : configuredImageUnavailable(session.image) }
  let koffi: Bind[]
  try {
    koffi = (options.koffi ?? koffiBinds)()
  } catch (error) {
    return { unavailable: `koffi (the FFI the dump needs) is not installed next to Glasshouse: ${error instanceof Error ? error.message : String(error)}` }
  }
  return {
    ...session,
    binds: [...session.binds, ...koffi],
    labels: { ...ownerLabels(), [HELPER_ROLE_LABEL]: 'seccomp-read' },
    capabilities: options.capabilities ?? SECCOMP_HELPER_CAPABILITIES,
    // It reads filters only: not the kernel log (no /dev/kmsg, and its capabilities have no SYSLOG).
    devices: [],
    securityOpt: options.securityOpt ?? SECCOMP_HELPER_SECURITY_OPT
  }
}

/** Comment lines for the printed helper command: what the short-lived seccomp helper adds, for the user to audit. */
export function seccompHelperNote(session: HelperSpec): string[] {
  const spec = seccompHelperSpec(session)
  if ('unavailable' in spec) return [`# ${spec.unavailable}`]
  const options = [
    ...spec.capabilities.filter((c) => !session.capabilities.includes(c)).map((c) => `--cap-add ${c}`),
    ...(spec.securityOpt ?? []).map((o) => `--security-opt ${o}`),
    `--label ${HELPER_ROLE_LABEL}=seccomp-read`
  ]
  const without = [
    ...session.capabilities.filter((c) => !spec.capabilities.includes(c)).map((c) => `--cap-add ${c}`),
    ...(session.devices ?? []).map((d) => `--device ${d.source}`)
  ]
  return [
    '# reading live seccomp filters (--seccomp-filters, "Read live filters") starts, for that read alone, the same',
    '# container with these added, and removes it right after:',
    `#   ${options.join(' ')}`,
    ...spec.binds.slice(session.binds.length).map((b) => `#   -v ${b.source}:${b.target}:ro`),
    ...(without.length > 0 ? [`# and without ${without.join(' ')}: it does not read the kernel log`] : [])
  ]
}
