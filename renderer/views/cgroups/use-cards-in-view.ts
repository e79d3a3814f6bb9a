// Which cgroup cards the viewport shows, so a live sample redraws those and leaves the rest as
// they were last drawn: on a host with 200 containers a handful of cards are on screen, and
// redrawing every card's bars each second was most of a tick's cost (BENCHMARKS.md, Renderer).
// A card counts as shown within half a viewport of the edge, so a short pan meets fresh numbers.
import type { ZoomTransform } from 'd3'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { CgroupLayout } from '../../viz/cgroup-layout'
import { boxesOverlap, visibleLayerBox } from '../../viz/use-zoom'

export function useCardsInView(layout: CgroupLayout, width: number, height: number): { inView: ReadonlySet<string>; onTransform: (t: ZoomTransform) => void } {
  const [inView, setInView] = useState<ReadonlySet<string>>(() => new Set())
  const transform = useRef<ZoomTransform | null>(null)
  const latest = useRef({ layout, width, height })

  const recompute = useCallback(() => {
    const t = transform.current
    if (!t) return
    const { layout: l, width: w, height: h } = latest.current
    const shown = visibleLayerBox(t, w, h)
    const around = { x: shown.x - shown.w / 2, y: shown.y - shown.h / 2, w: shown.w * 2, h: shown.h * 2 }
    const keys = new Set(l.nodes.filter((n) => n.kind === 'container' && boxesOverlap(n, around)).map((n) => n.key))
    setInView((current) => (current.size === keys.size && [...keys].every((k) => current.has(k)) ? current : keys))
  }, [])

  useEffect(() => {
    latest.current = { layout, width, height }
    recompute()
  }, [layout, width, height, recompute])

  const onTransform = useCallback((t: ZoomTransform) => {
    transform.current = t
    recompute()
  }, [recompute])
  return { inView, onTransform }
}
