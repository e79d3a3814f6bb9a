// Browser entry for the renderer benchmark (scripts/bench/renderer-bench.ts): bundled into one
// script and injected with page.addInitScript, like install-mock-bridge.ts. window.glasshouse
// answers from the bench server's /__bench/ JSON, so the page pays for parsing the host as a
// carrier's reply (IPC or serve mode) but not for making it; live messages are pushed only when
// the benchmark asks. window.__GLASSHOUSE_BENCH__ times the first paint and the live ticks.
import type { GlasshouseBridge, InvokeArgs, InvokeChannel, InvokeResult, InvokeResultOf, MenuCommand, PushChannel, PushChannels } from '../../../shared/contract'
import type { LiveMessage } from '../../../shared/live'
import { BENCH_PATH, type BenchHooks, type BenchPaint } from './bench-hooks'

declare global {
  interface Window {
    /** A CSS selector: the view's element whose first paint is timed. */
    __GLASSHOUSE_BENCH_READY__?: string
    /** [selector, count] pairs: the view is whole once each selector matches at least count elements. */
    __GLASSHOUSE_BENCH_COMPLETE__?: Array<[string, number]>
    __GLASSHOUSE_BENCH__?: BenchHooks
  }
}

const live = new Set<(message: LiveMessage) => void>()
const menu = new Set<(command: MenuCommand) => void>()

const bridge: GlasshouseBridge = {
  // Arguments are not needed: the benchmark asks only for app:info, snapshot:get, history:get and recording:list.
  async invoke<K extends InvokeChannel>(channel: K, ..._args: InvokeArgs<K>): Promise<InvokeResult<InvokeResultOf<K>>> {
    const response = await fetch(`${BENCH_PATH}invoke/${channel}`)
    if (!response.ok) return { ok: false, error: { code: 'unavailable', message: `${channel}: ${response.status}` } } as InvokeResult<never>
    return (await response.json()) as InvokeResult<InvokeResultOf<K>>
  },
  subscribe<K extends PushChannel>(channel: K, listener: (payload: PushChannels[K]) => void): () => void {
    const set = (channel === 'live:message' ? live : menu) as Set<(payload: PushChannels[K]) => void>
    set.add(listener)
    return () => set.delete(listener)
  }
}
window.glasshouse = bridge

/** The next task: what a carrier's next message event would be. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => resolve()
    channel.port2.postMessage(null)
  })
}

/** After the next frame: a task posted from requestAnimationFrame runs once that frame's rendering is done. */
function afterNextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => void nextTask().then(resolve)))
}

function watchPaint(selector: string): Promise<BenchPaint> {
  const lcps: Array<{ startTime: number; element: Element | null }> = []
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as Array<PerformanceEntry & { element?: Element | null }>) lcps.push({ startTime: e.startTime, element: e.element ?? null })
    }).observe({ type: 'largest-contentful-paint', buffered: true })
  } catch {
    // No LCP in this browser: the comparison is left out.
  }
  // Chrome reports a text's LCP with its presentation time, some frames after the main thread is done.
  const viewLcp = async (since: number): Promise<BenchPaint['lcp']> => {
    for (let waited = 0; waited < 1000; waited += 50) {
      const entry = lcps.find((e) => e.startTime >= since && e.element?.closest('#view-panel'))
      if (entry) return { startTime: entry.startTime, element: `${entry.element?.tagName.toLowerCase()}.${entry.element?.className}` }
      await new Promise((r) => setTimeout(r, 50))
    }
    return null
  }
  return new Promise((resolve) => {
    const found = (): void => {
      const inDocument = performance.now()
      void afterNextFrame().then(async () => {
        const painted = performance.now()
        resolve({ inDocument, painted, lcp: await viewLcp(inDocument) })
      })
    }
    if (document.querySelector(selector)) return found()
    const observer = new MutationObserver(() => {
      if (!document.querySelector(selector)) return
      observer.disconnect()
      found()
    })
    observer.observe(document, { childList: true, subtree: true })
  })
}

function watchComplete(wanted: Array<[string, number]>): Promise<number> {
  const whole = (): boolean => wanted.every(([selector, count]) => document.querySelectorAll(selector).length >= count)
  return new Promise((resolve) => {
    const found = (): void => void afterNextFrame().then(() => resolve(performance.now()))
    if (whole()) return found()
    const observer = new MutationObserver(() => {
      if (!whole()) return
      observer.disconnect()
      found()
    })
    observer.observe(document, { childList: true, subtree: true })
  })
}

let ticks: Array<[string, string]> = []

function deliver(json: string): number {
  const t0 = performance.now()
  const message = JSON.parse(json) as LiveMessage
  const parsed = performance.now() - t0
  for (const listener of [...live]) listener(message)
  return parsed
}

window.__GLASSHOUSE_BENCH__ = {
  paint: watchPaint(window.__GLASSHOUSE_BENCH_READY__ ?? '#view-panel .view-body svg'),
  complete: watchComplete(window.__GLASSHOUSE_BENCH_COMPLETE__ ?? [['#view-panel .view-body svg', 1]]),
  async loadTicks() {
    ticks = (await (await fetch(`${BENCH_PATH}ticks`)).json()) as Array<[string, string]>
    return ticks.length
  },
  async tick(index) {
    const pair = ticks[index]
    if (!pair) throw new Error(`no tick ${index}`)
    const t0 = performance.now()
    // One message per task, as both carriers deliver them (an IPC or WebSocket message event each).
    let parseMs = deliver(pair[0])
    await nextTask()
    parseMs += deliver(pair[1])
    await afterNextFrame()
    return { wallMs: performance.now() - t0, parseMs }
  },
  listeners: () => live.size
}
