// Types for start-plan.mjs (plain JavaScript so `node scripts/start-electron.mjs` needs no build step).
export declare const ROOT_REASON: string

export type StartPlan = { kind: 'electron'; binary: string } | { kind: 'browser'; reason: string }

export declare function planStart(facts: {
  uid: number | undefined
  env: NodeJS.ProcessEnv
  findBinary: () => string | null
  download: () => string
}): StartPlan

export interface BrowserOpener {
  command: string
  args: (target: string) => string[]
}

export declare function browserOpener(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv
): { opener: BrowserOpener } | { opener: null; reason: string }

export declare function redirectPage(url: string): string
