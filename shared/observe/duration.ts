// "60s", "2m", "500ms", "90" (seconds) → seconds; null when the text is not a duration.
export function parseDurationSeconds(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim())
  if (!m) return null
  const value = Number(m[1])
  const unit = m[2] ?? 's'
  const factor = unit === 'ms' ? 0.001 : unit === 'm' ? 60 : unit === 'h' ? 3600 : 1
  return value * factor
}
