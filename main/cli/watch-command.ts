// `glasshouse watch`: the live view in a terminal (a self-refreshing table, like top), or as
// newline-delimited JSON with --json: one snapshot, then patches, samples and events.
import type { LiveMessage, SampleMessage } from '../../shared/live'
import type { HostSnapshot } from '../../shared/model'
import { applyPatch } from '../../shared/snapshot-patch'
import { LiveSession } from '../live/live-session'
import { DEFAULT_ROOTS } from '../probe/probe-host'
import { MAX_INTERVAL_MS, MIN_INTERVAL_MS } from '../live/sample-interval'
import { chooseKernel, readByLine } from '../kernel/helper-kernel-choice'
import { WATCH_USAGE } from './command-usage'
import { EXIT_FAILED, EXIT_USAGE, stoppedExitCode } from './exit-codes'
import { engineClient } from './engine-client'
import { ENGINE_HOST_OPTION, ENGINE_OPTIONS, parseOptions } from './parse-options'
import { helperImageOptions, PROBE_OPTION, probeOption } from './probe-option'
import type { CliIo } from './run'
import { recordEvent, type EventLine } from './watch-events'
import { renderWatchFrame } from './watch-table'


const CLEAR_SCREEN = '\x1b[2J\x1b[H'

/** "500ms", "2s", "1.5s" or plain milliseconds → milliseconds; null when unreadable. */
export function parseDuration(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text.trim())
  if (!match) return null
  const value = Number(match[1])
  return match[2] === 's' ? value * 1000 : value
}

export async function watchCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseOptions(
    'watch',
    args,
    { json: { type: 'boolean' }, interval: { type: 'string' }, count: { type: 'string' }, 'no-engine': { type: 'boolean' }, ...PROBE_OPTION, ...ENGINE_OPTIONS, ...ENGINE_HOST_OPTION },
    WATCH_USAGE,
    io
  )
  if ('exit' in parsed) return parsed.exit
  const { values } = parsed
  const intervalMs = parseDuration(values.interval ?? '1s')
  if (intervalMs === null || intervalMs < MIN_INTERVAL_MS || intervalMs > MAX_INTERVAL_MS) {
    io.stderr(`glasshouse watch: --interval must be between ${MIN_INTERVAL_MS}ms and ${MAX_INTERVAL_MS / 1000}s, got "${values.interval}"\n`)
    return EXIT_USAGE
  }
  const count = values.count === undefined ? null : parseCount(values.count)
  if (count === null && values.count !== undefined) {
    io.stderr(`glasshouse watch: --count must be a whole number from 1 to ${Number.MAX_SAFE_INTEGER}, got "${values.count}"\n`)
    return EXIT_USAGE
  }

  const probe = probeOption('watch', values.probe, io)
  if (probe === null) return EXIT_USAGE

  const engine = values['no-engine'] ? null : await engineClient(io, values)
  let kernel
  try {
    kernel = await chooseKernel({
      probe,
      roots: DEFAULT_ROOTS,
      engine: engine && { docker: engine.docker, host: engine.origin.host },
      image: helperImageOptions('watch', values, io)
    })
  } catch (error) {
    io.stderr(`glasshouse watch: ${error instanceof Error ? error.message : String(error)}\n`)
    return EXIT_FAILED
  }
  // --json says it in every snapshot (kernelReadBy) and the table in its heading; a helper container
  // is worth a line of its own (something now runs on the daemon), in-process reading is not.
  if (!values.json && kernel.readBy.source === 'helper') io.stderr(`glasshouse watch: ${readByLine(kernel.readBy)}\n`)
  const done = new AbortController()
  const view = values.json ? jsonView(io) : tableView(io, intervalMs)
  let samples = 0
  const session = new LiveSession({
    engine: engine && { ...engine, ...(kernel.engineInfo ? { info: kernel.engineInfo } : {}) },
    kernel: kernel.source,
    kernelReadBy: kernel.readBy,
    ...(kernel.restart ? { restartKernel: kernel.restart } : {}),
    intervalMs,
    onMessage: (message) => {
      view(message)
      if (message.type === 'sample' && count !== null && ++samples >= count) done.abort()
    },
    onWarning: (text) => io.stderr(`glasshouse watch: ${text}\n`)
  })
  try {
    await session.start()
  } catch (error) {
    await kernel.source.close()
    throw error
  }
  await new Promise<void>((resolve) => {
    if (done.signal.aborted || io.signal?.aborted) return resolve()
    done.signal.addEventListener('abort', () => resolve(), { once: true })
    io.signal?.addEventListener('abort', () => resolve(), { once: true })
  })
  await session.stop()
  await kernel.source.close()
  return stoppedExitCode(io.signal)
}

/** A positive whole number that counts exactly (at most 2^53 − 1), or null. */
export function parseCount(text: string): number | null {
  if (!/^\d+$/.test(text.trim())) return null
  const count = Number(text)
  return Number.isSafeInteger(count) && count > 0 ? count : null
}

function jsonView(io: CliIo): (message: LiveMessage) => void {
  return (message) => io.stdout(JSON.stringify(message) + '\n')
}

export interface Screen {
  width: number
  height: number
  now: Date
}

/** The terminal's size (120 × 40 when piped) and the time, read at each redraw. */
function terminalScreen(): Screen {
  return { width: process.stdout.columns || 120, height: process.stdout.rows || 40, now: new Date() }
}

/** Keeps the current structure, the last sample and recent events, and redraws on every sample. */
export function tableView(io: CliIo, intervalMs: number, screen: () => Screen = terminalScreen): (message: LiveMessage) => void {
  let snapshot: HostSnapshot | null = null
  let engine: HostSnapshot['engine'] | null = null
  let sample: SampleMessage | null = null
  let events: EventLine[] = []
  return (message) => {
    if (message.type === 'snapshot') snapshot = message.snapshot
    else if (message.type === 'patch' && snapshot) snapshot = applyPatch(snapshot, message.patch)
    else if (message.type === 'engine') engine = message.state
    else if (message.type === 'event') events = recordEvent(events, message)
    else if (message.type === 'sample') sample = message
    if (message.type !== 'sample' || !snapshot) return
    const frame = renderWatchFrame({
      snapshot,
      sample,
      events,
      engine: engine ?? snapshot.engine,
      intervalMs,
      ...screen()
    })
    // In a terminal the frame replaces the last one; piped, frames follow each other.
    io.stdout(io.isTty ? CLEAR_SCREEN + frame + '\n' : frame + '\n\n')
  }
}
