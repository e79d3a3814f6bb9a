// Which carrier backs the contract: the Electron preload's `window.glasshouse` when present,
// else `glasshouse serve` at the page's own origin. Everything above this module sees only
// GlasshouseBridge; `carrier` is kept for the one place that differs (saving exports). Serve mode
// takes its access token from the address the page was opened with.
import type { GlasshouseBridge } from '../../shared/contract'
import { createServeBridge, takeTokenFromAddress, type LinkListener } from './serve-bridge'

declare global {
  interface Window {
    /** Exposed by the Electron preload (main/preload); absent in a plain browser. */
    glasshouse?: GlasshouseBridge
  }
}

export interface BridgeHandle {
  bridge: GlasshouseBridge
  carrier: 'electron' | 'serve'
  /** Push-link state changes, where the carrier has a link to watch (serve mode's WebSocket). */
  onLinkChange: ((listener: LinkListener) => () => void) | null
}

export function resolveBridge(win: Window): BridgeHandle {
  if (win.glasshouse && typeof win.glasshouse.invoke === 'function') {
    return { bridge: win.glasshouse, carrier: 'electron', onLinkChange: null }
  }
  const token = takeTokenFromAddress(win.location, win.history, sessionStorageOf(win))
  const serve = createServeBridge({ origin: win.location.origin, token })
  return { bridge: serve, carrier: 'serve', onLinkChange: serve.onLinkChange }
}

/** The tab's sessionStorage, or null where the browser refuses it (opaque origins, strict settings). */
function sessionStorageOf(win: Window): Storage | null {
  try {
    return win.sessionStorage ?? null
  } catch {
    return null
  }
}
