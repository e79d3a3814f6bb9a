// `glasshouse record -o FILE [--for 10m] [--max-size 50M]`: writes the live session (snapshot,
// patches, samples, events) to a recording file: a header line, then exactly what `watch --json`
// prints, then a line saying why it ended. Progress goes to stderr. It ends when --for is up, when
// the next line would pass --max-size (it stops there: see recording-writer.ts), or on Ctrl-C;
// every way leaves a complete, valid file.
import type { LiveMessage } from '../../shared/live'
import { formatOffset, parseOffset } from '../../shared/recording-state'
import { RECORDING_FORMAT, RECORDING_FORMAT_VERSION, type RecordingEndReason } from '../../shared/recording-format'
import { chooseKernel, readByLine } from '../kernel/helper-kernel-choice'
import { LiveSession } from '../live/live-session'
import { MAX_INTERVAL_MS, MIN_INTERVAL_MS } from '../live/sample-interval'
import { DEFAULT_ROOTS } from '../probe/probe-host'
import { RECORD_USAGE } from './command-usage'
import { EXIT_FAILED, EXIT_USAGE, stoppedExitCode } from './exit-codes'
import { engineClient } from './engine-client'
import { ENGINE_HOST_OPTION, ENGINE_OPTIONS, parseOptions } from './parse-options'
import { PROBE_OPTION, probeOption } from './probe-option'
import { parseSize, RecordingWriter } from './recording-writer'
import type { CliIo } from './run'
import { parseDuration } from './watch-command'

export const DEFAULT_MAX_SIZE = '50M'
/** How often a progress line is printed to stderr. */
const PROGRESS_EVERY_MS = 10_000

