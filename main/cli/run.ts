// Command dispatch for `glasshouse`. Returns an exit code instead of exiting, so tests can call it.
import { parseArgs } from 'node:util'
import { snapshotCommand } from './snapshot-command'

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: NodeJS.ProcessEnv
}

export const USAGE = `Usage: glasshouse <command> [options]

Commands:
  snapshot            print one snapshot of the host: containers, their processes,
                      namespaces, capabilities, seccomp and cgroup limits

Options for snapshot:
  --json              print the whole snapshot as one JSON document
  --no-engine         do not ask the Docker daemon; show the kernel's view only
  --proc-root DIR     read processes from DIR instead of /proc
  --cgroup-root DIR   read cgroups from DIR instead of /sys/fs/cgroup
  -h, --help          show this help

The Docker daemon is found like the docker CLI finds it: DOCKER_HOST, else the default socket.
Run as root for the full picture; as another user, namespaces and some files read as unknown.
`

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.stdout(USAGE)
    return command === undefined ? 2 : 0
  }
  if (command !== 'snapshot') {
    io.stderr(`glasshouse: unknown command "${command}"\n\n${USAGE}`)
    return 2
  }
  let values
  try {
    values = parseArgs({
      args: rest,
      options: {
        json: { type: 'boolean', default: false },
        'no-engine': { type: 'boolean', default: false },
        'proc-root': { type: 'string' },
        'cgroup-root': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false }
      },
      strict: true,
      allowPositionals: false
    }).values
  } catch (error) {
    io.stderr(`glasshouse snapshot: ${(error as Error).message}\n\n${USAGE}`)
    return 2
  }
  if (values.help) {
    io.stdout(USAGE)
    return 0
  }
  return snapshotCommand(
    {
      json: values.json ?? false,
      useEngine: !values['no-engine'],
      procRoot: values['proc-root'] ?? '/proc',
      cgroupRoot: values['cgroup-root'] ?? '/sys/fs/cgroup'
    },
    io
  )
}
