// How much of this machine serve mode lets clients hold. Without these, clients that open
// connections and send their headers slowly (or nothing at all) keep a file descriptor each for
// as long as they like: 2,000 of them were all still open after 105 s.
export interface ServeLimits {
  /** Open TCP connections, live sockets included; more are closed as they arrive. */
  maxConnections: number
  /** Live (WebSocket) connections; one more is accepted and closed with CLOSE_TOO_MANY_SOCKETS. */
  maxLiveSockets: number
  /** Time to receive a request's headers, from the moment the connection opens or its last request ended. */
  headersTimeoutMs: number
  /** Time to receive a whole request, body included. */
  requestTimeoutMs: number
  /** How often the server looks for connections past those two timeouts. */
  timeoutCheckMs: number
  /** A connection on which nothing moves for this long (a client that stopped reading an answer) is closed. */
  idleSocketTimeoutMs: number
  /** How long a kept-alive connection may wait for its next request. */
  keepAliveTimeoutMs: number
}

export const DEFAULT_SERVE_LIMITS: ServeLimits = {
  // A browser opens at most 6 connections to one host; a classroom of tabs stays far below this.
  maxConnections: 256,
  maxLiveSockets: 16,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  // Node checks every 30 s by default, which lets slow clients stay up to 40 s.
  timeoutCheckMs: 1_000,
  idleSocketTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000
}
