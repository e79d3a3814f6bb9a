// Option parsing shared by the commands: node:util parseArgs, with one line of our own on error.
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { EXIT_OK, EXIT_USAGE } from './exit-codes'
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
  const all: Options = { ...options, help: { type: 'boolean', short: 'h' } }
  try {
    const parsed = parseArgs({ args: joinDashValues(args, all), options: all, strict: true, allowPositionals: false })
    if ((parsed.values as { help?: boolean }).help) {
      io.stdout(usage)
      return { exit: EXIT_OK }
    }
    return { values: parsed.values as never }
  } catch (error) {
    io.stderr(`glasshouse ${command}: ${describeParseError(error)} (glasshouse ${command} --help lists the options)\n`)
    return { exit: EXIT_USAGE }
  }
}

/**
 * `--interval -1` → `--interval=-1`. parseArgs reads a value that starts with a dash as a possible
 * option and refuses it in its own words; joined, the value reaches the command's own check, which
 * says what is allowed. A following word that is one of our options is left alone (a missing value).
 */
export function joinDashValues(args: readonly string[], options: Options): string[] {
  const takesValue = new Set<string>()
  const known = new Set<string>()
  for (const [name, option] of Object.entries(options)) {
    known.add(`--${name}`)
    if (option.short) known.add(`-${option.short}`)
    if (option.type === 'string') {
      takesValue.add(`--${name}`)
      if (option.short) takesValue.add(`-${option.short}`)
    }
  }
  const joined: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    const next = args[i + 1]
    if (arg === '--') {
      joined.push(...args.slice(i))
      break
    }
    if (takesValue.has(arg) && next !== undefined && next.startsWith('-') && next !== '--' && !known.has(next.split('=')[0]!)) {
      joined.push(`${arg}=${next}`)
      i++
    } else {
      joined.push(arg)
    }
  }
  return joined
}

/** parseArgs' errors, said in one short sentence that names the option. */
function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const code = (error as { code?: string }).code
  // "Option '-h, --help' does not take an argument": the long name is the last one quoted.
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? ''
  const option = quoted.match(/-{1,2}[A-Za-z][\w-]*/g)?.at(-1) ?? quoted
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option '${option}'`
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument '${option}'`
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return message.includes('does not take an argument') ? `${option} takes no value` : `${option} needs a value`
    default:
      return message
  }
}

/** Where the Docker daemon is, as the docker CLI's global flags say it (see ENGINE_USAGE). */
export const ENGINE_OPTIONS = {
  'docker-host': { type: 'string' },
  context: { type: 'string' }
} as const satisfies Options

/** snapshot and watch also take the docker CLI's own spelling (serve's --host is its listen address). */
export const ENGINE_HOST_OPTION = { host: { type: 'string', short: 'H' } } as const satisfies Options

export const ENGINE_USAGE = `  --docker-host URL   the Docker daemon to ask (like docker -H; wins over DOCKER_HOST and contexts)
  --context NAME      the docker CLI context to use (like docker --context; wins over DOCKER_HOST)
`

/** The endpoint flags given, for createDockerClient. */
export function engineFlags(values: { host?: string; 'docker-host'?: string; context?: string }): { host?: string; context?: string } {
  return { host: values['docker-host'] ?? values.host, context: values.context }
}
