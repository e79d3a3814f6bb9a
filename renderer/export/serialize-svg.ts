// A view's pictures as one standalone SVG document: every <svg data-export> inside the view,
// stacked, with the computed styles written into each element (so the file looks the same
// without our CSS or theme variables). Built as text, never by setting style attributes in the
// live document, which the page's CSP (style-src 'self') would refuse.

const STYLE_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linecap',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'letter-spacing',
  'paint-order'
] as const

const SKIP_VALUES: Partial<Record<(typeof STYLE_PROPERTIES)[number], string[]>> = {
  'fill-opacity': ['1'],
  'stroke-opacity': ['1'],
  opacity: ['1'],
  'stroke-dasharray': ['none'],
  'font-style': ['normal'],
  'letter-spacing': ['normal'],
  'paint-order': ['normal'],
  'stroke-linecap': ['butt'],
  'dominant-baseline': ['auto']
}

export interface SerializedSvg {
  text: string
  width: number
  height: number
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c)
}

/** The export size of one svg: its full content box when zoomable (data-export-box="x y w h"), else its size. */
function boxOf(svg: SVGSVGElement): { x: number; y: number; width: number; height: number } {
  const box = svg.getAttribute('data-export-box')?.split(/\s+/).map(Number)
  if (box && box.length === 4 && box.every(Number.isFinite)) return { x: box[0]!, y: box[1]!, width: box[2]!, height: box[3]! }
  const width = Number(svg.getAttribute('width')) || svg.clientWidth || 800
  const height = Number(svg.getAttribute('height')) || svg.clientHeight || 600
  return { x: 0, y: 0, width, height }
}

function styleText(el: Element, view: Window): string {
  const computed = view.getComputedStyle(el)
  const parts: string[] = []
  for (const prop of STYLE_PROPERTIES) {
    const value = computed.getPropertyValue(prop).trim()
    if (!value || SKIP_VALUES[prop]?.includes(value)) continue
    parts.push(`${prop}:${value}`)
  }
  return parts.join(';')
}

function serializeNode(node: Node, view: Window, out: string[], resetZoom: boolean): void {
  if (node.nodeType === 3) {
    out.push(escapeXml(node.textContent ?? ''))
    return
  }
  if (node.nodeType !== 1) return
  const el = node as Element
  if (el.getAttribute('data-export-skip') !== null) return
  const computed = view.getComputedStyle(el)
  if (computed.display === 'none' || computed.visibility === 'hidden') return
  const tag = el.tagName
  out.push(`<${tag}`)
  for (const attr of Array.from(el.attributes)) {
    if (attr.name === 'style' || attr.name === 'class' || attr.name.startsWith('data-') || attr.name.startsWith('aria-') || attr.name === 'tabindex' || attr.name === 'role') continue
    if (resetZoom && attr.name === 'transform' && el.getAttribute('data-zoom-layer') !== null) continue
    out.push(` ${attr.name}="${escapeXml(attr.value)}"`)
  }
  const style = styleText(el, view)
  if (style) out.push(` style="${escapeXml(style)}"`)
  out.push('>')
  for (const child of Array.from(el.childNodes)) serializeNode(child, view, out, resetZoom)
  out.push(`</${tag}>`)
}

/** Serialises every `svg[data-export]` under root into one SVG, each under its title. */
export function serializeView(root: Element, options: { title: string; background: string; textColor: string }): SerializedSvg | null {
  const view = root.ownerDocument.defaultView
  if (!view) return null
  const svgs = Array.from(root.querySelectorAll<SVGSVGElement>('svg[data-export]'))
  if (svgs.length === 0) return null
  const margin = 24
  const titleHeight = 28
  const parts: string[] = []
  let y = margin
  let width = 0
  parts.push(`<text x="${margin}" y="${y + 18}" style="font-family:sans-serif;font-size:20px;font-weight:600;fill:${escapeXml(options.textColor)}">${escapeXml(options.title)}</text>`)
  y += titleHeight + 8
  for (const svg of svgs) {
    const box = boxOf(svg)
    const label = svg.getAttribute('data-export') ?? ''
    if (label) {
      parts.push(`<text x="${margin}" y="${y + 16}" style="font-family:sans-serif;font-size:15px;font-weight:600;fill:${escapeXml(options.textColor)}">${escapeXml(label)}</text>`)
      y += titleHeight
    }
    const inner: string[] = []
    for (const child of Array.from(svg.childNodes)) serializeNode(child, view, inner, svg.getAttribute('data-export-box') !== null)
    parts.push(
      `<svg x="${margin}" y="${y}" width="${box.width}" height="${box.height}" viewBox="${box.x} ${box.y} ${box.width} ${box.height}" style="${escapeXml(styleText(svg, view))}">${inner.join('')}</svg>`
    )
    y += box.height + margin
    width = Math.max(width, box.width)
  }
  const total = { width: Math.ceil(width + margin * 2), height: Math.ceil(y) }
  const text =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${total.width}" height="${total.height}" viewBox="0 0 ${total.width} ${total.height}">` +
    `<rect width="100%" height="100%" fill="${escapeXml(options.background)}"/>` +
    parts.join('') +
    `</svg>`
  return { text, ...total }
}
