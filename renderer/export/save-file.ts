// Saving an export: through the contract's export:save in the desktop app (a native save
// dialog), as a download in a browser.
import type { ExportFile, GlasshouseBridge } from '../../shared/contract'
import { MAX_EXPORT_STEM, safeNamePart, type ExportExtension } from '../../shared/export-name'

export type SaveOutcome = { ok: true; where: string } | { ok: false; message: string }

export async function saveFile(file: ExportFile, target: { carrier: 'electron' | 'serve'; bridge: GlasshouseBridge } | null): Promise<SaveOutcome> {
  if (target?.carrier === 'electron') {
    const result = await target.bridge.invoke('export:save', file)
    if (!result.ok) return { ok: false, message: result.error.message }
    return result.value.path === null ? { ok: false, message: 'Saving was cancelled.' } : { ok: true, where: result.value.path }
  }
  download(file)
  return { ok: true, where: `your downloads (${file.suggestedName})` }
}

function download(file: ExportFile): void {
  const bytes = file.encoding === 'base64' ? Uint8Array.from(atob(file.data), (c) => c.charCodeAt(0)) : new TextEncoder().encode(file.data)
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }))
  const a = document.createElement('a')
  a.href = url
  a.download = file.suggestedName
  a.rel = 'noopener'
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** "glasshouse-cgroups-vm-2026-11-28T16-56-03.svg": always matches isSafeExportName for its type. */
export function exportName(kind: string, hostname: string, takenAt: string, extension: ExportExtension): string {
  const stamp = takenAt.replace(/\.\d+Z?$/, '')
  const stem = ['glasshouse', kind, hostname, stamp].map(safeNamePart).filter((part) => part !== '').join('-')
  return `${stem.slice(0, MAX_EXPORT_STEM).replace(/-+$/, '')}.${extension}`
}
