// Export: the current view as SVG or PNG, the snapshot as JSON.
import { useEffect, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import type { ExportFile } from '../../shared/contract'
import { serializeView } from '../export/serialize-svg'
import { svgToPngBase64 } from '../export/rasterize'
import { exportName, saveFile } from '../export/save-file'
import { useSession } from '../session-context'
import { useApp } from '../store/app-store'
import { VIEW_LABELS } from '../store/ui-slice'

export function ExportMenu(): React.JSX.Element {
  const session = useSession()
  const snapshot = useApp((s) => s.snapshot)
  const view = useApp((s) => s.view)
  const setExportingPicture = useApp((s) => s.setExportingPicture)
  const [open, setOpen] = useState(false)
  const showNotice = useApp((s) => s.showNotice)
  // Said in the status line's transient notice: it goes away by itself and covers no button.
  const setMessage = (text: string, tone: 'info' | 'alert' = 'info'): void => showNotice(text, { tone, ms: tone === 'alert' ? 12_000 : 6000 })
  const ref = useRef<HTMLDivElement>(null)

  const target = session ? { carrier: session.carrier, bridge: session.bridge } : null

  const run = async (kind: 'svg' | 'png' | 'json'): Promise<void> => {
    setOpen(false)
    if (!snapshot) return
    try {
      let file: ExportFile
      if (kind === 'json') {
        file = {
          suggestedName: exportName('snapshot', snapshot.host.hostname, snapshot.takenAt, 'json'),
          mimeType: 'application/json',
          data: JSON.stringify(snapshot, null, 2),
          encoding: 'utf8'
        }
      } else {
        const svg = serializeCurrentView(setExportingPicture, `Glasshouse · ${VIEW_LABELS[view]} · ${snapshot.host.hostname} · ${snapshot.takenAt}`)
        if (!svg) {
          setMessage('This view has no picture to export.', 'alert')
          return
        }
        const name = exportName(view, snapshot.host.hostname, snapshot.takenAt, kind)
        file =
          kind === 'svg'
            ? { suggestedName: name, mimeType: 'image/svg+xml', data: svg.text, encoding: 'utf8' }
            : { suggestedName: name, mimeType: 'image/png', data: await svgToPngBase64(svg), encoding: 'base64' }
      }
      const outcome = await saveFile(file, target)
      if (outcome.ok) setMessage(`Saved to ${outcome.where}`)
      else setMessage(outcome.message, 'alert')
    } catch (error) {
      setMessage(`Export failed: ${error instanceof Error ? error.message : String(error)}`, 'alert')
    }
  }

  // The desktop menu's File › Export items arrive as requests in the store.
  const request = useApp((s) => s.exportRequest)
  const handled = useRef(0)
  useEffect(() => {
    if (!request || request.seq === handled.current) return
    handled.current = request.seq
    // Out of the effect: the export brings off-screen parts up to date with flushSync, which React refuses inside a commit.
    queueMicrotask(() => void run(request.format))
  })

  return (
    <div className="menu" ref={ref} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)} onBlur={(e) => !ref.current?.contains(e.relatedTarget) && setOpen(false)}>
      <button type="button" aria-expanded={open} aria-haspopup="true" onClick={() => setOpen(!open)} disabled={!snapshot}>
        Export
      </button>
      {open && (
        <div className="menu__popover" role="menu" aria-label="Export">
          <button type="button" role="menuitem" className="menu__item" onClick={() => void run('svg')}>
            {VIEW_LABELS[view]} view as SVG
          </button>
          <button type="button" role="menuitem" className="menu__item" onClick={() => void run('png')}>
            {VIEW_LABELS[view]} view as PNG
          </button>
          <button type="button" role="menuitem" className="menu__item" onClick={() => void run('json')}>
            Snapshot as JSON
          </button>
        </div>
      )}
    </div>
  )
}

/** The current view's picture, with every part drawn up to date (off-screen ones included) for the moment it is read. */
function serializeCurrentView(setExportingPicture: (exporting: boolean) => void, title: string): ReturnType<typeof serializeView> {
  const root = document.querySelector('[data-export-root]')
  if (!root) return null
  flushSync(() => setExportingPicture(true))
  try {
    const css = getComputedStyle(document.documentElement)
    return serializeView(root, {
      title,
      background: css.getPropertyValue('--bg').trim() || '#ffffff',
      textColor: css.getPropertyValue('--text').trim() || '#000000'
    })
  } finally {
    setExportingPicture(false)
  }
}
