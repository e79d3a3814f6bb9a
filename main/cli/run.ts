// Command dispatch for `glasshouse`. Returns an exit code instead of exiting, so tests can call it.
// Each command lives in its own file and registers here with its usage text. A command's code is loaded
// only when it runs (a dynamic import: its own chunk in the build), so `snapshot` does not pay for
// loading the server, the WebSocket library or the live session, nor `--help` for any of them.
import { DockerHostError } from '../engine/docker-host-error'
import { DEMO_USAGE, DIFF_USAGE, HELPER_BUNDLE_USAGE, OBSERVE_USAGE, RECORD_USAGE, SERVE_USAGE, SNAPSHOT_USAGE, WATCH_USAGE } from './command-usage'

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: NodeJS.ProcessEnv
  /** Aborted on Ctrl-C: long-running commands (watch, serve) end cleanly when it fires. */
  signal?: AbortSignal
  /** Whether stdout is a terminal (watch draws a live table only then). */
  isTty?: boolean
}

export interface Command {
  summary: string
  usage: string
  load: () => Promise<CommandRun>
}

export type CommandRun = (args: string[], io: CliIo) => Promise<number>

const COMMANDS: Record<string, Command> = {
  snapshot: {
    summary: 'print one snapshot of the host',
    usage: SNAPSHOT_USAGE,
    load: async () => (await import('./snapshot-command')).snapshotCommand
  },
  watch: {
    summary: 'follow usage, limits and events live (a table, or JSON lines)',
    usage: WATCH_USAGE,
    load: async () => (await import('./watch-command')).watchCommand
  },
  record: {
    summary: 'write the live session to a recording file (replay it in the app, compare moments)',
    usage: RECORD_USAGE,
    load: async () => (await import('./record-command')).recordCommand
  },
  diff: {
    summary: 'what changed between two snapshots, recordings or moments of a recording',
    usage: DIFF_USAGE,
    load: async () => (await import('./diff-command')).diffCommand
  },
  serve: {
    summary: 'serve the app to a browser on this machine (prints its address)',
    usage: SERVE_USAGE,
    load: async () => (await import('./serve-command')).serveCommand
  },
  observe: {
    summary: 'watch which capabilities and syscalls a container uses; suggest smaller privileges',
    usage: OBSERVE_USAGE,
    load: async () => (await import('./observe-command')).observeCommand
  },
  demo: {
    summary: 'classroom demos: list, run NAME [--step], clean',
    usage: DEMO_USAGE,
    load: async () => (await import('./demo-command')).demoCommand
  },
  'helper-bundle': {
    summary: "write the helper container's files, as it reads them from stdin (own-Node images)",
    usage: HELPER_BUNDLE_USAGE,
    load: async () => (await import('./helper-bundle-command')).helperBundleCommand
  }
}

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length)) + 4
  const list = Object.entries(COMMANDS)
    .map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`)
    .join('\n')
  const details = Object.values(COMMANDS)
    .map((c) => c.usage)
    .join('\n')
  return `Usage: glasshouse <command> [options]

Commands:
${list}

${details}
The Docker daemon is found like the docker CLI finds it: --docker-host/--context, DOCKER_HOST, DOCKER_CONTEXT,
the current context (docker context use), else the default socket (or rootless Docker's, or Podman's).
Run as root for the full picture; as another user, namespaces and some files read as unknown.
`
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io.stdout(usage())
    return name === undefined ? 2 : 0
  }
  const command = COMMANDS[name]
  if (!command) {
    io.stderr(`glasshouse: unknown command "${name}"\n\n${usage()}`)
    return 2
  }
  const run = await command.load()
  try {
    return await run(rest, io)
  } catch (error) {
    // Bad input from the environment, like a bad option: one line, exit 2.
    if (!(error instanceof DockerHostError)) throw error
    io.stderr(`glasshouse: ${error.message}\n`)
    return 2
  }
}
