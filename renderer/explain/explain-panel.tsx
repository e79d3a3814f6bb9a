// The explanation drawer: one concept at a time, opened from any view's "Explain" buttons or
// with "?"; Escape or the close button shuts it. Focus moves into it and back out again.
import { useEffect, useRef } from 'react'
import { useApp } from '../store/app-store'
import { CONCEPT_IDS, type ConceptId } from '../store/ui-slice'
import { CONCEPTS } from './concepts'

export function ExplainPanel(): React.JSX.Element | null {
  const concept = useApp((s) => s.explain)
  const open = useApp((s) => s.openExplanation)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const returnTo = useRef<Element | null>(null)

  useEffect(() => {
    if (!concept) return
    returnTo.current ??= document.activeElement
    headingRef.current?.focus()
  }, [concept])

  if (!concept) return null
  const c = CONCEPTS[concept]
  const close = (): void => {
    open(null)
    const back = returnTo.current
    returnTo.current = null
    if (back instanceof HTMLElement) back.focus()
  }
  return (
    <aside className="explain-panel" role="dialog" aria-modal="false" aria-labelledby="explain-title">
      <header className="explain-panel__head">
        <h2 id="explain-title" tabIndex={-1} ref={headingRef}>
          {c.title}
        </h2>
        <button type="button" onClick={close} aria-label="Close the explanation">
          ✕
        </button>
      </header>
      <div className="explain-panel__body">
        {c.paragraphs.map((p) => (
          <p key={p.slice(0, 32)}>{p}</p>
        ))}
        <h3>Try it</h3>
        <pre className="explain-panel__try">{c.tryIt}</pre>
        <h3>In Glasshouse</h3>
        <p>{c.lookFor}</p>
      </div>
      <nav className="explain-panel__more" aria-label="Other explanations">
        {CONCEPT_IDS.filter((id) => id !== concept).map((id) => (
          <button key={id} type="button" className="link" onClick={() => open(id)}>
            {CONCEPTS[id].title.split(':')[0]}
          </button>
        ))}
      </nav>
    </aside>
  )
}

export function ExplainButton({ concept, children }: { concept: ConceptId; children?: React.ReactNode }): React.JSX.Element {
  const open = useApp((s) => s.openExplanation)
  const label = CONCEPTS[concept].title.split(':')[0] ?? concept
  return (
    <button type="button" className="explain-button" onClick={() => open(concept)} aria-label={`Explain: ${label}`}>
      <span aria-hidden="true">?</span> {children ?? label}
    </button>
  )
}
