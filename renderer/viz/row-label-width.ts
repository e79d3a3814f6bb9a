// The width of a matrix's row-name column in presenter mode: wide enough for the names given (the selected
// container's: demo containers are called gh-<demo>-<role>, which 10 em cut to "gh-cap-dro…"), within bounds
// so that the matrix keeps its columns. Elsewhere the column keeps its 10 em and names are cut (a tooltip
// gives them whole).
import { BOLD_FACTOR } from './text-metrics'

const MIN_EM = 10
const MAX_EM = 17

/** `reserved`: what the column holds beside the name (a count, the selection mark), in px. */
export function rowLabelWidth(names: readonly string[], fontPx: number, unit: number, reserved: number): number {
  // Measured as bold: the selected row's name is drawn bold, and the estimate must not cut it.
  const longest = Math.max(0, ...names.map((name) => name.length * BOLD_FACTOR * fontPx))
  return Math.ceil(Math.min(unit * MAX_EM, Math.max(unit * MIN_EM, longest + reserved)))
}
