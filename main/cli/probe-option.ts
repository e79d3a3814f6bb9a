// `--probe auto|local|helper` as watch and serve take it (snapshot has its own, which also knows
// --proc-root): checked here, so a typo is a usage error before anything starts.
import { PROBE_CHOICES, type ProbeOption } from '../kernel/helper-kernel-choice'
import type { CliIo } from './run'

export const PROBE_OPTION = { probe: { type: 'string' } } as const

/** The choice, or null after saying on stderr why the value is not one. */
export function probeOption(command: string, value: string | undefined, io: CliIo): ProbeOption | null {
  const probe = value ?? 'auto'
  if ((PROBE_CHOICES as readonly string[]).includes(probe)) return probe as ProbeOption
  io.stderr(`glasshouse ${command}: --probe must be one of ${PROBE_CHOICES.join(', ')}, not ${probe}\n`)
  return null
}