export async function recordCommand(args: string[], io: CliIo, now: () => number = Date.now): Promise<number> {
  const parsed = parseOptions(
    'record',
    args,
    {
      output: { type: 'string', short: 'o' },
      for: { type: 'string' },
      'max-size': { type: 'string' },
      interval: { type: 'string' },
      'no-engine': { type: 'boolean' },
      ...PROBE_OPTION,
      ...ENGINE_OPTIONS,
      ...ENGINE_HOST_OPTION
    },
    RECORD_USAGE,
    io
  )
  if ('exit' in parsed) return parsed.exit
  const { values } = parsed
  const usageError = (text: string): number => {
    io.stderr(`glasshouse record: ${text}\n`)
    return EXIT_USAGE
  }
  if (!values.output) return usageError('-o FILE is required: where to write the recording')
  const forMs = values.for === undefined ? null : parseOffset(values.for)
  if (values.for !== undefined && (forMs === null || forMs <= 0)) return usageError(`--for must be a time such as 30s, 10m or 1h, got "${values.for}"`)
  const maxBytes = parseSize(values['max-size'] ?? DEFAULT_MAX_SIZE)
  if (maxBytes === null || maxBytes < 4096) return usageError(`--max-size must be a size of at least 4K, such as 500K, 50M or 1G, got "${values['max-size']}"`)
  const intervalMs = parseDuration(values.interval ?? '1s')
  if (intervalMs === null || intervalMs < MIN_INTERVAL_MS || intervalMs > MAX_INTERVAL_MS) {
    return usageError(`--interval must be between ${MIN_INTERVAL_MS}ms and ${MAX_INTERVAL_MS / 1000}s, got "${values.interval}"`)
  }
  const probe = probeOption('record', values.probe, io)
  if (probe === null) return EXIT_USAGE

  let writer: RecordingWriter
  try {
    writer = new RecordingWriter(values.output, maxBytes)
  } catch (error) {
    io.stderr(`glasshouse record: cannot write ${values.output}: ${(error as Error).message}\n`)
    return EXIT_FAILED
  }
  const engine = values['no-engine'] ? null : await engineClient(io, values)
  let kernel
  try {
    kernel = await chooseKernel({ probe, roots: DEFAULT_ROOTS, engine: engine && { docker: engine.docker, host: engine.origin.host } })
  } catch (error) {
    writer.end('write-failed')
    io.stderr(`glasshouse record: ${error instanceof Error ? error.message : String(error)}\n`)
    return EXIT_FAILED
  }
  if (kernel.readBy.source === 'helper') io.stderr(`glasshouse record: ${readByLine(kernel.readBy)}\n`)

  const done = new AbortController()
  const stop = (reason: RecordingEndReason): void => {
    if (!done.signal.aborted) done.abort(reason)
  }
  const startedAt = now()
  let events = 0
  let lastProgress = startedAt
  const progress = (): string => `${formatOffset(Math.floor((now() - startedAt) / 1000) * 1000)} recorded, ${megabytes(writer.size)} of ${megabytes(maxBytes)}, ${events} event${events === 1 ? '' : 's'}`
  const onMessage = (message: LiveMessage): void => {
    if (done.signal.aborted) return
    if (writer.messages === 0 && message.type === 'snapshot') {
      writer.writeHeader({
        type: 'header',
        format: RECORDING_FORMAT,
        version: RECORDING_FORMAT_VERSION,
        host: message.snapshot.host.hostname,
        endpoint: message.snapshot.engine.endpoint ?? null,
        startedAt: new Date(startedAt).toISOString(),
        command: ['glasshouse', 'record', ...args],
        intervalMs,
        maxBytes
      })
    }
    const outcome = writer.write(message)
    if (outcome !== 'written') return stop(outcome)
    if (message.type === 'event') events++
    if (message.type === 'sample' && now() - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = now()
      io.stderr(`glasshouse record: ${progress()}\n`)
    }
  }
  const session = new LiveSession({
    engine,
    kernel: kernel.source,
    kernelReadBy: kernel.readBy,
    ...(kernel.restart ? { restartKernel: kernel.restart } : {}),
    intervalMs,
    onMessage,
    onWarning: (text) => io.stderr(`glasshouse record: ${text}\n`)
  })
  io.stderr(`glasshouse record: recording to ${values.output}${forMs === null ? '' : ` for ${formatOffset(forMs)}`}, at most ${megabytes(maxBytes)} (Ctrl-C ends it)\n`)
  try {
    await session.start()
  } catch (error) {
    writer.end('write-failed')
    await kernel.source.close()
    throw error
  }
  const timer = forMs === null ? null : setTimeout(() => stop('duration'), forMs)
  await new Promise<void>((resolve) => {
    if (done.signal.aborted || io.signal?.aborted) return resolve()
    done.signal.addEventListener('abort', () => resolve(), { once: true })
    io.signal?.addEventListener('abort', () => resolve(), { once: true })
  })
  if (timer) clearTimeout(timer)
  await session.stop()
  await kernel.source.close()
  const reason: RecordingEndReason = done.signal.aborted ? (done.signal.reason as RecordingEndReason) : 'interrupted'
  writer.end(reason)
  if (writer.messages === 0) {
    io.stderr(`glasshouse record: nothing was recorded: ${reason === 'size-limit' ? `the first snapshot alone is larger than --max-size ${megabytes(maxBytes)}` : 'stopped before the first snapshot'}\n`)
    return EXIT_FAILED
  }
  const why = {
    duration: 'the --for time is up',
    'size-limit': `the next message would pass --max-size ${megabytes(maxBytes)}: stopped there, the file is complete up to it`,
    interrupted: 'stopped',
    'write-failed': `writing failed: ${writer.failure?.message ?? 'unknown error'}; the file is complete up to the last line written`
  }[writer.endReason ?? reason]
  io.stderr(`glasshouse record: ${why}. Wrote ${values.output}: ${progress()}, ${writer.messages} messages\n`)
  if (writer.endReason === 'write-failed') return EXIT_FAILED
  return stoppedExitCode(io.signal)
}

function megabytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 1)} MB`
}
