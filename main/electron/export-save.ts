// export:save in the desktop app: ask where (a native save dialog), then write the file the
// page prepared. The dialog is injected, so this runs without Electron in tests. The suggested
// name is checked again here (the contract already refused others): this is where it meets disk.
import { writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { ExportFile } from '../../shared/contract'
import { EXTENSION_OF, isSafeExportName } from '../../shared/export-name'
import { BackendError } from '../backend/backend'

export interface SaveDialogOptions {
  title: string
  defaultPath: string
  filters: { name: string; extensions: string[] }[]
}

export type ShowSaveDialog = (options: SaveDialogOptions) => Promise<{ canceled: boolean; filePath?: string | undefined }>

const FILTER_NAMES: Record<ExportFile['mimeType'], string> = {
  'image/svg+xml': 'SVG image',
  'image/png': 'PNG image',
  'application/json': 'JSON document',
  'application/x-ndjson': 'Glasshouse recording',
  'text/html': 'HTML handout'
}

export function fileBytes(file: ExportFile): Buffer {
  return file.encoding === 'base64' ? Buffer.from(file.data, 'base64') : Buffer.from(file.data, 'utf8')
}

/**
 * The path the user chose, ending in the extension of the file's type: some dialogs (GTK) do not
 * add it from the filter, and a PNG saved as "picture" or "picture.svg" would open as nothing.
 */
export function withTypeExtension(path: string, mimeType: ExportFile['mimeType']): string {
  const extension = `.${EXTENSION_OF[mimeType]}`
  return basename(path).toLowerCase().endsWith(extension) ? path : path + extension
}

/** The saved path, or null when the user cancelled. */
export async function saveExport(file: ExportFile, showSaveDialog: ShowSaveDialog, defaultDir: string): Promise<{ path: string | null }> {
  if (!isSafeExportName(file.suggestedName, file.mimeType)) throw new BackendError('bad-request', 'export:save: bad file name')
  const extension = EXTENSION_OF[file.mimeType]
  const choice = await showSaveDialog({
    title: 'Export',
    defaultPath: join(defaultDir, file.suggestedName),
    filters: [{ name: FILTER_NAMES[file.mimeType], extensions: [extension] }]
  })
  if (choice.canceled || !choice.filePath) return { path: null }
  const path = withTypeExtension(choice.filePath, file.mimeType)
  await writeFile(path, fileBytes(file))
  return { path }
}
