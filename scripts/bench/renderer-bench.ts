// The views at scale: the built renderer (out/renderer) in Debian's Chromium at 1920×1080 with a
// mock bridge holding 200 containers and 2,000 processes. Per view, the first paint (median of
// fresh loads) and the cost of one live tick (a patch changing a tenth of the containers plus a
// sample for all of them), from Chrome's own accounting (CDP Performance.getMetrics). No Docker.
import { join } from 'node:path'
import type { Browser, CDPSession, Page } from '@playwright/test'
import { bundleForBrowser, launchChromium, RENDERER_DIR, rendererBuilt, ROOT, serveRenderer, type ExtraAnswer } from '../../test/renderer/screenshots/browser-harness.mjs'
import { BENCH_PATH, type BenchPaint, type BenchTick } from '../../test/renderer/support/bench-hooks'
import { median, type BenchContext } from './bench-support'
import { rendererBenchData, type RendererBenchData, type RendererBenchShape } from './renderer-bench-data'

const VIEWPORT = { width: 1920, height: 1080 }
const LOADS = 5
const WARM_UP_TICKS = 10
const TICKS = 20
// Live samples arrive once a second: the ticks are spaced the same way.
const PAUSE_BETWEEN_TICKS_MS = 1000
const FIRST_PAINT_BAR_MS = 1000
const TICK_BAR_MS = 16
const SHAPE: RendererBenchShape = { containers: 200, processesPer: 9, hostProcesses: 200, historySeconds: 600, ticks: WARM_UP_TICKS + TICKS, changeShare: 0.1 }

interface View {
  id: 'namespaces' | 'cgroups' | 'security' | 'container'
  label: string
  /** The view's element whose first paint is timed: its main SVG, inside the view's root. */
  ready: string
}

const VIEWS: readonly View[] = [
  { id: 'namespaces', label: 'Namespaces', ready: '#view-panel .view-body .pid-svg' },
  { id: 'cgroups', label: 'Cgroups', ready: '#view-panel .view-body .cg-svg' },
  { id: 'security', label: 'Security', ready: '#view-panel .view-body .cap-matrix svg' },
  { id: 'container', label: 'Container', ready: '#view-panel .container-page svg' }
]

interface TickCost {
  scriptMs: number
  taskMs: number
  layoutMs: number
  styleMs: number
  wallMs: number
  parseMs: number
}

interface ViewResult {
  view: View
  paints: BenchPaint[]
  ticks: TickCost[]
}

const METRICS = { ScriptDuration: 'scriptMs', TaskDuration: 'taskMs', LayoutDuration: 'layoutMs', RecalcStyleDuration: 'styleMs' } as const
type MetricKey = (typeof METRICS)[keyof typeof METRICS]

/** The main thread's cumulative durations (ms) as Chrome accounts them. */
async function mainThreadTimes(cdp: CDPSession): Promise<Record<MetricKey, number>> {
  const { metrics } = await cdp.send('Performance.getMetrics')
  const out = { scriptMs: 0, taskMs: 0, layoutMs: 0, styleMs: 0 }
  for (const m of metrics) {
    const key = METRICS[m.name as keyof typeof METRICS]
    if (key) out[key] = m.value * 1000
  }
  return out
}

function benchAnswers(data: RendererBenchData): (path: string) => ExtraAnswer | null {
  const json = (value: unknown): ExtraAnswer => ({ type: 'application/json', body: JSON.stringify(value) })
  const answers = new Map<string, ExtraAnswer>([
    [`${BENCH_PATH}invoke/app:info`, json({ ok: true, value: { version: 'bench', carrier: 'electron', live: true } })],
    [`${BENCH_PATH}invoke/snapshot:get`, json({ ok: true, value: data.snapshot })],
    [`${BENCH_PATH}invoke/history:get`, json({ ok: true, value: data.history })],
    [`${BENCH_PATH}invoke/recording:list`, json({ ok: true, value: [] })],
    [`${BENCH_PATH}ticks`, json(data.ticks)]
  ])
  return (path) => answers.get(path) ?? null
}

async function openView(browser: Browser, base: string, script: string, view: View, problems: string[]): Promise<{ page: Page; paint: BenchPaint; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 })
  const page = await context.newPage()
  page.on('pageerror', (e) => problems.push(`${view.id}: page error: ${e.message}`))
  await page.addInitScript({ content: `window.__GLASSHOUSE_BENCH_READY__ = ${JSON.stringify(view.ready)}` })
  await page.addInitScript({ content: script })
  await page.goto(`${base}#/${view.id}`)
  const paint = (await page.evaluate('window.__GLASSHOUSE_BENCH__.paint')) as BenchPaint
  return { page, paint, close: () => context.close() }
}

