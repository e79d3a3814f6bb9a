// `glasshouse diff A B [--json]`: what changed between two moments, each a snapshot file, a
// recording (its end) or FILE@30s. Exit 0 whether or not something changed (like `git diff`
// without --exit-code); 1 when a file cannot be read.
import { diffSnapshots } from '../../shared/selectors/snapshot-diff'
import { formatSnapshotDiff } from '../../shared/snapshot-diff-text'
import { DIFF_USAGE } from './command-usage'
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from './exit-codes'
import { MomentError, readMoment, type Moment } from './recorded-moment'
import type { CliIo } from './run'
import { parseArgs } from 'node:util'

export async function diffCommand(args: string[], io: CliIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ args, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true })
  } catch (error) {
    io.stderr(`glasshouse diff: ${(error as Error).message} (glasshouse diff --help)\n`)
    return EXIT_USAGE
  }
  if (parsed.values.help) {
    io.stdout(DIFF_USAGE)
    return EXIT_OK
  }
  if (parsed.positionals.length !== 2) {
    io.stderr(`glasshouse diff: give two moments to compare, A and B (got ${parsed.positionals.length})\n\n${DIFF_USAGE}`)
    return EXIT_USAGE
  }
  const moments: Moment[] = []
  for (const spec of parsed.positionals) {
    try {
      moments.push(readMoment(spec))
    } catch (error) {
      if (!(error instanceof MomentError)) throw error
      io.stderr(`glasshouse diff: ${error.message}\n`)
      return EXIT_FAILED
    }
  }
  const [a, b] = moments as [Moment, Moment]
  for (const note of [...a.notes, ...b.notes]) io.stderr(`glasshouse diff: ${note}\n`)
  const diff = diffSnapshots(a.snapshot, b.snapshot)
  // A moment of a recording is when it was, not when its structure was last read.
  if (a.recorded) diff.before.takenAt = a.recorded.at
  if (b.recorded) diff.after.takenAt = b.recorded.at
  io.stdout(parsed.values.json ? JSON.stringify({ a: a.label, b: b.label, ...diff }) + '\n' : formatSnapshotDiff(diff, { before: a.label, after: b.label }))
  return EXIT_OK
}
