// Which image the helper container runs, in issue 10's order: (a) the one the user configured
// (--helper-image, GLASSHOUSE_HELPER_IMAGE), used as-is with the bundled probe bound in (it must have
// `node` on its PATH); (b) for a daemon on this kernel, the empty image built here with this host's
// Node bound in; (c) for a daemon on another kernel, the official Node image pinned by digest.
import { HELPER_IMAGE } from './helper-image'
import { PINNED_NODE_IMAGE } from './helper-node-image'

export const HELPER_IMAGE_ENV = 'GLASSHOUSE_HELPER_IMAGE'

export type HelperImagePlan =
  | { kind: 'configured'; image: string }
  | { kind: 'local-binds'; image: string }
  | { kind: 'pinned-node'; image: string }

export function planHelperImage(options: {
  configured?: string | undefined
  otherKernel: string | null
  /**
   * Whether this process's executable can run the helper as plain Node. The packaged app's Electron cannot:
   * its runAsNode fuse is off (electron-builder.yml), so it takes the pinned Node image like another kernel.
   */
  ownNodeRunsHelper?: boolean
}): HelperImagePlan {
  const configured = options.configured?.trim()
  if (configured) return { kind: 'configured', image: configured }
  const ownNode = options.ownNodeRunsHelper ?? ownNodeRunsHelper()
  if (options.otherKernel === null && ownNode) return { kind: 'local-binds', image: HELPER_IMAGE }
  return { kind: 'pinned-node', image: PINNED_NODE_IMAGE }
}

/** The flag first, then the environment; undefined when neither names one. */
export function configuredHelperImage(flag: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  return flag?.trim() || env[HELPER_IMAGE_ENV]?.trim() || undefined
}

/** Whether the image brings its own Node (only the probe's folder and the cgroup tree are bound in). */
export function imageHasNode(plan: HelperImagePlan): boolean {
  return plan.kind !== 'local-binds'
}

/** Plain Node, or Electron started as `electron .` (process.defaultApp: unpackaged, no fuses flipped). */
function ownNodeRunsHelper(): boolean {
  return process.versions.electron === undefined || (process as { defaultApp?: boolean }).defaultApp === true
}
