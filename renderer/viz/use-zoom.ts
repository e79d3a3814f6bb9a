// The one place the DOM is handed to d3: d3-zoom listens on the <svg> and writes the transform
// of one layer <g>. React renders everything else. The extent is always set explicitly (the
// default reads svg.width.baseVal, which jsdom lacks: toolchain.md G8).
import { select, zoom, zoomIdentity, zoomTransform, type ZoomBehavior, type ZoomTransform } from 'd3'
import { useCallback, useEffect, useRef, type RefObject } from 'react'

export interface ZoomControls {
  zoomBy(factor: number): void
  /** Scale and centre the content box in the viewport (never above 1:1). */
  fit(): void
  /** 1:1, content's top-left corner at the viewport's top-left (plus a margin). */
  reset(): void
  /** Pans (at the same scale) so the box, in layer coordinates, is in view; nothing when it already is. */
  reveal(box: LayerBox): void
}

export interface LayerBox {
  x: number
  y: number
  w: number
  h: number
}

export interface ZoomOptions {
  width: number
  height: number
  /** The content's bounding box in layer coordinates. */
  content: { x: number; y: number; width: number; height: number }
  scaleExtent?: [number, number]
  margin?: number
  /** The smallest scale Fit goes to (presenter mode: text must stay readable); what does not fit is panned to. */
  fitMinScale?: number
  /** Start at Fit (down to fitMinScale) rather than at 1:1 when the content is larger than the view. */
  startFitted?: boolean
  /** Called with every new transform (pan, zoom, fit, reset, a resize). */
  onTransform?: (transform: ZoomTransform) => void
}

/** The part of the layer the viewport shows under a transform, in layer coordinates. */
export function visibleLayerBox(transform: ZoomTransform, width: number, height: number): LayerBox {
  const [x0, y0] = transform.invert([0, 0])
  const [x1, y1] = transform.invert([width, height])
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }
}

export function boxesOverlap(a: LayerBox, b: LayerBox): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

export function fitTransform(options: ZoomOptions, align: 'center' | 'left' = 'center'): ZoomTransform {
  const margin = options.margin ?? 16
  const { content: c } = options
  const fitting = Math.min(1, (options.width - margin * 2) / Math.max(1, c.width), (options.height - margin * 2) / Math.max(1, c.height))
  const k = Math.max(fitting, Math.min(1, options.fitMinScale ?? 0))
  const x = (align === 'left' || c.width * k > options.width ? margin : (options.width - c.width * k) / 2) - c.x * k
  // Taller than the view at the smallest readable scale: its top is shown, the rest is a pan away.
  const y = (c.height * k > options.height ? margin : (options.height - c.height * k) / 2) - c.y * k
  return zoomIdentity.translate(x, y).scale(k)
}

export function topLeftTransform(options: ZoomOptions): ZoomTransform {
  const margin = options.margin ?? 16
  return zoomIdentity.translate(margin - options.content.x, margin - options.content.y)
}

export function useZoom(svgRef: RefObject<SVGSVGElement | null>, layerRef: RefObject<SVGGElement | null>, options: ZoomOptions): ZoomControls {
  const behaviour = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null)
  const latest = useRef(options)
  useEffect(() => {
    latest.current = options
  })
  const { width, height } = options
  const [minScale, maxScale] = options.scaleExtent ?? [0.1, 4]
  const contentKey = `${options.content.x},${options.content.y},${options.content.width},${options.content.height}`

  useEffect(() => {
    const svg = svgRef.current
    const layer = layerRef.current
    if (!svg || !layer) return
    const z = zoom<SVGSVGElement, unknown>()
      .scaleExtent([minScale, maxScale])
      // The wheel scrolls the page unless Ctrl (or a pinch, which browsers send as Ctrl+wheel) asks to zoom.
      .filter((event: Event) => (event.type === 'wheel' ? (event as WheelEvent).ctrlKey || (event as WheelEvent).metaKey : !(event as MouseEvent).button))
      .on('zoom', (event: { transform: ZoomTransform }) => {
        layer.setAttribute('transform', event.transform.toString())
        latest.current.onTransform?.(event.transform)
      })
    behaviour.current = z
    select(svg).call(z)
    return () => {
      select(svg).on('.zoom', null)
      behaviour.current = null
    }
  }, [svgRef, layerRef, minScale, maxScale])

  // Keep the extent in step with the viewport, and start from a view that shows the content:
  // all of it when that stays legible, else its top-left corner at 1:1.
  useEffect(() => {
    const svg = svgRef.current
    const z = behaviour.current
    if (!svg || !z) return
    z.extent([
      [0, 0],
      [width, height]
    ])
    const fitted = fitTransform(latest.current, 'left')
    select(svg).call(z.transform, fitted.k >= 0.95 || latest.current.startFitted ? fitted : topLeftTransform(latest.current))
  }, [svgRef, width, height, contentKey])

  const zoomBy = useCallback((factor: number) => {
    const svg = svgRef.current
    if (svg && behaviour.current) select(svg).call(behaviour.current.scaleBy, factor)
  }, [svgRef])
  const fit = useCallback(() => {
    const svg = svgRef.current
    if (svg && behaviour.current) select(svg).call(behaviour.current.transform, fitTransform(latest.current))
  }, [svgRef])
  const reset = useCallback(() => {
    const svg = svgRef.current
    if (svg && behaviour.current) select(svg).call(behaviour.current.transform, topLeftTransform(latest.current))
  }, [svgRef])
  const reveal = useCallback((box: LayerBox) => {
    const svg = svgRef.current
    const z = behaviour.current
    if (!svg || !z) return
    const { width: w, height: h } = latest.current
    const shown = visibleLayerBox(zoomTransform(svg), w, h)
    const inside = box.x >= shown.x && box.y >= shown.y && box.x + box.w <= shown.x + shown.w && box.y + box.h <= shown.y + shown.h
    if (!inside) select(svg).call(z.translateTo, box.x + box.w / 2, box.y + box.h / 2)
  }, [svgRef])
  return { zoomBy, fit, reset, reveal }
}
