// The custom seccomp profile the live-filter tests run a container under: everything allowed but chmod and
// mkdir (EPERM) and reboot (kills the process), so its decoded verdicts differ from Docker's default in
// both directions. Written to a fresh temporary folder; the caller removes `dir` when done.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const CUSTOM_PROFILE = {
  defaultAction: 'SCMP_ACT_ALLOW',
  syscalls: [
    { names: ['chmod', 'fchmodat', 'fchmodat2', 'mkdir', 'mkdirat'], action: 'SCMP_ACT_ERRNO', errnoRet: 1 },
    { names: ['reboot'], action: 'SCMP_ACT_KILL_PROCESS' }
  ]
}

/** The profile as a file for `--security-opt seccomp=<path>`. */
export function writeCustomProfile(prefix: string): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const path = join(dir, 'custom.json')
  writeFileSync(path, JSON.stringify(CUSTOM_PROFILE))
  return { dir, path }
}