async function measureTicks(page: Page, view: View, ctx: BenchContext): Promise<TickCost[]> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  await page.waitForFunction('window.__GLASSHOUSE_BENCH__.listeners() === 1')
  const count = (await page.evaluate('window.__GLASSHOUSE_BENCH__.loadTicks()')) as number
  const listed = await page.locator('.container-item').count()
  if (listed !== SHAPE.containers) throw new Error(`${view.id}: the list shows ${listed} containers, not ${SHAPE.containers}`)
  // Let the history arrive and the page fall quiet before the first tick.
  await page.waitForTimeout(1500)
  const costs: TickCost[] = []
  for (let i = 0; i < count; i++) {
    const before = await mainThreadTimes(cdp)
    const tick = (await page.evaluate(`window.__GLASSHOUSE_BENCH__.tick(${i})`)) as BenchTick
    const after = await mainThreadTimes(cdp)
    if (i >= WARM_UP_TICKS) {
      costs.push({
        scriptMs: after.scriptMs - before.scriptMs,
        taskMs: after.taskMs - before.taskMs,
        layoutMs: after.layoutMs - before.layoutMs,
        styleMs: after.styleMs - before.styleMs,
        wallMs: tick.wallMs,
        parseMs: tick.parseMs
      })
    }
    await page.waitForTimeout(PAUSE_BETWEEN_TICKS_MS)
  }
  const status = (await page.textContent('.status-line')) ?? ''
  if (!status.includes('samples every')) throw new Error(`${view.id}: the ticks did not reach the store (status line: ${status})`)
  ctx.log(`  ${view.label}: tick script ${median(costs.map((c) => c.scriptMs)).toFixed(1)} ms (median of ${costs.length})\n`)
  await cdp.detach()
  return costs
}

async function benchView(browser: Browser, base: string, script: string, view: View, ctx: BenchContext, problems: string[]): Promise<ViewResult> {
  const paints: BenchPaint[] = []
  for (let i = 0; i < LOADS; i++) {
    const opened = await openView(browser, base, script, view, problems)
    paints.push(opened.paint)
    await opened.close()
  }
  ctx.log(`  ${view.label}: first paint ${median(paints.map((p) => p.painted)).toFixed(0)} ms (median of ${LOADS})\n`)
  const opened = await openView(browser, base, script, view, problems)
  try {
    return { view, paints, ticks: await measureTicks(opened.page, view, ctx) }
  } finally {
    await opened.close()
  }
}

const ms = (value: number, digits = 1): string => `${value.toFixed(digits)} ms`
const verdict = (met: boolean): string => (met ? 'met' : '**NOT met**')

/** The value below which a share q of the samples lie (linear between neighbours). */
function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (sorted.length - 1) * q
  const low = sorted[Math.floor(at)] ?? 0
  const high = sorted[Math.ceil(at)] ?? low
  return low + (high - low) * (at - Math.floor(at))
}

/** "18.4 ms (17.1–20.2)": the median and the middle half of the samples. */
function spread(samples: readonly number[]): string {
  return `${ms(median(samples))} (${quantile(samples, 0.25).toFixed(1)}–${quantile(samples, 0.75).toFixed(1)})`
}

interface ViewFigures {
  painted: number
  /** Median LCP of the view's text when every load had one. */
  onScreen: number | null
  script: number
}

function figures({ paints, ticks }: ViewResult): ViewFigures {
  const lcps = paints.flatMap((p) => (p.lcp ? [p.lcp.startTime] : []))
  return {
    painted: median(paints.map((p) => p.painted)),
    onScreen: lcps.length === paints.length ? median(lcps) : null,
    script: median(ticks.map((c) => c.scriptMs))
  }
}

