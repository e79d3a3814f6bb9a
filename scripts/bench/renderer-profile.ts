// A CPU profile of one view's first load at 200 containers (the renderer benchmark's host and page):
// where the first paint's main-thread time goes, by function (self time) and by script (total).
// Usage: npx tsx scripts/bench/renderer-profile.ts [namespaces|cgroups|security|container]
import { join } from 'node:path'
import { bundleForBrowser, launchChromium, RENDERER_DIR, ROOT, serveRenderer } from '../../test/renderer/screenshots/browser-harness.mjs'
import { BENCH_PATH } from '../../test/renderer/support/bench-hooks'
import { rendererBenchData } from './renderer-bench-data'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
  children?: number[]
}

async function main(): Promise<void> {
  const view = process.argv[2] ?? 'namespaces'
  const ready: Record<string, string> = {
    namespaces: '#view-panel .view-body .sharing-map svg',
    cgroups: '#view-panel .view-body .cg-svg',
    security: '#view-panel .view-body .cap-matrix svg',
    container: '#view-panel .container-page svg'
  }
  const data = rendererBenchData({ containers: 200, processesPer: 9, hostProcesses: 200, historySeconds: 600, ticks: 1, changeShare: 0.1 })
  const json = (value: unknown) => ({ type: 'application/json', body: JSON.stringify(value) })
  const answers = new Map([
    [`${BENCH_PATH}invoke/app:info`, json({ ok: true, value: { version: 'bench', carrier: 'electron', live: true } })],
    [`${BENCH_PATH}invoke/snapshot:get`, json({ ok: true, value: data.snapshot })],
    [`${BENCH_PATH}invoke/history:get`, json({ ok: true, value: data.history })],
    [`${BENCH_PATH}invoke/recording:list`, json({ ok: true, value: [] })]
  ])
  const server = await serveRenderer(process.env.RENDERER_DIR ?? RENDERER_DIR, (path: string) => answers.get(path) ?? null)
  const script = bundleForBrowser(join(ROOT, 'test/renderer/support/install-bench-bridge.ts'))
  const browser = await launchChromium()
  try {
    for (let round = 0; round < 2; round++) {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } })
      const page = await context.newPage()
      const cdp = await context.newCDPSession(page)
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
      await page.addInitScript({ content: `window.__GLASSHOUSE_BENCH_READY__ = ${JSON.stringify(ready[view])}` })
      await page.addInitScript({ content: script })
      // Where the time goes before the view is drawn: each answer's fetch and the first script's start.
      await page.addInitScript({
        content: `{ const f = window.fetch; window.fetch = async (...a) => { const t0 = performance.now(); const r = await f(...a);
          const name = String(a[0]).split('/').pop(); performance.mark(name + ' answered', { startTime: performance.now() });
          const json = r.json.bind(r); r.json = async () => { const t1 = performance.now(); const v = await json(); performance.mark(name + ' parsed ' + (performance.now() - t1).toFixed(0) + 'ms'); return v }; return r } }
          new MutationObserver((_, o) => { if (document.querySelector('.container-list')) { performance.mark('list in document'); o.disconnect() } }).observe(document, { childList: true, subtree: true })
          document.addEventListener('DOMContentLoaded', () => performance.mark('DOMContentLoaded'))`
      })
      await cdp.send('Profiler.start')
      await page.goto(`${server.base}#/${view}`)
      const paint = (await page.evaluate('window.__GLASSHOUSE_BENCH__.paint')) as { inDocument: number; painted: number }
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number } }
      const marks = (await page.evaluate(`performance.getEntriesByType('mark').map(m => m.name + ' ' + m.startTime.toFixed(0)).join(', ')`)) as string
      if (process.env.SHOT) await page.screenshot({ path: `/tmp/rprof/${view}.png` })
      if (round === 0) {
        await context.close()
        continue
      }
      const self = new Map<string, number>()
      const byNode = new Map(profile.nodes.map((n) => [n.id, n]))
      profile.samples.forEach((id, i) => {
        const node = byNode.get(id)!
        const f = node.callFrame
        const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`
        self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
      })
      const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)
      console.log(`${view}: in document ${paint.inDocument.toFixed(0)} ms, painted ${paint.painted.toFixed(0)} ms; marks: ${marks}`)
      for (const [k, v] of top) console.log(`${v.toFixed(1).padStart(8)} ms  ${k}`)
      await context.close()
    }
  } finally {
    await browser.close()
    await server.close()
  }
}

void main()
