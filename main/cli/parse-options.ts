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
