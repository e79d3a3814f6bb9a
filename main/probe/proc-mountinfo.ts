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
    mounts.push({
      mountPoint,
      fsType,
      source: unescapeMountPath(fields[separator + 2] ?? ''),
      root,
      readOnly: isReadOnly(fields[5] ?? ''),
      kind: mountKind(mountPoint, fsType, root)
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
