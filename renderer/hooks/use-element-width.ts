// The width of an element, kept current with a ResizeObserver (a fixed fallback where there is
// none, as in jsdom), rounded to 8 px so small jitters do not re-run layouts.
import { useEffect, useState, type RefObject } from 'react'

export function useElementWidth(ref: RefObject<HTMLElement | null>, fallback = 1100): number {
  const [width, setWidth] = useState(fallback)
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const measure = (w: number): void => {
      if (w > 0) setWidth(Math.max(320, Math.floor(w / 8) * 8))
    }
    measure(el.clientWidth)
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver((entries) => measure(entries[0]?.contentRect.width ?? 0))
    observer.observe(el)
    return () => observer.disconnect()
  }, [ref])
  return width
}
