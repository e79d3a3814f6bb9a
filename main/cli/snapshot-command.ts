// `glasshouse snapshot [--json]`: one snapshot, printed as a summary or as JSON.
import { existsSync } from 'node:fs'
import { chooseKernel, PROBE_CHOICES, type ProbeOption } from '../kernel/helper-kernel-choice'
import { takeSnapshot } from '../model/take-snapshot'
import { attachChanges } from './snapshot-changes'
import { SNAPSHOT_USAGE } from './command-usage'
import { EXIT_FAILED, EXIT_USAGE, signalExitCode } from './exit-codes'
import { engineClient, engineReadsClient } from './engine-client'
import { ENGINE_HOST_OPTION, ENGINE_OPTIONS, parseOptions } from './parse-options'
import { HELPER_IMAGE_OPTIONS, helperImageOptions } from './probe-option'
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
      probe: { type: 'string' },
      ...HELPER_IMAGE_OPTIONS,
      'print-helper-command': { type: 'boolean' },
      'seccomp-filters': { type: 'boolean' },
      from: { type: 'string' },
      at: { type: 'string' },
      changes: { type: 'boolean' },
      ...ENGINE_OPTIONS,
      ...ENGINE_HOST_OPTION
    },
    SNAPSHOT_USAGE,
    io
  )
  if ('exit' in parsed) return parsed.exit
  const { values } = parsed
  if (values.from !== undefined) return (await import('./snapshot-from-recording')).snapshotFromRecording(values.from, values.at ?? null, values.json === true, io)
  if (values.at !== undefined) {
    io.stderr('glasshouse snapshot: --at needs --from FILE (a moment of a recording)\n')
    return EXIT_USAGE
  }
  const procRoot = values['proc-root'] ?? '/proc'
  const cgroupRoot = values['cgroup-root'] ?? '/sys/fs/cgroup'
  for (const [flag, dir] of [['--proc-root', procRoot], ['--cgroup-root', cgroupRoot]] as const) {
    if (!existsSync(dir)) {
      io.stderr(`glasshouse snapshot: ${flag} ${dir} does not exist\n`)
      return EXIT_USAGE
    }
  }
  const image = helperImageOptions('snapshot', values, io)
  if (values['print-helper-command']) {
    const { chosenHelperCommand } = await import('./helper-command-choice')
    io.stdout((await chosenHelperCommand(image, values['no-engine'] ? null : await engineClient(io, values))) + '\n')
    return 0
  }
  // A kernel tree given by path is read here: it is this process's files, not the daemon's kernel.
  const probe = values.probe ?? (values['proc-root'] || values['cgroup-root'] ? 'local' : 'auto')
  if (!(PROBE_CHOICES as readonly string[]).includes(probe)) {
    io.stderr(`glasshouse snapshot: --probe must be one of ${PROBE_CHOICES.join(', ')}, not ${probe}\n`)
    return EXIT_USAGE
  }
  const engine = values['no-engine'] ? null : await engineReadsClient(io, values)
  const choosing = chooseKernel({
    probe: probe as ProbeOption,
    roots: { procRoot, cgroupRoot },
    engine: engine && { docker: engine.docker, host: engine.origin.host },
    image
  })
  let kernel: Awaited<typeof choosing> | null
  try {
    kernel = await unlessAborted(choosing, io.signal)
  } catch (error) {
    io.stderr(`glasshouse snapshot: ${error instanceof Error ? error.message : String(error)}\n`)
    return EXIT_FAILED
  }
  if (kernel === null) {
    // Stopped while the daemon or the helper was starting: a helper that still comes up is ended.
    choosing.then((late) => late.source.close(), () => undefined).catch(() => undefined)
    return signalExitCode(io.signal?.reason) ?? 130
  }
  let taken
  let filters
  try {
    taken = await unlessAborted(takeSnapshot({ kernel: kernel.source, engine: engine && { ...engine, ...(kernel.engineInfo ? { info: kernel.engineInfo } : {}) } }), io.signal)
    // Live filters only on request: reading stops each read process briefly (ptrace) and needs root, or a
    // short-lived helper container when a helper reads the kernel. Read before the session's helper is
    // removed, so that the helper the snapshot shows is read too instead of reported as exited.
    if (taken !== null && values['seccomp-filters']) filters = await (await import('../kernel/seccomp-helper-read')).readFiltersFor(kernel.source, taken, { procRoot })
  } finally {
    await kernel.source.close()
  }
  // Stopped (Ctrl-C) while the daemon was still answering: print nothing half-done.
  if (taken === null) return signalExitCode(io.signal?.reason) ?? 130
  if (values.changes && engine) await attachChanges(taken, engine.docker)
  const snapshot = { ...taken, kernelReadBy: kernel.readBy }
  if (filters) snapshot.seccompFilters = filters
  // With live filters, their findings too (JSON: seccompFindings, absent without the flag).
  const seccompFindings = filters ? (await import('../../shared/selectors/seccomp-findings-summary')).seccompFindingsOfRead(snapshot) : null
  if (values.json) {
    io.stdout(JSON.stringify(seccompFindings ? { ...snapshot, seccompFindings } : snapshot) + '\n')
    return 0
  }
  io.stdout((await import('./snapshot-text')).snapshotText(snapshot, kernel.readBy, seccompFindings))
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
