// Where the window's page comes from, and which frame URLs count as ours. The built page is a
// file inside the app; a dev server URL is honoured only when explicitly in development
// (an unpackaged app started with ELECTRON_RENDERER_URL, as electron-vite dev does).
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

export type RendererLocation = { kind: 'file'; url: string; indexFile: string } | { kind: 'dev'; url: string }

export function rendererLocation(options: { rendererDir: string; devUrl: string | undefined; isPackaged: boolean }): RendererLocation {
  if (!options.isPackaged && options.devUrl) {
    const dev = new URL(options.devUrl)
    if (dev.protocol !== 'http:' || !['localhost', '127.0.0.1', '[::1]'].includes(dev.hostname)) {
      throw new Error(`ELECTRON_RENDERER_URL must be a loopback http:// URL, not ${dev.origin}`)
    }
    return { kind: 'dev', url: dev.href }
  }
  const indexFile = join(options.rendererDir, 'index.html')
  return { kind: 'file', url: pathToFileURL(indexFile).href, indexFile }
}

/** The address of one view of our page (the renderer routes by #/<view>). */
export function viewUrl(location: RendererLocation, view: string): string {
  const url = new URL(location.url)
  url.hash = `/${view}`
  return url.href
}

/** Whether a frame showing this URL shows our page (any #route or ?query of it). */
export function isRendererUrl(frameUrl: string, location: RendererLocation): boolean {
  let url: URL
  try {
    url = new URL(frameUrl)
  } catch {
    return false
  }
  const expected = new URL(location.url)
  if (location.kind === 'dev') return url.origin === expected.origin
  return url.protocol === 'file:' && url.host === '' && url.pathname === expected.pathname
}
