// `glasshouse helper-bundle [-o FILE]`: the probe's files as the helper container reads them from stdin
// when its image brings its own Node (helper-bundle.ts), so the printed docker run command of that
// helper (`cat glasshouse-helper.bundle - | docker run …`) can be run, and audited, by hand.
import { writeFileSync } from 'node:fs'
import { bundledHelperScript } from '../kernel/helper-kernel-choice'
import { helperBundle } from '../kernel/helper-bundle'
import { HELPER_BUNDLE_USAGE } from './command-usage'
import { EXIT_FAILED } from './exit-codes'
import { parseOptions } from './parse-options'
import type { CliIo } from './run'

export async function helperBundleCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseOptions('helper-bundle', args, { output: { type: 'string', short: 'o' } }, HELPER_BUNDLE_USAGE, io)
  if ('exit' in parsed) return parsed.exit
  let bundle: Buffer
  try {
    bundle = helperBundle(bundledHelperScript())
  } catch (error) {
    io.stderr(`glasshouse helper-bundle: ${error instanceof Error ? error.message : String(error)}\n`)
    return EXIT_FAILED
  }
  const output = parsed.values.output
  if (output === undefined) process.stdout.write(bundle)
  else writeFileSync(output, bundle)
  return 0
}
