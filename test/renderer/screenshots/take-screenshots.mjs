// Screenshots of every view as users will see them: the built renderer (out/renderer) served
// over HTTP, a mock bridge built from the fixture injected as window.glasshouse, Debian's
// Chromium driven by Playwright. Writes PNGs to test-results/screenshots/ and reports console
// errors and CSP violations. Not part of `npm test`.
//
//   npx electron-vite build && node test/renderer/screenshots/take-screenshots.mjs [--quick]
/* global window, document, location, requestAnimationFrame, MouseEvent -- the callbacks of page.evaluate and addInitScript run in the page */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundleForBrowser, launchChromium, RENDERER_DIR, rendererBuilt, ROOT, serveRenderer } from './browser-harness.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const outDir = join(ROOT, 'test-results/screenshots')
const quick = process.argv.includes('--quick')

if (!rendererBuilt()) {
  console.error('out/renderer is missing: run `npx electron-vite build` first')
  process.exit(1)
}
mkdirSync(outDir, { recursive: true })

const mockScript = bundleForBrowser(join(here, '../support/install-mock-bridge.ts'))
const server = await serveRenderer(RENDERER_DIR)
const base = server.base
const browser = await launchChromium()

const problems = []
async function shoot(name, { width, height, theme = 'light', size = 'normal', view = 'namespaces', mode = 'live', container = null, before = null, full = false, parts = [] }) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 })
  const page = await context.newPage()
  page.on('console', (m) => {
    const text = m.text()
    // Known and harmless here: the meta CSP's frame-ancestors (serve mode sends it as a header) and /favicon.ico.
    if (/frame-ancestors' is ignored|status of 404/.test(text)) return
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${name}: console ${m.type()}: ${text}`)
  })
  page.on('pageerror', (e) => problems.push(`${name}: page error: ${e.message}`))
  await page.addInitScript(
    ({ theme, size, mode }) => {
      localStorage.setItem('glasshouse.prefs', JSON.stringify({ theme, textSize: size }))
      window.__GLASSHOUSE_MOCK__ = { mode }
      window.__csp = []
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`))
    },
    { theme, size, mode }
  )
  await page.addInitScript({ content: mockScript })
  const hash = container ? `#/${view}/${container}` : `#/${view}`
  await page.goto(base + hash)
  await page.waitForSelector(mode === 'down' ? '.state-screen' : '.view-body', { timeout: 10_000 })
  if (mode === 'recording') {
    const showAll = page.getByRole('button', { name: 'Show all' })
    if (await showAll.count()) await showAll.click()
  }
  if (before) await before(page)
  await page.waitForTimeout(mode === 'live' ? 1300 : 250)
  if (full) {
    const h = await page.evaluate(() => {
      const v = document.querySelector('.view')
      return v ? v.scrollHeight + (document.body.scrollHeight - v.clientHeight) : document.body.scrollHeight
    })
    await page.setViewportSize({ width, height: Math.min(Math.max(h, height), 8000) })
    await page.waitForTimeout(200)
  }
  await page.screenshot({ path: join(outDir, `${name}.png`) })
  for (const selector of parts) {
    const target = page.locator(selector).first()
    if (await target.count()) await target.screenshot({ path: join(outDir, `${name}--${selector.replace(/[^a-z0-9-]+/gi, '')}.png`) })
  }
  const csp = await page.evaluate(() => window.__csp)
  for (const v of csp) problems.push(`${name}: CSP violation: ${v}`)
  await context.close()
}

