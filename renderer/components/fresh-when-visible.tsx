// A part of a view that follows the data while it is on screen (or near it) and keeps what it
// last drew while scrolled away: a patch on a host with 200 containers then redraws what the
// user sees, not the whole page below the fold (BENCHMARKS.md, Renderer). It catches up as it
// scrolls into view (the margin lets that happen before it shows) and whenever a view is exported.
import { useEffect, useRef, useState } from 'react'
import { useApp } from '../store/app-store'

interface Props<T> {
  value: T
  children: (value: T) => React.ReactNode
  className?: string
}

export function FreshWhenVisible<T>({ value, children, className }: Props<T>): React.JSX.Element {
  const ref = useRef<HTMLDivElement>(null)
  const nearScreen = useNearScreen(ref)
  const exporting = useApp((s) => s.exportingPicture)
  const fresh = nearScreen || exporting
  const [drawn, setDrawn] = useState(value)
  // Derived state, adjusted during render (React re-renders at once, before committing).
  if (fresh && drawn !== value) setDrawn(value)
  return (
    <div ref={ref} className={className}>
      {children(fresh ? value : drawn)}
    </div>
  )
}

/** True while the element is within a screen's height of its scroll container's visible part (always, without IntersectionObserver). */
function useNearScreen(ref: React.RefObject<HTMLElement | null>): boolean {
  const [near, setNear] = useState(true)
  useEffect(() => {
    const el = ref.current
    if (!el || typeof IntersectionObserver === 'undefined') return
    // The margin only widens an explicit root, so observe against the nearest scrolling ancestor.
    const observer = new IntersectionObserver((entries) => setNear(entries.at(-1)?.isIntersecting ?? true), {
      root: scrollParent(el),
      rootMargin: '100% 0px'
    })
    observer.observe(el)
    return () => observer.disconnect()
  }, [ref])
  return near
}

function scrollParent(el: HTMLElement): HTMLElement | null {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const { overflowY } = getComputedStyle(p)
    if (overflowY === 'auto' || overflowY === 'scroll') return p
  }
  return null
}
