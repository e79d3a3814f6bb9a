// How the browser talks to `glasshouse serve`. Shared by the server (main/server) and the
// renderer's serve-mode bridge, so neither can drift from the other.
//
// 1. The server prints   http://127.0.0.1:<port>/#token=<token>
//    The fragment never leaves the browser: no request line, log or Referer carries it.
// 2. The page and its assets hold no secret and are served without the token. The page takes the
//    token from the fragment, removes it from the address bar, and keeps it in sessionStorage,
//    which is scoped to this origin (port included) and this tab, so a reload keeps working.
// 3. Requests: POST <INVOKE_PATH><channel> with JSON { args: [...] } and
//    `Authorization: Bearer <token>` → InvokeResult JSON (gzip or br when the browser accepts it).
// 4. Pushes: a WebSocket at LIVE_PATH that offers two subprotocols, LIVE_PROTOCOL and
//    TOKEN_PROTOCOL_PREFIX + token; the server answers LIVE_PROTOCOL (never the token one).
//    Then one JSON { channel, payload } per message.
// No cookie is ever set or read: browsers share cookies between all ports of a host.
// Every request and socket without the token is refused with 401, a socket whose Origin is not
// the server's own with 403, and on loopback any Host but 127.0.0.1, localhost or [::1] with 421
// (a DNS-rebinding defence). No CORS headers are ever sent.

export const TOKEN_FRAGMENT = 'token'
export const TOKEN_STORAGE_KEY = 'glasshouse.token'
export const INVOKE_PATH = '/api/invoke/'
export const LIVE_PATH = '/api/live'
export const LIVE_PROTOCOL = 'glasshouse.live'
export const TOKEN_PROTOCOL_PREFIX = 'glasshouse.token.'
/** Close code of a live socket refused because too many are open (a private code, after HTTP 429). */
export const CLOSE_TOO_MANY_SOCKETS = 4429

export interface PushFrame<C extends string = string, P = unknown> {
  channel: C
  payload: P
}
