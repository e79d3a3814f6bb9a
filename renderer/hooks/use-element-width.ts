// The width of an element, kept current with a ResizeObserver (a fixed fallback where there is
// none, as in jsdom), rounded to 8 px so small jitters do not re-run layouts. It is measured in a
// layout effect, so the first width is known before the first paint. useMeasuredWidth answers
// null until then: a big picture is drawn once, at its real width, rather than first at the
// fallback, laid out by a forced reflow to be measured, and drawn again (on a host with 200
// containers that first pass cost about a sixth of the first paint).
import { useLayoutEffect, useState, type RefObject } from 'react'
import { flushSync } from 'react-dom'

function rounded(width: number): number | null {
  return width > 0 ? Math.max(320, Math.floor(width / 8) * 8) : null
}

export function useMeasuredWidth(ref: RefObject<HTMLElement | null>, fallback = 1100): number | null {
  const [width, setWidth] = useState<number | null>(null)
  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    const first = rounded(el.clientWidth)
    const measure = (w: number | null): void => setWidth((current) => w ?? current ?? fallback)
    measure(first)
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver((entries) => {
      const w = rounded(entries[0]?.contentRect.width ?? 0)
      // At once, so the picture at its new width is in the same frame as the change of size (a
      // scroll bar appearing under it, the window resized, the explanation drawer opened).
      if (w !== null) flushSync(() => measure(w))
    })
    observer.observe(el)
    return () => observer.disconnect()
  }, [ref, fallback])
  return width
}

export function useElementWidth(ref: RefObject<HTMLElement | null>, fallback = 1100): number {
  return useMeasuredWidth(ref, fallback) ?? fallback
}
