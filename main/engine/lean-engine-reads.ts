// The engine reads of a one-off command (`glasshouse snapshot`) without dockerode: the same GETs
// dockerode would send (same paths, queries and status codes), through lean-http.ts, answered and
// failed the way docker-modem answers and fails them (the JSON; or an Error "(HTTP code N) <reason> -
// <message> " with reason, statusCode and json), so read-engine.ts and docker-errors.ts cannot tell
// the difference. Why: loading dockerode and its dependencies is ~10 ms of a snapshot's CPU, and a
// snapshot read in-process asks nothing else of the daemon (BENCHMARKS.md). Whatever else is asked
// (a helper container, --changes) loads dockerode through `dockerode()`; so does an answer the lean
// client does not handle (a redirect from a proxy), which is then asked again through docker-modem.
import { stringify } from 'node:querystring'
import type Docker from 'dockerode'
import type { EngineDialOptions, EngineModem, EngineReads } from './engine-reads'
import { leanGet, type LeanEndpoint } from './lean-http'

type SignalOptions = { abortSignal?: AbortSignal }

const SERVER: EngineDialOptions['statusCodes'] = { 200: true, 500: 'server error' }

export class LeanEngineReads implements EngineReads {
  readonly modem: EngineModem = { dial: (options, callback) => this.dial(options, callback) }
  private client: Promise<Docker> | null = null

  constructor(
    private readonly endpoint: LeanEndpoint,
    private readonly loadDockerode: () => Promise<Docker>
  ) {}

  /** The full client for the same endpoint, loaded once, when first asked for. */
  readonly dockerode = (): Promise<Docker> => (this.client ??= this.loadDockerode())

  ping(options: SignalOptions): Promise<unknown> {
    return this.get('/_ping', {}, SERVER, options)
  }

  info(options: SignalOptions): Promise<unknown> {
    return this.get('/info', {}, SERVER, options)
  }

  version(options: SignalOptions): Promise<unknown> {
    return this.get('/version', {}, SERVER, options)
  }

  listContainers(options: Docker.ContainerListOptions): Promise<Docker.ContainerInfo[]> {
    return this.get('/containers/json?', options, { 200: true, 400: 'bad parameter', 500: 'server error' }, options) as Promise<Docker.ContainerInfo[]>
  }

  getContainer(id: string): { inspect(options: Docker.ContainerInspectOptions): Promise<Docker.ContainerInspectInfo> } {
    return {
      inspect: (options) =>
        this.get(`/containers/${id}/json?`, options, { 200: true, 404: 'no such container', 500: 'server error' }, options) as Promise<Docker.ContainerInspectInfo>
    }
  }

  /** The path as dockerode writes it: ending in "?" when the call takes query options (dialedPath). */
  private get(path: string, query: object, statusCodes: EngineDialOptions['statusCodes'], { abortSignal }: SignalOptions): Promise<unknown> {
    const { abortSignal: _signal, ...options } = query as SignalOptions & Record<string, unknown>
    const dialed: EngineDialOptions = { path, method: 'GET', options, statusCodes }
    if (abortSignal) dialed.abortSignal = abortSignal
    return new Promise((resolve, reject) => this.dial(dialed, (error, data) => (error ? reject(error) : resolve(data))))
  }

  /** docker-modem's dial for a GET, sent through the lean client. */
  private dial(options: EngineDialOptions, callback: (error: unknown, data: unknown) => void): void {
    leanGet(this.endpoint, { path: dialedPath(options), signal: options.abortSignal ?? null }, (error, response) => {
      if (error || !response) return callback(error, null)
      if (response.statusCode >= 300 && response.statusCode < 400) {
        this.dockerode().then(
          (docker) => {
            const modem: EngineModem = docker.modem
            modem.dial(options, callback)
          },
          (failure: unknown) => callback(failure, null)
        )
        return
      }
      // docker-modem keeps the bytes when the body parses to nothing truthy (`parseJSON(text) || buffer`).
      const json = parseJson(response.body.toString()) || response.body
      const answers = options.statusCodes[response.statusCode]
      if (answers === true) return callback(null, json)
      callback(modemError(response.statusCode, answers, json), null)
    })
  }
}

/**
 * The path with its query as docker-modem's dial builds it: a path with "?" gets the options as a query
 * string (objects as JSON, by Node's querystring), or loses its last character (the "?") when there are none.
 */
export function dialedPath({ path, options }: Pick<EngineDialOptions, 'path' | 'options'>): string {
  if (!path.includes('?')) return path
  const entries = Object.entries(options)
  if (entries.length === 0) return path.slice(0, -1)
  return path + stringify(Object.fromEntries(entries.map(([key, value]) => [key, isPlainObject(value) ? JSON.stringify(value) : value])) as Record<string, string>)
}

/** As docker-modem words an answer whose status is not one the call expects (lib/modem.js buildPayload). */
function modemError(statusCode: number, reason: string | undefined, json: unknown): Error {
  const cause = isRecord(json) ? json.message || json.error || json : json
  const error = new Error(`(HTTP code ${statusCode}) ${reason ?? 'unexpected'} - ${String(cause)} `) as Error & { reason?: string; statusCode: number; json: unknown }
  error.reason = reason
  error.statusCode = statusCode
  error.json = json
  return error
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return null
  }
}

function isPlainObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Buffer.isBuffer(value)
}
