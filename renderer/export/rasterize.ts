// SVG text → PNG (base64) through an <img> and a canvas. The image is a data: URL, which the
// page's CSP allows for images (img-src 'self' data:).

/** Chromium refuses canvases beyond about 16k pixels a side; stay under it. */
const MAX_SIDE = 16000

export async function svgToPngBase64(svg: { text: string; width: number; height: number }, scale = 2): Promise<string> {
  const factor = Math.min(scale, MAX_SIDE / svg.width, MAX_SIDE / svg.height)
  const image = new Image()
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.text)}`
  await image.decode()
  const canvas = document.createElement('canvas')
  canvas.width = Math.max(1, Math.floor(svg.width * factor))
  canvas.height = Math.max(1, Math.floor(svg.height * factor))
  const context = canvas.getContext('2d')
  if (!context) throw new Error('this browser gave no 2D canvas')
  context.scale(factor, factor)
  context.drawImage(image, 0, 0, svg.width, svg.height)
  const url = canvas.toDataURL('image/png')
  return url.slice(url.indexOf(',') + 1)
}
