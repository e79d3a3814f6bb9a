// Who may talk to serve mode: whoever shows the token, as the cookie set with the page, as an
// Authorization: Bearer header, or (only when asking for the page itself) in the query.
// And from where: a browser's Origin, when it sends one, must be the page's own.
import type { IncomingHttpHeaders } from 'node:http'
import { TOKEN_COOKIE } from '../../shared/serve-protocol'
import { tokensMatch } from './token'

export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return null
}

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
  return match ? match[1]! : null
}

export type Credential = 'cookie' | 'bearer' | 'query'

/** Which credential carried the right token, or null when none did. */
export function authorize(headers: IncomingHttpHeaders, queryToken: string | null, expected: string): Credential | null {
  if (tokensMatch(bearerToken(headers.authorization), expected)) return 'bearer'
  if (tokensMatch(cookieValue(headers.cookie, TOKEN_COOKIE), expected)) return 'cookie'
  if (tokensMatch(queryToken, expected)) return 'query'
  return null
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

export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`
}
