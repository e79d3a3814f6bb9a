// recording:open-file in the desktop app: a native open dialog, then the file the user chose, read
// like any recording (a damaged file opens up to its fault). The dialog is injected, so this runs
// without Electron in tests. The page never names the path: only the dialog does.
import type { Recording } from '../../shared/contract'
import { openRecordingFile } from '../backend/recordings'

export interface OpenDialogOptions {
  title: string
  properties: Array<'openFile'>
  filters: { name: string; extensions: string[] }[]
}

export type ShowOpenDialog = (options: OpenDialogOptions) => Promise<{ canceled: boolean; filePaths: string[] }>

/** The recording, or null when the user cancelled. */
export async function openRecordingFromDialog(showOpenDialog: ShowOpenDialog): Promise<Recording | null> {
  const choice = await showOpenDialog({
    title: 'Open a recording',
    properties: ['openFile'],
    filters: [
      { name: 'Glasshouse recordings', extensions: ['ndjson', 'jsonl', 'json'] },
      { name: 'All files', extensions: ['*'] }
    ]
  })
  const path = choice.filePaths[0]
  if (choice.canceled || path === undefined) return null
  return openRecordingFile(path)
}
