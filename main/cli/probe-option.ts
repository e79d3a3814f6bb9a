// `--probe auto|local|helper` as watch and serve take it (snapshot has its own, which also knows
// --proc-root): checked here, so a typo is a usage error before anything starts. With it, the helper
// image's flags: --helper-image IMAGE (else GLASSHOUSE_HELPER_IMAGE) and --pull-helper-image, the
// consent to pull a helper image the daemon lacks (progress on stderr).
import { configuredHelperImage } from '../kernel/helper-image-choice'
import { PROBE_CHOICES, type HelperImageOptions, type ProbeOption } from '../kernel/helper-kernel-choice'
import type { CliIo } from './run'

export const HELPER_IMAGE_OPTIONS = { 'helper-image': { type: 'string' }, 'pull-helper-image': { type: 'boolean' } } as const
export const PROBE_OPTION = { probe: { type: 'string' }, ...HELPER_IMAGE_OPTIONS } as const

/** The choice, or null after saying on stderr why the value is not one. */
export function probeOption(command: string, value: string | undefined, io: CliIo): ProbeOption | null {
  const probe = value ?? 'auto'
  if ((PROBE_CHOICES as readonly string[]).includes(probe)) return probe as ProbeOption
  io.stderr(`glasshouse ${command}: --probe must be one of ${PROBE_CHOICES.join(', ')}, not ${probe}\n`)
  return null
}

export function helperImageOptions(
  command: string,
  values: { 'helper-image'?: string | undefined; 'pull-helper-image'?: boolean | undefined },
  io: CliIo
): HelperImageOptions {
  const configuredImage = configuredHelperImage(values['helper-image'], io.env)
  return {
    ...(configuredImage ? { configuredImage } : {}),
    pull: { allowed: values['pull-helper-image'] === true, onProgress: (line) => io.stderr(`glasshouse ${command}: ${line}\n`) }
  }
}
