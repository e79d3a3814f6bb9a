// Types of browser-harness.mjs, for the TypeScript that imports it (scripts/bench/renderer-bench.ts).
import type { Browser } from '@playwright/test'

export declare const ROOT: string
export declare const RENDERER_DIR: string
export declare const CHROMIUM_PATH: string
export declare const CHROMIUM_ARGS: readonly string[]

export interface ExtraAnswer {
  type: string
  body: string | Uint8Array
}

export interface RendererServer {
  /** http://127.0.0.1:<port>/ */
  base: string
  close(): Promise<void>
}

export declare function rendererBuilt(dir?: string): boolean
export declare function bundleForBrowser(entry: string): string
export declare function serveRenderer(dir?: string, extra?: (path: string) => ExtraAnswer | null): Promise<RendererServer>
export declare function launchChromium(): Promise<Browser>
