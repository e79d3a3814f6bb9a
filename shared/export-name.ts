// The one pattern for an exported file's name, used where it is made (the page), checked (the
// contract, before any handler) and written (the desktop save): letters, digits, '-' and '_',
// starting with a letter or digit, then one dot and the extension of the file's type. So no dot
// file, no "..", no path separator, and an SVG is never saved as .png.
export type ExportMimeType = 'image/svg+xml' | 'image/png' | 'application/json' | 'application/x-ndjson' | 'text/html'
export type ExportExtension = 'svg' | 'png' | 'json' | 'ndjson' | 'html'

export const EXTENSION_OF: Record<ExportMimeType, ExportExtension> = {
  'image/svg+xml': 'svg',
  'image/png': 'png',
  'application/json': 'json',
  /** A recording made with the Record button. */
  'application/x-ndjson': 'ndjson',
  /** A demo's handout (presenter mode). */
  'text/html': 'html'
}

/** The longest name stem: with the extension, names stay far under every filesystem's limit. */
export const MAX_EXPORT_STEM = 120

const SAFE_NAME = new RegExp(`^[A-Za-z0-9][A-Za-z0-9_-]{0,${MAX_EXPORT_STEM - 1}}\\.(svg|png|json|ndjson|html)$`)

/** Whether `name` follows the pattern and ends in the extension of `mimeType`. */
export function isSafeExportName(name: unknown, mimeType: unknown): boolean {
  if (typeof name !== 'string' || typeof mimeType !== 'string' || !(mimeType in EXTENSION_OF)) return false
  const match = SAFE_NAME.exec(name)
  return match !== null && match[1] === EXTENSION_OF[mimeType as ExportMimeType]
}

/** Any text made into a stem part: runs of other characters (dots included) become one '-'. */
export function safeNamePart(text: string): string {
  return text.replace(/[^A-Za-z0-9_]+/g, '-').replace(/^[-_]+|-+$/g, '')
}