// --big: time the views on 200 containers and 2,000 processes (a look, not a benchmark).
if (process.argv.includes('--big')) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } })
  const page = await context.newPage()
  page.on('pageerror', (e) => problems.push(`big: page error: ${e.message}`))
  await page.addInitScript(() => {
    window.__GLASSHOUSE_MOCK__ = { mode: 'big' }
  })
  await page.addInitScript({ content: mockScript })
  const started = Date.now()
  await page.goto(base + '#/namespaces')
  await page.waitForSelector('.pid-svg')
  console.log(`big: namespaces view shown ${Date.now() - started} ms after navigation`)
  for (const view of ['cgroups', 'security', 'container', 'namespaces']) {
    const ms = await page.evaluate(async (v) => {
      const t0 = performance.now()
      location.hash = `#/${v}`
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
      return Math.round(performance.now() - t0)
    }, view)
    console.log(`big: switch to ${view}: ${ms} ms to the next frame`)
  }
  const hover = await page.evaluate(async () => {
    const cell = document.querySelector('[role="gridcell"][aria-label^="net: its own"]')
    const t0 = performance.now()
    cell?.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }))
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
    return Math.round(performance.now() - t0)
  })
  console.log(`big: hover a namespace cell: ${hover} ms to the next frame`)
  await page.screenshot({ path: join(outDir, 'big-namespaces-1920.png') })
  await page.evaluate(() => (location.hash = '#/security'))
  await page.waitForTimeout(300)
  await page.screenshot({ path: join(outDir, 'big-security-1920.png') })
  await context.close()
  await browser.close()
  await server.close()
  for (const p of problems) console.log(`  ${p}`)
  process.exit(problems.length ? 1 : 0)
}

const views = ['namespaces', 'cgroups', 'security', 'container']
const sizes = quick ? [[1366, 768]] : [[1920, 1080], [1366, 768]]
const themes = quick ? ['light'] : ['light', 'dark']
for (const [width, height] of sizes) {
  for (const theme of themes) {
    for (const view of views) {
      await shoot(`${view}-${width}x${height}-${theme}`, { width, height, theme, view })
    }
  }
}
const PARTS = {
  namespaces: ['.sharing-map', '.pid-picture', '.user-namespaces'],
  cgroups: ['.cg-tree', '.sparklines', '.program-sees'],
  security: ['.cap-matrix', '.findings', '.seccomp', '.process-caps'],
  container: ['.container-grid']
}
for (const view of views) await shoot(`${view}-1366-full`, { width: 1366, height: 768, view, full: true, parts: PARTS[view] })
if (!quick) {
  for (const view of views) await shoot(`${view}-1920-presenter`, { width: 1920, height: 1080, view, size: 'presenter' })
  await shoot('recording-1366', { width: 1366, height: 768, view: 'cgroups', mode: 'recording' })
  await shoot('down-1366', { width: 1366, height: 768, mode: 'down' })
  await shoot('explain-1366-dark', {
    width: 1366,
    height: 768,
    theme: 'dark',
    view: 'namespaces',
    before: (page) => page.getByRole('button', { name: 'Explain: PID namespaces' }).click()
  })
  await shoot('hover-net-1366', {
    width: 1366,
    height: 768,
    view: 'namespaces',
    before: async (page) => {
      await page.locator('[role="gridcell"][aria-label^="net: joined"]').first().hover()
    }
  })
  // Export under the page's CSP: the mock bridge counts as the desktop carrier, so files arrive via export:save.
  for (const [view, kind] of [['cgroups', 'PNG'], ['namespaces', 'SVG'], ['security', 'PNG']]) {
    await shoot(`export-${view}-menu`, {
      width: 1366,
      height: 768,
      view,
      before: async (page) => {
        await page.getByRole('button', { name: 'Export' }).click()
        await page.getByRole('menuitem', { name: new RegExp(`as ${kind}`) }).click()
        await page.waitForFunction(() => window.glasshouse.saved.length > 0, null, { timeout: 10_000 })
        const file = await page.evaluate(() => window.glasshouse.saved[0])
        const target = join(outDir, `exported-${file.suggestedName}`)
        writeFileSync(target, file.encoding === 'base64' ? Buffer.from(file.data, 'base64') : file.data)
        console.log(`exported ${target} (${file.data.length} chars)`)
      }
    })
  }
}

await browser.close()
await server.close()
console.log(`screenshots in ${outDir}`)
if (problems.length) {
  console.log(`${problems.length} problem(s):`)
  for (const p of problems) console.log(`  ${p}`)
  process.exitCode = 1
} else console.log('no console errors, no CSP violations')
