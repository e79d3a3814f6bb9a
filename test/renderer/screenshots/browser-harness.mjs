// What the screenshot script and the renderer benchmark (scripts/bench/renderer-bench.ts) share:
// the built renderer served over HTTP on 127.0.0.1, a TypeScript browser entry bundled into one
// script for page.addInitScript, and Debian's Chromium launched the one way these tools launch
// it (never a downloaded browser).
import { createServer } from 'node:http'
import { existsSync, readFileSync } from 'node:fs'
import { extname, join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildSync } from 'esbuild'
import { chromium } from '@playwright/test'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
export const RENDERER_DIR = join(ROOT, 'out/renderer')
export const CHROMIUM_PATH = '/usr/bin/chromium'
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json' }

/** True when `npx electron-vite build` has written the renderer. */
export function rendererBuilt(dir = RENDERER_DIR) {
  return existsSync(join(dir, 'index.html'))
}

/** One IIFE script from a TypeScript entry, for page.addInitScript({ content }). */
export function bundleForBrowser(entry) {
  return buildSync({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    write: false,
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent'
  }).outputFiles[0].text
}

/**
 * Serves `dir` at http://127.0.0.1:<free port>/. `extra(path)` may answer other paths first
 * (e.g. the benchmark's data) with { type, body }; anything else outside `dir` is a 404.
 */
export async function serveRenderer(dir = RENDERER_DIR, extra = () => null) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0])
    const answer = extra(path)
    if (answer) {
      res.writeHead(200, { 'Content-Type': answer.type, 'Cache-Control': 'no-store' })
      res.end(answer.body)
      return
    }
    const file = join(dir, path === '/' ? 'index.html' : path)
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end('not found')
      return
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' })
    res.end(readFileSync(file))
  })
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  return {
    base: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((r) => server.close(() => r()))
  }
}

export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
}
