// How the browser talks to `glasshouse serve`. Shared by the server (main/server) and the
// renderer's serve-mode bridge, so neither can drift from the other.
//
// 1. The server prints   http://127.0.0.1:<port>/?token=<token>
// 2. GET / with the right token answers the page and sets the token as an HttpOnly,
//    SameSite=Strict cookie; the page then loads its assets with that cookie.
// 3. Requests: POST <INVOKE_PATH><channel> with JSON { args: [...] } → InvokeResult JSON.
// 4. Pushes: a WebSocket at LIVE_PATH, one JSON { channel, payload } per message.
// Every request without the token (cookie, or Authorization: Bearer) is refused with 401, and a
// WebSocket whose Origin is not the server's own is refused too. No CORS headers are ever sent.

export const TOKEN_QUERY = 'token'
export const TOKEN_COOKIE = 'glasshouse_token'
export const INVOKE_PATH = '/api/invoke/'
export const LIVE_PATH = '/api/live'

export interface PushFrame<C extends string = string, P = unknown> {
  channel: C
  payload: P
}
