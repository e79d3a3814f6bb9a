import type { Severity } from '../../shared/selectors/findings'

const MARK: Record<Severity, string> = { high: '▲', medium: '◆', low: '●' }

/** Severity as a shape and a word, coloured: never colour alone. */
export function SeverityTag({ severity }: { severity: Severity }): React.JSX.Element {
  return (
    <span className={`severity severity--${severity}`}>
      <span aria-hidden="true">{MARK[severity]}</span> {severity}
    </span>
  )
}
