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
// The anchor: a blank page's first frame, timed the same way (navigation start to the end of the main
// thread's first frame), loaded in turn with the view's loads, so a slow day shows in both and two runs compare.
const BLANK_PATH = `${BENCH_PATH}blank.html`
const BLANK_PAGE =
  '<!doctype html><html><head><meta charset="utf-8"><title>blank</title></head><body><p>blank</p><script>' +
  'window.__BLANK_PAINTED__ = new Promise((resolve) => requestAnimationFrame(() => { const c = new MessageChannel(); ' +
  'c.port1.onmessage = () => resolve(performance.now()); c.port2.postMessage(null) }))</script></body></html>'
// GLASSHOUSE_BENCH_PAINT_ONLY=1 times first paints only (no ticks): a quick loop while working on the first paint.
const PAINT_ONLY = process.env.GLASSHOUSE_BENCH_PAINT_ONLY === '1'
const SHAPE: RendererBenchShape = { containers: 200, processesPer: 9, hostProcesses: 200, historySeconds: 600, ticks: WARM_UP_TICKS + TICKS, changeShare: 0.1 }

interface View {
  id: 'namespaces' | 'cgroups' | 'security' | 'container'
  label: string
  /** The view's element whose first paint is timed: its first picture on screen, inside the view's root. */
  ready: string
  /** What the whole view holds, as [selector, at least how many]: the first paint may leave some for the next frame. */
  complete: Array<[string, number]>
}

const WHOLE_LIST: [string, number] = ['.container-item', 200]
const VIEWS: readonly View[] = [
  // The sharing map fills the first screen; the PID picture below it (the figure timed before 2026-12-07) comes a frame later.
  { id: 'namespaces', label: 'Namespaces', ready: '#view-panel .view-body .sharing-map svg', complete: [WHOLE_LIST, ['#view-panel .pid-svg', 1]] },
  { id: 'cgroups', label: 'Cgroups', ready: '#view-panel .view-body .cg-svg', complete: [WHOLE_LIST, ['#view-panel .cg-svg', 1]] },
  { id: 'security', label: 'Security', ready: '#view-panel .view-body .cap-matrix svg', complete: [WHOLE_LIST, ['#view-panel .cap-matrix [data-row-id]', 200]] },
  { id: 'container', label: 'Container', ready: '#view-panel .container-page svg', complete: [WHOLE_LIST, ['#view-panel .container-page svg', 1]] }
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
  /** When the whole view was drawn (ms after navigation start), per load. */
  completes: number[]
  /** The blank page's first frame, loaded in turn with this view's loads. */
  blanks: number[]
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
    [`${BENCH_PATH}ticks`, json(data.ticks)],
    [BLANK_PATH, { type: 'text/html', body: BLANK_PAGE }]
  ])
  return (path) => answers.get(path) ?? null
}

async function openView(browser: Browser, base: string, script: string, view: View, problems: string[]): Promise<{ page: Page; paint: BenchPaint; complete: number; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 })
  const page = await context.newPage()
  page.on('pageerror', (e) => problems.push(`${view.id}: page error: ${e.message}`))
  await page.addInitScript({ content: `window.__GLASSHOUSE_BENCH_READY__ = ${JSON.stringify(view.ready)}; window.__GLASSHOUSE_BENCH_COMPLETE__ = ${JSON.stringify(view.complete)}` })
  await page.addInitScript({ content: script })
  await page.goto(`${base}#/${view.id}`)
  const paint = (await page.evaluate('window.__GLASSHOUSE_BENCH__.paint')) as BenchPaint
  const complete = (await page.evaluate('window.__GLASSHOUSE_BENCH__.complete')) as number
  return { page, paint, complete, close: () => context.close() }
}

