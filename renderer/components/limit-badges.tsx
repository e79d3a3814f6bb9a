import { memo } from 'react'
import type { LimitBadge } from '../selectors/limit-events'

/** The limits a container hit since the page opened ("OOM-killed ×2"); the newest sentence is the tooltip. */
export const LimitBadges = memo(function LimitBadges({ badges }: { badges: readonly LimitBadge[] }): React.JSX.Element | null {
  if (badges.length === 0) return null
  return (
    <ul className="badges badges--limits" aria-label="limits hit">
      {badges.map((b) => (
        <li key={b.kind} className={`badge badge--${b.level} badge--limit`} title={b.description}>
          <span aria-hidden="true">⚡ </span>
          {b.label}
          {b.count > 1 && ` ×${b.count}`}
          <span className="visually-hidden">: {b.description}</span>
        </li>
      ))}
    </ul>
  )
})
