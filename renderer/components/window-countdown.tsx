// The seconds left of an observation window, counted in the page: the backend answers only once the window
// is over, so this is what tells the user the watch is still going (and when to expect the result).
import { useEffect, useState } from 'react'

export function WindowCountdown({ seconds }: { seconds: number }): React.JSX.Element {
  const [startedAt] = useState(() => Date.now())
  const [now, setNow] = useState(startedAt)
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  const left = Math.max(0, Math.ceil(seconds - (now - startedAt) / 1000))
  return <span className="window-countdown">{left > 0 ? `${left} s left` : 'reading the result'}</span>
}
