// Risky mounts, from the kernel's mount table joined with what Docker was asked: a host path bound
// writable, the host's / or /etc bound, and a secret also handed over as an environment variable
// (where `docker inspect`, child processes and /proc/<pid>/environ show it). The Docker socket has
// its own finding (findings.ts).
import type { ContainerInfo } from '../model'
import type { Severity } from './findings'
import { containerMounts, isSecretPath } from './mounts'

export interface MountFinding {
  kind: 'host-path-writable' | 'host-root-bound' | 'secret-in-env'
  severity: Severity
  title: string
  why: string
  evidence: string
  detail: string
}

const SENSITIVE_HOST_PATHS: Record<string, string> = {
  '/': "the host's whole file system",
  '/etc': "the host's configuration, with its password hashes (/etc/shadow) and sudoers"
}

export function mountFindings(c: ContainerInfo): MountFinding[] {
  const out: MountFinding[] = []
  const { rows } = containerMounts(c)
  for (const row of rows) {
    if (row.kind !== 'bind') continue
    const hostPath = row.hostPath ?? row.source
    const sensitive = SENSITIVE_HOST_PATHS[hostPath.replace(/(.)\/+$/, '$1')]
    if (sensitive) {
      out.push({
        kind: 'host-root-bound',
        severity: 'high',
        title: `the host's ${hostPath} bound`,
        why: `It sees ${sensitive}${row.readOnly ? '' : ', and can change it'}: the mount namespace no longer separates it from the host.`,
        evidence: `mount ${hostPath} → ${row.mountPoint}${row.readOnly ? ' (read-only)' : ' (writable)'}`,
        detail: row.mountPoint
      })
    } else if (!row.readOnly) {
      out.push({
        kind: 'host-path-writable',
        severity: 'medium',
        title: `host path bound writable: ${hostPath}`,
        why: 'What it writes there lands on the host, outside its own file system: files other programs on the host may read or run.',
        evidence: `mount ${hostPath} → ${row.mountPoint} (writable${row.propagation ? `, propagation ${row.propagation}` : ''})`,
        detail: row.mountPoint
      })
    }
  }
  const secrets = rows.filter((r) => r.kind === 'secret' && isSecretPath(r.mountPoint)).map((r) => r.mountPoint.slice('/run/secrets/'.length))
  for (const env of c.declaredExtra?.envNames ?? []) {
    // NAME_FILE=/run/secrets/name is the safe pattern: the variable holds the path, not the secret.
    if (/_FILE$/i.test(env)) continue
    const secret = secrets.find((s) => squash(s) !== '' && squash(s) === squash(env))
    if (secret) {
      out.push({
        kind: 'secret-in-env',
        severity: 'medium',
        title: `secret "${secret}" also in the environment`,
        why: 'An environment variable is copied to every child process, shown by docker inspect and readable in /proc/<pid>/environ: the tmpfs file alone keeps a secret out of those.',
        evidence: `file /run/secrets/${secret} and variable ${env}`,
        detail: env
      })
    }
  }
  return out
}

/** Secret and variable names compared without case or separators: db-password ~ DB_PASSWORD. */
function squash(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '')
}
