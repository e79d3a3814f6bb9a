// Text widths estimated from character counts: layouts stay pure (no DOM) and fast. The
// factors are generous averages for the fonts in theme.css, so text fits rather than overflows.
export const MONO_FACTOR = 0.62
export const SANS_FACTOR = 0.58
/** Bold text runs wider. */
export const BOLD_FACTOR = 0.66

export function monoWidth(text: string, fontPx: number): number {
  return text.length * MONO_FACTOR * fontPx
}

export function sansWidth(text: string, fontPx: number): number {
  return text.length * SANS_FACTOR * fontPx
}

/** Cuts text to fit a width, with an ellipsis. */
export function fitText(text: string, width: number, fontPx: number, factor = SANS_FACTOR): string {
  const max = Math.floor(width / (factor * fontPx))
  if (text.length <= max) return text
  return max <= 1 ? '…' : `${text.slice(0, max - 1)}…`
}
