// The mounts a process sees, from /proc/<pid>/mountinfo (kernel-facts §1.6):
// `id parent major:minor root mountpoint options [optional fields…] - fstype source superoptions`,
// with spaces, tabs, newlines and backslashes in paths escaped as octal (\040 \011 \012 \134).
import type { KernelMount, MountKind, Problem } from '../../shared/model'
import { malformed, readText } from './read-file'

export function unescapeMountPath(text: string): string {
  // Most paths have nothing escaped: skip the regex (a snapshot unescapes ~4,000 of them).
  if (!text.includes('\\')) return text
  return text.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)))
}

const SYSTEM_TREES = ['/proc', '/sys', '/dev']
const DOCKER_FILES = new Set(['/etc/resolv.conf', '/etc/hostname', '/etc/hosts'])

/** What Docker made this mount for, judged from where it is and what backs it. */
export function mountKind(mountPoint: string, fsType: string, root: string): MountKind {
  if (mountPoint === '/') return 'root'
  if (mountPoint.startsWith('/run/secrets/')) return 'secret'
  // Masked paths: the /dev/null of the container's /dev bound over a /proc file, or an empty tmpfs
  // over a directory (/proc/acpi, /sys/firmware) so the host's contents stay hidden.
  if (fsType === 'tmpfs' && (root === '/null' || mountPoint.startsWith('/proc/') || mountPoint === '/sys/firmware')) return 'masked'
  if (SYSTEM_TREES.some((tree) => mountPoint === tree || mountPoint.startsWith(tree + '/'))) return 'system'
  if (DOCKER_FILES.has(mountPoint) && root.includes('/containers/')) return 'docker-managed'
  if (root.includes('/volumes/') && root.endsWith('/_data')) return 'volume'
  if (fsType === 'tmpfs') return 'tmpfs'
  return 'bind'
}

/** Whether the per-mount options say read-only: the kernel prints ro or rw first (fs/proc_namespace.c). */
function isReadOnly(options: string): boolean {
  return options === 'ro' || options.startsWith('ro,')
}

/** Propagation from the optional fields between the mount options and the `-` (shared:N, master:N, unbindable). */
export function propagationOf(optional: readonly string[]): NonNullable<KernelMount['propagation']> {
  if (optional.includes('unbindable')) return 'unbindable'
  if (optional.some((f) => f.startsWith('shared:'))) return 'shared'
  if (optional.some((f) => f.startsWith('master:'))) return 'slave'
  return 'private'
}

/** The tmpfs `size=` super option in bytes (k, m, g suffixes); null when absent or not a plain size. */
export function tmpfsSizeOf(superOptions: string): number | null {
  const match = /(?:^|,)size=(\d+)([kmg]?)(?:,|$)/i.exec(superOptions)
  if (!match) return null
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(match[2] ?? '').toLowerCase()] ?? 1
  return Number(match[1]) * unit
}

export function parseMountinfo(text: string): { ok: true; value: KernelMount[] } | { ok: false; detail: string } {
  const mounts: KernelMount[] = []
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue
    const fields = line.split(' ')
    const separator = fields.indexOf('-', 6)
    if (separator < 0 || fields.length < separator + 3) return { ok: false, detail: `line ${index + 1} has no "- fstype source" part` }
    const root = unescapeMountPath(fields[3] ?? '')
    const mountPoint = unescapeMountPath(fields[4] ?? '')
    const fsType = fields[separator + 1] ?? ''
    const superOptions = fields[separator + 3] ?? ''
    mounts.push({
      mountPoint,
      fsType,
      source: unescapeMountPath(fields[separator + 2] ?? ''),
      root,
      readOnly: isReadOnly(fields[5] ?? ''),
      kind: mountKind(mountPoint, fsType, root),
      propagation: propagationOf(fields.slice(6, separator)),
      sizeBytes: fsType === 'tmpfs' ? tmpfsSizeOf(superOptions) : null
    })
  }
  return { ok: true, value: mounts }
}

export function readMounts(procRoot: string, pid: number): { mounts: KernelMount[] | null; problem: Problem | null } {
  const path = `${procRoot}/${pid}/mountinfo`
  const text = readText(path, 'mounts', 'exited')
  if (!text.ok) return { mounts: null, problem: text.problem }
  const parsed = parseMountinfo(text.value)
  return parsed.ok ? { mounts: parsed.value, problem: null } : { mounts: null, problem: malformed('mounts', path, parsed.detail) }
}
