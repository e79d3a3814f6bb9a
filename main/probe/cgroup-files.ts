// Reads one cgroup file into a value, or records why it could not: a missing or unreadable file, or content
// that does not parse, becomes a Problem for every field that depends on it, and the value stays null.
import type { Problem, ProblemField } from '../../shared/model'
import type { Parsed } from './cgroup-values'
import { childPath, malformed, readText } from './read-file'

export interface CgroupFiles {
  /**
   * Parsed content of `dir/name`; undefined (with a Problem per field recorded) when unreadable or malformed.
   * With `absent`, a file that does not exist yields `absent.value` and no Problem.
   */
  read<T>(
    dir: string,
    name: string,
    fields: readonly ProblemField[],
    parse: (text: string) => Parsed<T>,
    absent?: { value: T }
  ): T | undefined
  /** Records a Problem not tied to one file (e.g. no hierarchy for a controller). */
  report(fields: readonly ProblemField[], problem: Omit<Problem, 'field'>): void
  readonly problems: Problem[]
}

export function cgroupFiles(): CgroupFiles {
  const problems: Problem[] = []
  const report = (fields: readonly ProblemField[], problem: Omit<Problem, 'field'>): void => {
    for (const field of fields) problems.push({ field, ...problem })
  }
  return {
    problems,
    report,
    read<T>(
      dir: string,
      name: string,
      fields: readonly ProblemField[],
      parse: (text: string) => Parsed<T>,
      absent?: { value: T }
    ): T | undefined {
      // dir is a ControllerDir's (normalized); name a plain file name.
      const path = childPath(dir, name)
      // The Problem is re-recorded below for every field in `fields`.
      const text = readText(path, fields[0] ?? 'cgroups', 'missing')
      if (!text.ok && absent && text.problem.reason === 'missing') return absent.value
      if (!text.ok) {
        report(fields, { reason: text.problem.reason, message: text.problem.message })
        return undefined
      }
      const parsed = parse(text.value)
      if (parsed.ok) return parsed.value
      const { reason, message } = malformed(fields[0] ?? 'cgroups', path, parsed.detail)
      report(fields, { reason, message })
      return undefined
    }
  }
}
