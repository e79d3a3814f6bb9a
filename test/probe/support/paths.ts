// Paths shared by the probe tests.
import { fileURLToPath } from 'node:url'

/** Captured /proc of a cgroup v1 hybrid host; see its README.md for what each pid is. */
export const V1_HOST = fileURLToPath(new URL('../../fixtures/proc/v1-host', import.meta.url))

export const TSX_CLI = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url))

/** Prints scanProcesses(argv[2]) as JSON; run as another user to see what a non-root probe sees. */
export const PRINT_SCAN = fileURLToPath(new URL('./print-scan.ts', import.meta.url))
