// Entry of the `glasshouse` command (bundled to out/main/cli.js, started by bin/glasshouse.cjs).
import { runCli } from './run'

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env
}).then(
  (code) => {
    // Set, don't call process.exit(): a large JSON document piped to another program must drain first.
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`glasshouse: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exitCode = 1
  }
)
