// Reading kernel files without crashing. Sync reads on purpose: /proc and cgroupfs files
// report size 0 or 4096, so async reads cost extra round trips (kernel-facts §1.9).
import { readFileSync, readlinkSync } from 'node:fs'
import type { Problem, ProblemField, ReadFailureReason } from '../../shared/model'

export type ReadResult<T> = { ok: true; value: T } | { ok: false; problem: Problem }

/** How to read an ENOENT: under /proc/<pid> it means the process exited, elsewhere the file is absent. */
export type MissingMeans = 'exited' | 'missing'

export function reasonForError(error: unknown, enoent: MissingMeans): ReadFailureReason {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  switch (code) {
    case 'ENOENT':
      return enoent
    case 'ESRCH':
      return 'exited'
    case 'EACCES':
    case 'EPERM':
      return 'denied'
    default:
      return 'missing'
  }
}

export function problemFromError(field: ProblemField, path: string, error: unknown, enoent: MissingMeans): Problem {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'error'
  return { field, reason: reasonForError(error, enoent), message: `${code} reading ${path}` }
}

export function malformed(field: ProblemField, path: string, detail: string): Problem {
  return { field, reason: 'malformed', message: `${path}: ${detail}` }
}

export function readText(path: string, field: ProblemField, enoent: MissingMeans): ReadResult<string> {
  try {
    return { ok: true, value: readFileSync(path, 'utf8') }
  } catch (error) {
    return { ok: false, problem: problemFromError(field, path, error, enoent) }
  }
}

/** The text, or null when unreadable for any reason: for callers that record no Problem. */
export function readTextOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return null
  }
}

export function readLink(path: string, field: ProblemField, enoent: MissingMeans): ReadResult<string> {
  try {
    return { ok: true, value: readlinkSync(path) }
  } catch (error) {
    return { ok: false, problem: problemFromError(field, path, error, enoent) }
  }
}

/**
 * `path.join(dir, name)` for a `dir` that join already normalized and a `name` without `.`, `..` or empty
 * segments: the same string without normalizing the whole path again (a cold snapshot joins ~1,200 paths).
 */
export function childPath(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`
}
