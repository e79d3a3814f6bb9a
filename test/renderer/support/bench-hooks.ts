// What the renderer benchmark's page hooks (install-bench-bridge.ts) answer: plain data, no DOM
// types, so the Node side (scripts/bench/renderer-bench.ts) can share these declarations.

export interface BenchPaint {
  /** performance.now() (ms after navigation start) when the view's element was first in the document. */
  inDocument: number
  /** …and when the main thread had finished the first frame after it (style, layout, paint, commit). */
  painted: number
  /**
   * The first largest-contentful-paint candidate inside the view painted since it was in the
   * document (Chrome stamps it with the frame's presentation time); null when the view's largest
   * text is smaller than the loading screen's, so Chrome reports no new candidate.
   */
  lcp: { startTime: number; element: string } | null
}

export interface BenchTick {
  /** From delivering the patch to the end of the frame after the sample. */
  wallMs: number
  /** Of which parsing the two messages' JSON, as the carrier does before delivering them. */
  parseMs: number
}

export interface BenchHooks {
  /** Resolves once the element matching __GLASSHOUSE_BENCH_READY__ is in the document and painted. */
  paint: Promise<BenchPaint>
  /**
   * performance.now() when the main thread had finished the frame in which the whole view was in the
   * document (every [selector, count] of __GLASSHOUSE_BENCH_COMPLETE__ matched at least count elements):
   * the parts drawn after the first frame (rows past the first screenful, pictures below the fold) included.
   */
  complete: Promise<number>
  /** Fetches the ticks (not timed); answers how many there are. */
  loadTicks(): Promise<number>
  tick(index: number): Promise<BenchTick>
  /** How many live:message listeners the app has (1 once its session subscribed). */
  listeners(): number
}

/** The paths the bench server answers under, besides the built renderer. */
export const BENCH_PATH = '/__bench/'
