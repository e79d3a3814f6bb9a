// Every HTTP request of serve mode: the Host first (on loopback, only loopback names), then the
// page and its assets (which hold no secret, so no token is asked for them), or one contract
// request, which needs the token as a Bearer header. No CORS headers, ever.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isInvokeChannel, type ErrorCode, type InvokeChannel, type InvokeResult } from '../../shared/contract'
import { INVOKE_PATH } from '../../shared/serve-protocol'
import type { ContractHandlers } from '../backend/backend'
import { dispatchInvoke, failure } from '../backend/dispatch'
import { authorizeRequest, hostAllowed, originAllowed } from './request-auth'
import { negotiateEncoding, perRequestBody, type EncodedBody, type SharedEncodings } from './shared-encodings'
import type { StaticRoot } from './static-files'

export interface HandlerContext {
  token: string
  handlers: ContractHandlers
  files: StaticRoot
  csp: string
  maxBodyBytes: number
  /** The Host names accepted (any port); null accepts any (bound beyond loopback). */
  allowedHosts: readonly string[] | null
  /** Answers made once for all clients; null makes each answer per request, uncompressed (the bench's baseline). */
  encodings: SharedEncodings | null
  log: (message: string) => void
}

const STATUS_OF: Record<ErrorCode, number> = {
  'bad-request': 400,
  forbidden: 403,
  'not-found': 404,
  unavailable: 503,
  internal: 500
}

export function splitUrl(raw: string | undefined): { path: string; query: URLSearchParams } {
  const url = raw ?? '/'
  const q = url.indexOf('?')
  return q < 0 ? { path: url, query: new URLSearchParams() } : { path: url.slice(0, q), query: new URLSearchParams(url.slice(q + 1)) }
}

export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store'
  }
}

export const MISDIRECTED = 'Glasshouse answers on loopback only to 127.0.0.1, localhost or [::1] as Host\n'

export async function handleRequest(request: IncomingMessage, response: ServerResponse, context: HandlerContext): Promise<void> {
  for (const [name, value] of Object.entries(securityHeaders(context.csp))) response.setHeader(name, value)
  if (!hostAllowed(request.headers.host, context.allowedHosts)) return sendText(response, 421, MISDIRECTED)
  const { path } = splitUrl(request.url)
  const method = request.method ?? 'GET'
  if (path.startsWith(INVOKE_PATH)) {
    if (!authorizeRequest(request.headers, context.token)) {
      response.setHeader('WWW-Authenticate', 'Bearer')
      return sendResult(response, failure('forbidden', 'missing or wrong token'), 401)
    }
    return handleInvoke(request, response, path.slice(INVOKE_PATH.length), context)
  }
  if (method !== 'GET' && method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD')
    return sendText(response, 405, 'Method not allowed\n')
  }
  const file = await context.files.read(path)
  if (file === null) return sendText(response, 404, 'Not found\n')
  response.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': file.body.length })
  response.end(method === 'HEAD' ? undefined : file.body)
}

async function handleInvoke(request: IncomingMessage, response: ServerResponse, rawChannel: string, context: HandlerContext): Promise<void> {
  if (request.method !== 'POST') {
    response.setHeader('Allow', 'POST')
    return sendResult(response, failure('bad-request', 'contract requests are POSTed'), 405)
  }
  if (!originAllowed(request.headers)) return sendResult(response, failure('forbidden', 'cross-origin request refused'), 403)
  if (!/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')) {
    return sendResult(response, failure('bad-request', 'send the arguments as application/json'), 415)
  }
  let channel: string
  try {
    channel = decodeURIComponent(rawChannel)
  } catch {
    channel = ''
  }
  if (!isInvokeChannel(channel)) return sendResult(response, failure('not-found', 'no such channel'), 404)
  const body = await readBody(request, context.maxBodyBytes)
  if (body === 'too-large') {
    response.setHeader('Connection', 'close')
    return sendResult(response, failure('bad-request', `request body over ${context.maxBodyBytes} bytes`), 413)
  }
  let args: unknown
  try {
    args = (JSON.parse(body.toString('utf8')) as { args?: unknown } | null)?.args
  } catch {
    return sendResult(response, failure('bad-request', 'the body is not JSON'))
  }
  if (!Array.isArray(args)) return sendResult(response, failure('bad-request', 'the body must be { "args": [...] }'))
  const result = await dispatchInvoke(context.handlers, channel, args, context.log)
  if (!result.ok) return sendResult(response, result)
  sendEncoded(response, await successBody(channel, result.value, request, context))
}

function successBody(channel: InvokeChannel, value: unknown, request: IncomingMessage, context: HandlerContext): Promise<EncodedBody> | EncodedBody {
  if (context.encodings === null) return perRequestBody(value)
  return context.encodings.successBody(channel, value, negotiateEncoding(request.headers['accept-encoding']))
}

function sendEncoded(response: ServerResponse, { body, encoding }: EncodedBody): void {
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    Vary: 'Accept-Encoding'
  }
  if (encoding !== 'identity') headers['Content-Encoding'] = encoding
  response.writeHead(200, headers)
  response.end(body)
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    if (Number(request.headers['content-length'] ?? 0) > limit) {
      request.resume()
      return resolve('too-large')
    }
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        request.removeAllListeners('data')
        request.resume()
        resolve('too-large')
      } else chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })
}

function sendResult(response: ServerResponse, result: InvokeResult<unknown>, status?: number): void {
  const body = JSON.stringify(result)
  response.writeHead(status ?? (result.ok ? 200 : STATUS_OF[result.error.code]), {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body)
  })
  response.end(body)
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) })
  response.end(text)
}
