import { memo } from 'react'
import type { RiskBadge } from '../../shared/selectors/container-risks'

const LEVEL_MARK: Record<RiskBadge['level'], string> = { high: '▲', medium: '◆', low: '●' }

/** Risk badges as text with a shape for the level; the sentence is the tooltip and accessible description. */
export const RiskBadges = memo(function RiskBadges({ badges }: { badges: readonly RiskBadge[] }): React.JSX.Element | null {
  if (badges.length === 0) return null
  return (
    <ul className="badges" aria-label="risky settings">
      {badges.map((b) => (
        <li key={b.kind} className={`badge badge--${b.level}`} title={b.description}>
          <span aria-hidden="true">{LEVEL_MARK[b.level]} </span>
          {b.label}
          <span className="visually-hidden">: {b.description}</span>
        </li>
      ))}
    </ul>
  )
})
