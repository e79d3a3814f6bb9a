// Who may talk to serve mode: whoever shows the token, as an Authorization: Bearer header or
// (for the page's WebSocket, which cannot set headers) as a subprotocol. Never a cookie: a
// browser sends one host's cookies to all its ports. And from where: a browser's Origin, when
// it sends one, must be the page's own; on loopback the Host must name loopback.
import type { IncomingHttpHeaders } from 'node:http'
import { TOKEN_PROTOCOL_PREFIX } from '../../shared/serve-protocol'
import { tokensMatch } from './token'

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
  return match ? match[1]! : null
}

/** The token a WebSocket offered as `glasshouse.token.<token>` among its subprotocols. */
export function protocolToken(header: string | string[] | undefined): string | null {
  const offered = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((p) => p.trim())
  const match = offered.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX))
  return match === undefined ? null : match.slice(TOKEN_PROTOCOL_PREFIX.length)
}

export type Credential = 'bearer' | 'protocol'

/** Whether a request carries the right token as a Bearer header. */
export function authorizeRequest(headers: IncomingHttpHeaders, expected: string): boolean {
  return tokensMatch(bearerToken(headers.authorization), expected)
}

/** Which credential of a WebSocket upgrade carried the right token, or null when none did. */
export function authorizeUpgrade(headers: IncomingHttpHeaders, expected: string): Credential | null {
  if (tokensMatch(bearerToken(headers.authorization), expected)) return 'bearer'
  if (tokensMatch(protocolToken(headers['sec-websocket-protocol']), expected)) return 'protocol'
  return null
}

export const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'] as const

/**
 * A page on another site whose name is made to resolve to 127.0.0.1 (DNS rebinding) sends its
 * own name as Host. On loopback only the loopback names (and the address bound, e.g.
 * 127.0.0.2) are accepted, with any port: an SSH tunnel forwards from another one. `names` null
 * accepts any Host (bound beyond loopback, where the user chose the exposure).
 */
export function hostAllowed(host: string | undefined, names: readonly string[] | null): boolean {
  if (names === null) return true
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::\d{1,5})?$/i.exec(host ?? '')
  return match !== null && names.includes(match[1]!.toLowerCase())
}

/**
 * The origin a browser shows for a page it got from this request's Host. Derived from Host, not
 * from the bind address, so the page still works through an SSH tunnel on another local port.
 */
export function ownOrigin(headers: IncomingHttpHeaders): string | null {
  const host = headers.host
  return host && /^[\w.:[\]-]+$/.test(host) ? `http://${host.toLowerCase()}` : null
}

/** A browser that sends an Origin must send ours; no Origin means no browser sent it. */
export function originAllowed(headers: IncomingHttpHeaders): boolean {
  const origin = headers.origin
  if (origin === undefined) return true
  const own = ownOrigin(headers)
  return own !== null && origin.toLowerCase() === own
}
