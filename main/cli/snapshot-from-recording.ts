// `glasshouse snapshot --from FILE [--at 30s]`: the host as a recording (or a snapshot file) shows
// it at that moment (default: the recording's end), printed like a live snapshot. Nothing is read
// from this host. A cut or corrupt file is read up to the fault, which is said on stderr.
import { formatOffset } from '../../shared/recording-state'
import { EXIT_FAILED } from './exit-codes'
import { formatSummary } from './format-summary'
import { MomentError, readMoment } from './recorded-moment'
import type { CliIo } from './run'

export function snapshotFromRecording(from: string, at: string | null, json: boolean, io: CliIo): number {
  let moment
  try {
    moment = readMoment(from, at)
  } catch (error) {
    if (!(error instanceof MomentError)) throw error
    io.stderr(`glasshouse snapshot: ${error.message}\n`)
    return EXIT_FAILED
  }
  for (const note of moment.notes) io.stderr(`glasshouse snapshot: ${note}\n`)
  if (json) {
    io.stdout(JSON.stringify(moment.snapshot) + '\n')
    return 0
  }
  const recorded = moment.recorded
  const where = recorded
    ? `Recorded: ${from} at ${formatOffset(recorded.offsetMs)} of ${formatOffset(moment.durationMs ?? 0)} (${recorded.at}), ${recorded.events.length} event${recorded.events.length === 1 ? '' : 's'} up to then`
    : `From the snapshot file ${from} (taken ${moment.snapshot.takenAt})`
  const lines = formatSummary(moment.snapshot).split('\n')
  lines.splice(2, 0, where)
  io.stdout(lines.join('\n'))
  return 0
}
