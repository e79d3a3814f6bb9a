// Sends the daemon's plain JSON GETs (info, version, the container list, every inspect) through
// lean-http.ts instead of Node's http module. Why: CPU. A snapshot of 50 containers makes 53 such
// GETs, and every Docker event in a live session repeats some; through docker-modem's buildRequest,
// ClientRequest, the agent and IncomingMessage they cost several times what writing the request and
// parsing the answer on a pooled socket costs (numbers in BENCHMARKS.md).
// docker-modem still builds every request (dial: API version, query, headers) and still shapes
// every answer (buildPayload: the JSON, or its "(HTTP code N) …" error), so callers see no
// difference. Only the transport of a GET with no body, no stream, no hijack, over plain http,
// changes; everything else (POSTs, /events and log streams, attach, TLS, ssh, redirects) goes
// through the original buildRequest. GLASSHOUSE_LEAN_HTTP=0 turns the seam off.
import { leanGet, type LeanEndpoint } from './lean-http'

/** docker-modem's request options after dial (lib/modem.js), as far as the seam reads them. */
interface DialedOptions {
  path: string
  method: string
  headers?: Record<string, string | number | string[]>
  socketPath?: string
  hostname?: string | null
  port?: string | number | null
  signal?: AbortSignal
}

interface RequestContext {
  isStream?: boolean
  hijack?: boolean
  openStdin?: boolean
  statusCodes: Record<number, string | boolean>
}

type ModemCallback = (error: unknown, result: unknown) => void

/** The parts of a docker-modem instance the seam uses (buildRequest and buildPayload are private in its typings). */
export interface ModemInternals {
  protocol?: string
  timeout?: number
  connectionTimeout?: number
  buildRequest(options: DialedOptions, context: RequestContext, data: unknown, callback: ModemCallback): void
  buildPayload(error: unknown, isStream: boolean, statusCodes: RequestContext['statusCodes'], openStdin: boolean, req: object, res: { statusCode?: number }, json: unknown, callback: ModemCallback): void
}

export function leanHttpEnabled(env: NodeJS.ProcessEnv): boolean {
  return env.GLASSHOUSE_LEAN_HTTP !== '0'
}

/** Wraps this modem's buildRequest (objects made with Object.create(modem) inherit it). */
export function installLeanHttp(modem: ModemInternals): void {
  const original = modem.buildRequest
  modem.buildRequest = function (this: ModemInternals, options, context, data, callback) {
    const endpoint = leanEndpoint(this, options, context, data)
    if (!endpoint) return original.call(this, options, context, data, callback)
    leanGet(endpoint, { path: options.path, headers: options.headers, signal: options.signal }, (error, response) => {
      if (error || !response) return this.buildPayload(error, false, context.statusCodes, false, {}, {}, null, callback)
      // docker-modem follows redirects (lib/http.js); the daemon sends none, a proxy might.
      if (response.statusCode >= 300 && response.statusCode < 400 && response.headers.has('location')) {
        return original.call(this, options, context, data, callback)
      }
      // As docker-modem reads a complete body: its JSON, else the bytes.
      const json = parseJson(response.body.toString()) || response.body
      this.buildPayload(null, false, context.statusCodes, false, {}, { statusCode: response.statusCode }, json, callback)
    })
  }
}

/** Where the lean client can send this request, or null when it is one for the original. */
function leanEndpoint(modem: ModemInternals, options: DialedOptions, context: RequestContext, data: unknown): LeanEndpoint | null {
  if (modem.protocol !== 'http' || modem.timeout || modem.connectionTimeout) return null
  if (options.method !== 'GET' || data !== undefined || context.isStream || context.hijack || context.openStdin) return null
  // What Node's http would refuse is left to it, so it is refused with Node's own error.
  if (!VALID_PATH.test(options.path) || !validHeaders(options.headers)) return null
  if (typeof options.socketPath === 'string') return { socketPath: options.socketPath }
  if (!options.hostname) return null
  return { host: options.hostname, port: options.port ? Number(options.port) : 80 }
}

const VALID_PATH = /^\/[\u0021-\u00ff]*$/
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
const HEADER_VALUE = /^[\t\u0020-\u007e\u0080-\u00ff]*$/

function validHeaders(headers: DialedOptions['headers']): boolean {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!HEADER_NAME.test(name)) return false
    for (const one of Array.isArray(value) ? value : [value]) {
      if ((typeof one !== 'string' && typeof one !== 'number') || !HEADER_VALUE.test(String(one))) return false
    }
  }
  return true
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
