// Where serve mode may listen. Loopback by default; any other address only when the user asked
// for it by name (--host), and never without a token.
import { isLoopbackHost } from './loopback'
import { MIN_TOKEN_LENGTH } from './token'

export const DEFAULT_HOST = '127.0.0.1'

export class ServeRefusal extends Error {}

export interface BindRequest {
  host: string
  /** True only when the user named the host explicitly (--host). */
  hostGivenExplicitly: boolean
  token: string
}

/** Throws a ServeRefusal naming the rule; returns whether the bind leaves this machine. */
export function checkBind(request: BindRequest): { exposed: boolean } {
  const exposed = !isLoopbackHost(request.host)
  if (request.token.length < MIN_TOKEN_LENGTH) {
    throw new ServeRefusal(
      exposed
        ? `refusing to listen on ${request.host} without a token: anyone on the network could read this host`
        : `serve mode always needs a token of at least ${MIN_TOKEN_LENGTH} characters`
    )
  }
  if (exposed && !request.hostGivenExplicitly) {
    throw new ServeRefusal(`refusing to listen on ${request.host}: only loopback is allowed unless --host names the address`)
  }
  return { exposed }
}
