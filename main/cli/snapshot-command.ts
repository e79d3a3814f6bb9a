// `glasshouse snapshot [--json]`: one snapshot, printed as a summary or as JSON.
import { existsSync } from 'node:fs'
import { InProcessKernelSource } from '../kernel/in-process-source'
import { takeSnapshot } from '../model/take-snapshot'
import { SNAPSHOT_USAGE } from './command-usage'
import { EXIT_USAGE, signalExitCode } from './exit-codes'
import { formatSummary } from './format-summary'
import { engineClient } from './engine-client'
import { ENGINE_HOST_OPTION, ENGINE_OPTIONS, parseOptions } from './parse-options'
import type { CliIo } from './run'


export async function snapshotCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseOptions(
    'snapshot',
    args,
    {
      json: { type: 'boolean' },
      'no-engine': { type: 'boolean' },
      'proc-root': { type: 'string' },
      'cgroup-root': { type: 'string' },
      ...ENGINE_OPTIONS,
      ...ENGINE_HOST_OPTION
    },
    SNAPSHOT_USAGE,
    io
  )
  if ('exit' in parsed) return parsed.exit
  const { values } = parsed
  const procRoot = values['proc-root'] ?? '/proc'
  const cgroupRoot = values['cgroup-root'] ?? '/sys/fs/cgroup'
  for (const [flag, dir] of [['--proc-root', procRoot], ['--cgroup-root', cgroupRoot]] as const) {
    if (!existsSync(dir)) {
      io.stderr(`glasshouse snapshot: ${flag} ${dir} does not exist\n`)
      return EXIT_USAGE
    }
  }
  const snapshot = await unlessAborted(
    takeSnapshot({
      kernel: new InProcessKernelSource({ procRoot, cgroupRoot }),
      engine: values['no-engine'] ? null : await engineClient(io, values)
    }),
    io.signal
  )
  // Stopped (Ctrl-C) while the daemon was still answering: print nothing half-done.
  if (snapshot === null) return signalExitCode(io.signal?.reason) ?? 130
  io.stdout(values.json ? JSON.stringify(snapshot) + '\n' : formatSummary(snapshot))
  return 0
}

/** The promise's value, or null as soon as the signal fires (the work itself is left to finish unseen). */
function unlessAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T | null> {
  if (!signal) return work
  if (signal.aborted) return Promise.resolve(null)
  return new Promise((resolve, reject) => {
    const onAbort = (): void => resolve(null)
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      }
    )
  })
}
