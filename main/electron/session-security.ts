// Session-wide rules: Glasshouse asks for no permission (camera, microphone, notifications,
// devices, …), so every request and check is denied; and the page's Content-Security-Policy is
// also sent as a response header, which unlike the meta tag covers frame-ancestors too.
import type { Session } from 'electron'

export type ResponseHeaders = Record<string, string[] | string>

export function applySessionSecurity(session: Session, csp: string | null): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
  if (csp !== null) {
    session.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: withCsp(details.responseHeaders, csp) })
    })
  }
}

/** The headers with our policy added; a policy already there stays (both then apply). */
export function withCsp(headers: ResponseHeaders | undefined, csp: string): Record<string, string[]> {
  const result: Record<string, string[]> = {}
  let existing: string[] = []
  for (const [name, value] of Object.entries(headers ?? {})) {
    const values = Array.isArray(value) ? value : [value]
    if (name.toLowerCase() === 'content-security-policy') existing = existing.concat(values)
    else result[name] = values
  }
  result['Content-Security-Policy'] = [...existing, csp]
  return result
}
