// How a failed request to the Docker daemon is put into words, for every reader of the engine
// (the one-off read and the event stream): the errno with a hint at the likely cause, or the
// HTTP status with the daemon's own message. Deadlines are worded by the callers, who know them.

const ERRNO_HINTS: Record<string, string> = {
  ENOENT: 'no socket there; is the Docker daemon running?',
  ECONNREFUSED: 'nothing accepts connections there; is the Docker daemon running?',
  ECONNRESET: 'connection dropped; is the Docker daemon stopping?',
  EACCES: 'permission denied; run as root or join the docker group',
  EPERM: 'permission denied; run as root or join the docker group',
  ENOTSOCK: 'the path is not a socket'
}

const MAX_BODY_CHARS = 120

/** `<request> answered HTTP 500: <daemon message>`, or `ENOENT (<hint>)`, or the error's own message. */
export function describeDockerError(error: unknown, request: string): string {
  const status = httpStatusOf(error)
  if (status !== null) {
    const message = daemonMessage(error)
    return `${request} answered HTTP ${status}${message ? `: ${message}` : ''}`
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  const hint = code ? ERRNO_HINTS[code] : undefined
  if (code && hint) return `${code} (${hint})`
  const message = error instanceof Error ? error.message : String(error)
  return code && !message.includes(code) ? `${code}: ${message}` : message
}

/** The HTTP status docker-modem attaches to an error answer, else null (a transport error). */
export function httpStatusOf(error: unknown): number | null {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode
  return typeof status === 'number' ? status : null
}

/**
 * The daemon's `{"message": …}`, else the start of whatever body came back (docker-modem keeps it
 * as a Buffer). A streamed request (GET /events) keeps no body: docker-modem words the daemon's
 * message into its own, "(HTTP code 500) server error - <message> ".
 */
function daemonMessage(error: unknown): string {
  const body = (error as { json?: unknown }).json
  if (typeof body === 'object' && body !== null && !Buffer.isBuffer(body)) {
    const message = (body as { message?: unknown }).message
    return typeof message === 'string' ? message : ''
  }
  const raw = Buffer.isBuffer(body) || typeof body === 'string'
    ? body.toString()
    : (error instanceof Error ? error.message : '').replace(/^\(HTTP code \d+\)[^-]*- /, '')
  const text = raw.trim()
  return text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS)}…` : text
}
