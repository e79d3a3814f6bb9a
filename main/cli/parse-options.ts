// Option parsing shared by the commands: node:util parseArgs, with usage on error.
import { parseArgs, type ParseArgsConfig } from 'node:util'
import type { CliIo } from './run'

type Options = NonNullable<ParseArgsConfig['options']>

/** Parsed values, or an exit code when the arguments were wrong or help was asked for. */
export function parseOptions<T extends Options>(
  command: string,
  args: string[],
  options: T,
  usage: string,
  io: CliIo
): { values: ReturnType<typeof parseArgs<{ options: T; args: string[]; strict: true; allowPositionals: false }>>['values'] } | { exit: number } {
  try {
    const parsed = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false })
    if ((parsed.values as { help?: boolean }).help) {
      io.stdout(usage)
      return { exit: 0 }
    }
    return { values: parsed.values as never }
  } catch (error) {
    io.stderr(`glasshouse ${command}: ${(error as Error).message}\n\n${usage}`)
    return { exit: 2 }
  }
}
