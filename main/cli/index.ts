// Entry of the `glasshouse` command (bundled to out/main/cli.js, started by bin/glasshouse.cjs).
import { EXIT_FAILED, EXIT_OK, signalExitCode } from './exit-codes'
import { runCli } from './run'

// Ctrl-C (or SIGTERM) asks the command to finish cleanly; the signal's name is the abort reason, so
// the command exits 130 or 143. A second signal, or one after the command finished (while its output
// drains), leaves at once with that code. The handlers stay: a signal caught while the last output
// was written must not be lost and turn into exit code 0.
const interrupted = new AbortController()
let finished = false
const onSignal = (signal: NodeJS.Signals): void => {
  if (interrupted.signal.aborted) process.exit(signalExitCode(interrupted.signal.reason) ?? EXIT_FAILED)
  if (finished) process.exit(signalExitCode(signal) ?? EXIT_FAILED)
  interrupted.abort(signal)
}
process.on('SIGINT', onSignal)
process.on('SIGTERM', onSignal)

// The reader went away (`glasshouse watch --json | head -1`): nobody is left to read what follows,
// so end quietly, as a program killed by SIGPIPE would, instead of with a stack trace.
const onOutputError = (error: NodeJS.ErrnoException): void => {
  if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') process.exit(signalExitCode(interrupted.signal.reason) ?? EXIT_OK)
  // Any other failure to write: say it once where it can still be read, if anywhere.
  process.stderr.write(`glasshouse: cannot write the output: ${error.message}\n`, () => process.exit(EXIT_FAILED))
}
process.stdout.on('error', onOutputError)
process.stderr.on('error', () => process.exit(signalExitCode(interrupted.signal.reason) ?? EXIT_FAILED))

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  signal: interrupted.signal,
  isTty: process.stdout.isTTY === true
}).then(
  (code) => {
    // Set, don't call process.exit(): a large JSON document piped to another program must drain first.
    finished = true
    process.exitCode = code
    // Stopped by a signal: work the command left behind (a snapshot half taken) must not hold the exit.
    if (interrupted.signal.aborted) exitOnceDrained(code)
  },
  (error: unknown) => {
    process.stderr.write(`glasshouse: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exitCode = EXIT_FAILED
  }
)

function exitOnceDrained(code: number): void {
  if (process.stdout.writableLength === 0) process.exit(code)
  process.stdout.once('drain', () => process.exit(code))
}
