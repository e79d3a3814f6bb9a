// The `docker run` command equivalent to the helper this process would start, for users who start it
// themselves (`--print-helper-command`, the app's probe setting).
import { HELPER_BUNDLE_FILE } from './helper-bundle'
import { HELPER_IMAGE, HELPER_IMAGE_LABEL } from './helper-image'
import { planHelperImage, type HelperImagePlan } from './helper-image-choice'
import { bundledHelperScript } from './helper-kernel-choice'
import { helperSpecFor } from './helper-source'
import { dockerRunCommand, kernelLogNote } from './helper-spec'
import { seccompHelperNote } from './seccomp-helper-spec'

/** The command for this image plan (default: the one for a daemon on this host). */
export function helperCommand(plan: HelperImagePlan = planHelperImage({ otherKernel: null }), helperScript: string = bundledHelperScript()): string {
  const image =
    plan.kind === 'local-binds'
      ? [
          `# the image, built once if missing (empty; everything the helper runs is bound in read-only):`,
          `#   tar cf - -T /dev/null | docker import -c 'LABEL ${HELPER_IMAGE_LABEL}=1' - ${HELPER_IMAGE}`
        ]
      : [
          `# the image (${plan.kind === 'configured' ? 'configured' : 'official Node, pinned by digest, for a daemon on another kernel'}; pulled only with --pull-helper-image):`,
          `#   docker pull ${plan.image}`,
          `# the probe is sent on stdin, not bound from this machine;`,
          `# write its files first:`,
          `#   glasshouse helper-bundle -o ${HELPER_BUNDLE_FILE}`
        ]
  const spec = helperSpecFor(plan, helperScript)
  return [...image, ...kernelLogNote(spec), ...seccompHelperNote(spec), dockerRunCommand(spec)].join('\n')
}
