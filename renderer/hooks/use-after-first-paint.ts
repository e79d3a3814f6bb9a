// Draw what is on screen first: parts below the fold, or the rows past the first screenful of a long
// list, wait until the frame with the rest has been painted. On a host with 200 containers the first
// frame then holds a screenful, not the whole page (BENCHMARKS.md, Renderer: first paint).
import { useEffect, useState } from 'react'

/** Calls back once the next frame has been painted (a task posted from requestAnimationFrame runs after it). */
export function afterNextPaint(callback: () => void): () => void {
  let cancelled = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const run = (): void => {
    timer = setTimeout(() => !cancelled && callback(), 0)
  }
  const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(run) : (run(), 0)
  return () => {
    cancelled = true
    if (typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame)
    clearTimeout(timer)
  }
}

/** False while the component's first frame is being drawn, true from the task after it was painted. */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false)
  useEffect(() => (painted ? undefined : afterNextPaint(() => setPainted(true))), [painted])
  return painted
}

/**
 * How many of `total` items to draw: `first` in the first frame (a screenful and some), all of them
 * from the next. Lists no longer than `first` are drawn whole at once.
 */
export function useProgressiveCount(total: number, first: number): number {
  const painted = useAfterFirstPaint()
  return painted ? total : Math.min(total, first)
}