async function blankPaint(browser: Browser, base: string): Promise<number> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 })
  try {
    const page = await context.newPage()
    await page.goto(new URL(BLANK_PATH, base).href)
    return (await page.evaluate('window.__BLANK_PAINTED__')) as number
  } finally {
    await context.close()
  }
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
  const blanks: number[] = []
  const completes: number[] = []
  for (let i = 0; i < LOADS; i++) {
    blanks.push(await blankPaint(browser, base))
    const opened = await openView(browser, base, script, view, problems)
    paints.push(opened.paint)
    completes.push(opened.complete)
    await opened.close()
  }
  ctx.log(`  ${view.label}: first paint ${median(paints.map((p) => p.painted)).toFixed(0)} ms, blank page ${median(blanks).toFixed(0)} ms (medians of ${LOADS})\n`)
  if (PAINT_ONLY) return { view, paints, completes, blanks, ticks: [] }
  const opened = await openView(browser, base, script, view, problems)
  try {
    return { view, paints, completes, blanks, ticks: await measureTicks(opened.page, view, ctx) }
  } finally {
    await opened.close()
  }
}

const ms = (value: number, digits = 1): string => (Number.isFinite(value) ? `${value.toFixed(digits)} ms` : '–')
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
  if (samples.length === 0) return '–'
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
    const { view, paints, completes, blanks, ticks } = result
    const f = figures(result)
    const range = `${Math.min(...paints.map((p) => p.painted)).toFixed(0)}–${Math.max(...paints.map((p) => p.painted)).toFixed(0)}`
    const firstPaint = Math.max(f.painted, f.onScreen ?? 0)
    return (
      `| ${view.label} | ${ms(f.painted, 0)} (${range}) | ${f.onScreen === null ? '—' : ms(f.onScreen, 0)} | ${ms(median(blanks), 0)} | ${(firstPaint / median(blanks)).toFixed(1)}× | ${ms(median(completes), 0)} | ${spread(ticks.map((c) => c.scriptMs))} | ` +
      `${spread(ticks.map((c) => c.taskMs))} | ${ms(median(ticks.map((c) => c.styleMs + c.layoutMs)))} | ${ms(median(ticks.map((c) => c.wallMs)))} | ` +
      `${verdict(firstPaint < FIRST_PAINT_BAR_MS)} | ${ticks.length === 0 ? '–' : verdict(f.script < TICK_BAR_MS)} |`
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
      `The verdict takes the later of the two. *Anchor*: a blank page (one paragraph, no script but the timer) timed the same way, ` +
      `loaded in turn with the view's loads (median of ${LOADS}): how fast this browser paints anything at that moment, so runs on ` +
      `a slow and a quick day compare by the ratio. *Whole view drawn*: the end of the frame in which the rest is in too (all ` +
      `200 list items; Namespaces: the PID picture below the fold; Security: all 200 matrix rows), drawn after the first frame.`,
    `- **Update tick**: one \`patch\` (${t.containers} containers, ${t.processes} processes, ${t.namespaces} namespaces, ${t.cgroups} cgroups upserted, ` +
      `${t.removed} processes removed: new limits, every process of theirs in another state, one process started or ended) and one \`sample\` ` +
      `(new counters for all ${t.samples} containers), ${(t.bytes / 1024).toFixed(0)} KB of JSON, each parsed and delivered to the live:message ` +
      `subscription in its own task, as a carrier does. Script and task time are the deltas of Chrome's own accounting (CDP ` +
      `\`Performance.getMetrics\`: ScriptDuration, TaskDuration, RecalcStyleDuration + LayoutDuration) around the tick, which ends once the frame ` +
      `after the sample is done; wall is the page's clock over the same span. Ticks ${PAUSE_BETWEEN_TICKS_MS / 1000} s apart, as samples arrive; ` +
      `medians of ${TICKS} ticks after ${WARM_UP_TICKS} warm-up ticks, in brackets the middle half.`,
    '',
    `| view | first paint: frame done (range) | … on screen | anchor: blank page | first paint / anchor | whole view drawn | tick: script | tick: all main-thread tasks | … of which style + layout | tick: wall | first paint under ${FIRST_PAINT_BAR_MS / 1000} s | tick script under ${TICK_BAR_MS} ms |`,
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
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
