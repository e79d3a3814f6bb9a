// An unprivileged user made for a test, in the group that may use the daemon's socket, and how to run a
// command as that user with its own environment (its home, no root's docker config). Removed by `remove`.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'

export interface SocketUser {
  name: string
  uid: number
  home: string
  /** `setpriv` as this user, running `argv` (executable first). */
  command(argv: readonly string[]): { file: string; args: string[]; env: NodeJS.ProcessEnv }
  remove(): void
}

export function createSocketUser(name: string): SocketUser {
  const socketGroup = execFileSync('stat', ['-c', '%G', '/var/run/docker.sock'], { encoding: 'utf8' }).trim()
  execFileSync('useradd', ['--no-create-home', '--no-user-group', '--gid', 'nogroup', '--groups', socketGroup, name])
  const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim())
  const home = mkdtempSync(join(tmpdir(), `glasshouse-${name}-`))
  chmodSync(home, 0o777)
  return {
    name,
    uid,
    home,
    command: (argv) => ({ file: 'setpriv', args: [`--reuid=${uid}`, '--regid=65534', '--init-groups', ...argv], env: { PATH: process.env.PATH, HOME: home } }),
    remove: () => {
      try {
        execFileSync('userdel', [name])
      } catch {
        // Already gone: nothing to remove.
      }
      rmSync(home, { recursive: true, force: true })
    }
  }
}
