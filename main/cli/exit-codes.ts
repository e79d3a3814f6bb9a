// Exit codes of the command line. A run ended by a signal exits 128 + the signal's number, like
// the shell reports a process the signal killed: 130 for Ctrl-C (SIGINT), 143 for SIGTERM.
export const EXIT_OK = 0
export const EXIT_FAILED = 1
export const EXIT_USAGE = 2

const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 }

/** The exit code for a stop signal (130, 143), or null for any other abort reason. */
export function signalExitCode(reason: unknown): number | null {
  return typeof reason === 'string' ? (SIGNAL_EXIT[reason] ?? null) : null
}

/**
 * How a long-running command that was asked to stop exits: 130/143 when a signal asked (the signal's
 * name is the abort reason), 0 when it ended by itself or its caller stopped it another way.
 */
export function stoppedExitCode(signal: AbortSignal | undefined): number {
  return signal?.aborted ? (signalExitCode(signal.reason) ?? EXIT_OK) : EXIT_OK
}
