// Entry of the `glasshouse` command (bundled to out/main/cli.js, started by bin/glasshouse.cjs).
import { runCli } from './run'

// Ctrl-C asks long-running commands (watch, serve) to finish cleanly; a second Ctrl-C leaves at once.
const interrupted = new AbortController()
const onSignal = (): void => {
  if (interrupted.signal.aborted) process.exit(130)
  interrupted.abort()
}
process.on('SIGINT', onSignal)
process.on('SIGTERM', onSignal)

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  signal: interrupted.signal,
  isTty: process.stdout.isTTY === true
}).then(
  (code) => {
    // Set, don't call process.exit(): a large JSON document piped to another program must drain first.
    process.exitCode = code
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  },
  (error: unknown) => {
    process.stderr.write(`glasshouse: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exitCode = 1
  }
)
