// The Demos panel: every classroom demo, each started in presenter mode with one key or click.
// Nothing runs from here; the first step runs on the presenter's first → .
import './demos-panel.css'
import { useEffect, useRef, useState } from 'react'
import type { DemoListing } from '../../shared/demos/types'
import { useSession } from '../session-context'
import { useApp } from '../store/app-store'

export function DemosPanel(): React.JSX.Element | null {
  const open = useApp((s) => s.demosOpen)
  const setOpen = useApp((s) => s.setDemosOpen)
  const start = useApp((s) => s.startPresenter)
  const live = useApp((s) => s.source.kind === 'live')
  const session = useSession()
  const [demos, setDemos] = useState<DemoListing[] | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const listRef = useRef<HTMLUListElement>(null)

  useEffect(() => {
    if (!open || !session || demos) return
    void session.bridge.invoke('demo:list').then((result) => (result.ok ? setDemos(result.value) : setProblem(result.error.message)))
  }, [open, session, demos])
  useEffect(() => {
    if (open && demos) listRef.current?.querySelector<HTMLButtonElement>('button')?.focus()
  }, [open, demos])

  if (!open) return null
  const onKey = (e: React.KeyboardEvent): void => {
    if (e.key === 'Escape') {
      setOpen(false)
      e.stopPropagation()
      return
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return
    const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])]
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement)
    buttons[(i + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]?.focus()
    e.preventDefault()
  }
  return (
    <div className="demos-panel" role="dialog" aria-modal="false" aria-label="Demos" onKeyDown={onKey}>
      <header className="demos-panel__head">
        <h2>Demos</h2>
        <p>
          Each demo starts containers on this host, step by step, only when you press → in presenter mode, and removes them at the end. Every container
          carries the label glasshouse.demo.
        </p>
        <button type="button" onClick={() => setOpen(false)} aria-label="Close the demos">
          ✕
        </button>
      </header>
      {!live && <p className="demos-panel__problem">A recording is shown: return to the live host to run demos.</p>}
      {problem && <p className="demos-panel__problem">{problem}</p>}
      {!demos && !problem && <p>Loading the demos…</p>}
      <ul className="demos-panel__list" ref={listRef}>
        {demos?.map((demo) => (
          <li key={demo.id}>
            <button type="button" disabled={!live} onClick={() => start(demo)} data-demo={demo.id}>
              <strong>{demo.title}</strong>
              <span>{demo.concept}</span>
              <small>
                {demo.steps.length} step{demo.steps.length === 1 ? '' : 's'} · glasshouse demo run {demo.id}
              </small>
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}
