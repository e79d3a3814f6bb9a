// Questions a view asks of Problems, typed by the fields producers really name (ProblemField).
import type { Problem, ProblemField } from '../model'

/** True when one of `problems` says `field` could not be read. */
export function hasProblem(problems: readonly Problem[], ...fields: ProblemField[]): boolean {
  return problems.some((p) => fields.includes(p.field))
}
