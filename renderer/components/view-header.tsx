// The head of each view: its title, one line on what it shows, and its explanations.
import { ExplainButton } from '../explain/explain-panel'
import type { ConceptId } from '../store/ui-slice'

export function ViewHeader({ title, lead, concepts, children }: { title: string; lead: React.ReactNode; concepts: ConceptId[]; children?: React.ReactNode }): React.JSX.Element {
  return (
    <header className="view-header">
      <div className="view-header__text">
        <h2>{title}</h2>
        <p className="muted">{lead}</p>
      </div>
      <div className="view-header__tools">
        {children}
        {concepts.map((c) => (
          <ExplainButton key={c} concept={c} />
        ))}
      </div>
    </header>
  )
}
