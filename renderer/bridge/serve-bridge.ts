// The serve-mode carrier of the contract (shared/serve-protocol.ts): requests are POSTed to
// /api/invoke/<channel> with { args } and answer an InvokeResult; pushes arrive on one
// WebSocket at /api/live as { channel, payload } frames. The token the page was opened with goes
// as an Authorization: Bearer header on requests and as a subprotocol on the socket; never as
// a cookie, which the browser would also send to every other port of this host.
import type { GlasshouseBridge, InvokeResult, PushChannel, PushChannels } from '../../shared/contract'
import { isPushChannel } from '../../shared/contract'
import {
  INVOKE_PATH,
  LIVE_PATH,
  LIVE_PROTOCOL,
  TOKEN_FRAGMENT,
  TOKEN_PROTOCOL_PREFIX,
  TOKEN_STORAGE_KEY,
  type PushFrame
} from '../../shared/serve-protocol'

export type LinkListener = (state: 'open' | 'reconnecting') => void

export interface ServeBridge extends GlasshouseBridge {
  /** Reports the WebSocket's state; returns the function that unsubscribes. */
  onLinkChange(listener: LinkListener): () => void
}

export interface ServeBridgeOptions {
  origin: string
  /** The access token (from takeTokenFromAddress); null when the page was opened without one. */
  token: string | null
  fetch?: typeof fetch
  WebSocket?: typeof WebSocket
  /** Reconnect delays in ms, the last repeated. */
  backoff?: readonly number[]
  setTimeout?: (fn: () => void, ms: number) => unknown
  clearTimeout?: (handle: unknown) => void
}

const DEFAULT_BACKOFF = [500, 1000, 2000, 5000, 10000]

export function createServeBridge(options: ServeBridgeOptions): ServeBridge {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis)
  const Socket = options.WebSocket ?? globalThis.WebSocket
  const backoff = options.backoff ?? DEFAULT_BACKOFF
  const later = options.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms))
  const cancel = options.clearTimeout ?? ((h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>))
  const listeners = new Map<PushChannel, Set<(payload: never) => void>>()
  const linkListeners = new Set<LinkListener>()
  let socket: WebSocket | null = null
  let retry = 0
  let retryTimer: unknown = null

  // A page not served over http(s) (file://, origin "null") has no server to talk to: requests
  // then fail as "unavailable" and no socket is opened, instead of throwing at start.
  const liveUrl = ((): URL | null => {
    try {
      const url = new URL(LIVE_PATH, options.origin)
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
      return url
    } catch {
      return null
    }
  })()

  const subscriberCount = (): number => [...listeners.values()].reduce((n, set) => n + set.size, 0)
  const announce = (state: 'open' | 'reconnecting'): void => linkListeners.forEach((l) => l(state))

  function connect(): void {
    if (socket || subscriberCount() === 0 || liveUrl === null) return
    const protocols = options.token === null ? [LIVE_PROTOCOL] : [LIVE_PROTOCOL, TOKEN_PROTOCOL_PREFIX + options.token]
    const ws = new Socket(liveUrl.href, protocols)
    socket = ws
    ws.onopen = () => {
      retry = 0
      announce('open')
    }
    ws.onmessage = (event: MessageEvent) => {
      let frame: PushFrame
      try {
        frame = JSON.parse(String(event.data)) as PushFrame
      } catch {
        return
      }
      if (!frame || !isPushChannel(frame.channel)) return
      for (const listener of listeners.get(frame.channel) ?? []) listener(frame.payload as never)
    }
    ws.onclose = () => {
      if (socket !== ws) return
      socket = null
      if (subscriberCount() === 0) return
      announce('reconnecting')
      const delay = backoff[Math.min(retry, backoff.length - 1)] ?? 5000
      retry++
      retryTimer = later(() => {
        retryTimer = null
        connect()
      }, delay)
    }
  }

  function disconnectIfIdle(): void {
    if (subscriberCount() > 0) return
    if (retryTimer !== null) cancel(retryTimer)
    retryTimer = null
    const ws = socket
    socket = null
    ws?.close()
  }

  return {
    async invoke(channel, ...args) {
      let response: Response
      try {
        response = await doFetch(new URL(INVOKE_PATH + channel, options.origin).href, {
          method: 'POST',
          credentials: 'omit',
          headers: { 'Content-Type': 'application/json', ...(options.token === null ? {} : { Authorization: `Bearer ${options.token}` }) },
          body: JSON.stringify({ args })
        })
      } catch (error) {
        return failure('unavailable', `the Glasshouse server did not answer (${error instanceof Error ? error.message : String(error)})`)
      }
      let body: unknown
      try {
        body = await response.json()
      } catch {
        return failure(response.status === 401 ? 'forbidden' : 'internal', `the server answered ${response.status} without a contract result`)
      }
      if (body && typeof body === 'object' && 'ok' in body) return body as InvokeResult<never>
      return failure('internal', `the server answered ${response.status} with something that is not a contract result`)
    },
    subscribe<K extends PushChannel>(channel: K, listener: (payload: PushChannels[K]) => void): () => void {
      if (!isPushChannel(channel)) throw new Error(`unknown push channel ${String(channel)}`)
      let set = listeners.get(channel)
      if (!set) listeners.set(channel, (set = new Set()))
      const entry = listener as (payload: never) => void
      set.add(entry)
      connect()
      let active = true
      return () => {
        if (!active) return
        active = false
        set.delete(entry)
        disconnectIfIdle()
      }
    },
    onLinkChange(listener) {
      linkListeners.add(listener)
      return () => linkListeners.delete(listener)
    }
  }
}

function failure(code: 'unavailable' | 'internal' | 'forbidden', message: string): InvokeResult<never> {
  return { ok: false, error: { code, message } }
}

/**
 * The token arrives once, in the address's fragment (#token=…), which the browser never sends to
 * any server. Take it out of the address bar so it is not bookmarked, shared in a screenshot or
 * kept in the history, and keep it in sessionStorage (this origin, port included, and this tab
 * only) so a reload still works. Returns the token, or null when the page has none.
 */
export function takeTokenFromAddress(location: Location, history: History, storage: Storage | null): string | null {
  const url = new URL(location.href)
  const fragment = new URLSearchParams(url.hash.slice(1))
  const fresh = url.hash.startsWith('#/') ? null : fragment.get(TOKEN_FRAGMENT)
  if (fresh !== null) {
    history.replaceState(history.state, '', url.pathname + url.search)
    try {
      storage?.setItem(TOKEN_STORAGE_KEY, fresh)
    } catch {
      // Storage refused (a private window's quota): the token still works until a reload.
    }
    return fresh === '' ? null : fresh
  }
  try {
    return storage?.getItem(TOKEN_STORAGE_KEY) ?? null
  } catch {
    return null
  }
}