function report(results: readonly ViewResult[], data: RendererBenchData, browserVersion: string): string {
  const s = data.snapshot
  const t = data.perTick
  const rows = results.map((result) => {
    const { view, paints, ticks } = result
    const f = figures(result)
    const range = `${Math.min(...paints.map((p) => p.painted)).toFixed(0)}–${Math.max(...paints.map((p) => p.painted)).toFixed(0)}`
    const firstPaint = Math.max(f.painted, f.onScreen ?? 0)
    return (
      `| ${view.label} | ${ms(f.painted, 0)} (${range}) | ${f.onScreen === null ? '—' : ms(f.onScreen, 0)} | ${spread(ticks.map((c) => c.scriptMs))} | ` +
      `${spread(ticks.map((c) => c.taskMs))} | ${ms(median(ticks.map((c) => c.styleMs + c.layoutMs)))} | ${ms(median(ticks.map((c) => c.wallMs)))} | ` +
      `${verdict(firstPaint < FIRST_PAINT_BAR_MS)} | ${verdict(f.script < TICK_BAR_MS)} |`
    )
  })
  return [
    '## Renderer: 200 containers, 2,000 processes',
    '',
    `${browserVersion}, headless, ${VIEWPORT.width}×${VIEWPORT.height}, \`--disable-gpu\`; the built renderer (out/renderer) served on 127.0.0.1 ` +
      `with a mock bridge whose answers the page fetches and parses as JSON. The host: ${s.containers.length} containers × ${SHAPE.processesPer} processes + ` +
      `${SHAPE.hostProcesses} host processes = ${s.processes.length.toLocaleString('en')} processes, ${s.namespaces.length.toLocaleString('en')} namespaces, ` +
      `${s.cgroups.length} cgroups, and ${SHAPE.historySeconds} s of 1 Hz history per container.`,
    '',
    `- **First paint**, median of ${LOADS} loads, each in a fresh browser context: from navigation start to the end of the main thread's first ` +
      `frame after the view's SVG is in the document (a MutationObserver notices the view's root and SVG; a task posted from the next ` +
      `requestAnimationFrame runs once that frame's style, layout, paint and commit are done). Every view is timed the same way, whatever its ` +
      `largest element. *On screen* is the largest-contentful-paint of the view's own text, painted in that same frame: Chrome stamps it when ` +
      `the frame is presented; — where the view's largest text is smaller than the loading screen's, so Chrome reports no new candidate. ` +
      `The verdict takes the later of the two.`,
    `- **Update tick**: one \`patch\` (${t.containers} containers, ${t.processes} processes, ${t.namespaces} namespaces, ${t.cgroups} cgroups upserted, ` +
      `${t.removed} processes removed: new limits, every process of theirs in another state, one process started or ended) and one \`sample\` ` +
      `(new counters for all ${t.samples} containers), ${(t.bytes / 1024).toFixed(0)} KB of JSON, each parsed and delivered to the live:message ` +
      `subscription in its own task, as a carrier does. Script and task time are the deltas of Chrome's own accounting (CDP ` +
      `\`Performance.getMetrics\`: ScriptDuration, TaskDuration, RecalcStyleDuration + LayoutDuration) around the tick, which ends once the frame ` +
      `after the sample is done; wall is the page's clock over the same span. Ticks ${PAUSE_BETWEEN_TICKS_MS / 1000} s apart, as samples arrive; ` +
      `medians of ${TICKS} ticks after ${WARM_UP_TICKS} warm-up ticks, in brackets the middle half.`,
    '',
    `| view | first paint: frame done (range) | … on screen | tick: script | tick: all main-thread tasks | … of which style + layout | tick: wall | first paint under ${FIRST_PAINT_BAR_MS / 1000} s | tick script under ${TICK_BAR_MS} ms |`,
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `Parsing the two messages' JSON (the carrier's share, in the script time above): median ${ms(median(results.flatMap((r) => r.ticks.map((c) => c.parseMs))))} per tick.`,
    ''
  ].join('\n')
}

export async function benchRenderer(ctx: BenchContext): Promise<string> {
  if (!rendererBuilt()) throw new Error('out/renderer is missing: run `npx electron-vite build` first')
  ctx.log('Renderer: making the 200-container host and its ticks…\n')
  const data = rendererBenchData(SHAPE)
  const script = bundleForBrowser(join(ROOT, 'test/renderer/support/install-bench-bridge.ts'))
  const server = await serveRenderer(RENDERER_DIR, benchAnswers(data))
  const browser = await launchChromium()
  const problems: string[] = []
  try {
    // One load not counted: the first start of the browser's renderer process and the OS caches.
    await (await openView(browser, server.base, script, VIEWS[0] as View, problems)).close()
    const results: ViewResult[] = []
    for (const view of VIEWS) results.push(await benchView(browser, server.base, script, view, ctx, problems))
    if (problems.length) throw new Error(`the page reported errors:\n${problems.join('\n')}`)
    return report(results, data, `Chromium ${browser.version()}`)
  } finally {
    await browser.close()
    await server.close()
  }
}
