// export:save in the desktop app: ask where (a native save dialog), then write the file the
// page prepared. The dialog is injected, so this runs without Electron in tests.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ExportFile } from '../../shared/contract'

export interface SaveDialogOptions {
  title: string
  defaultPath: string
  filters: { name: string; extensions: string[] }[]
}

export type ShowSaveDialog = (options: SaveDialogOptions) => Promise<{ canceled: boolean; filePath?: string | undefined }>

const FILTERS: Record<ExportFile['mimeType'], { name: string; extensions: string[] }> = {
  'image/svg+xml': { name: 'SVG image', extensions: ['svg'] },
  'image/png': { name: 'PNG image', extensions: ['png'] },
  'application/json': { name: 'JSON document', extensions: ['json'] }
}

export function fileBytes(file: ExportFile): Buffer {
  return file.encoding === 'base64' ? Buffer.from(file.data, 'base64') : Buffer.from(file.data, 'utf8')
}

/** The saved path, or null when the user cancelled. */
export async function saveExport(file: ExportFile, showSaveDialog: ShowSaveDialog, defaultDir: string): Promise<{ path: string | null }> {
  const filter = FILTERS[file.mimeType]
  const choice = await showSaveDialog({ title: 'Export', defaultPath: join(defaultDir, file.suggestedName), filters: [filter] })
  if (choice.canceled || !choice.filePath) return { path: null }
  await writeFile(choice.filePath, fileBytes(file))
  return { path: choice.filePath }
}
