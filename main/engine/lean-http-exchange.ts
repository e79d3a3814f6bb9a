// One GET on its way through the lean HTTP client's pool: its bytes, its caller, its abort signal,
// and whether it has already been retried. It settles exactly once, and frees the abort listener then.
import type { LeanResponse } from './lean-http-response'

export type LeanCallback = (error: Error | null, response?: LeanResponse) => void

/** What carries an exchange on the wire (a Connection), as far as the exchange needs it. */
export interface ExchangeCarrier {
  /** The exchange settled (answered, failed or aborted). */
  detach(exchange: Exchange): void
  destroy(): void
}

/** An error as Node's http gives for an aborted request: name AbortError, code ABORT_ERR. */
export function abortError(signal: AbortSignal): Error {
  const error = new Error('The operation was aborted', { cause: signal.reason }) as NodeJS.ErrnoException
  error.name = 'AbortError'
  error.code = 'ABORT_ERR'
  return error
}

export class Exchange {
  /** Sent again once already: the next failure is final, and it goes on a new connection. */
  retried = false
  connection: ExchangeCarrier | null = null
  private settled = false
  private readonly onAbort: (() => void) | null = null

  constructor(
    readonly head: string,
    readonly signal: AbortSignal | null,
    private readonly done: LeanCallback
  ) {
    if (signal && !signal.aborted) {
      this.onAbort = () => {
        const connection = this.connection
        this.settle(abortError(signal))
        // A connection with a half-read answer cannot carry another request.
        connection?.destroy()
      }
      signal.addEventListener('abort', this.onAbort, { once: true })
    }
  }

  get isSettled(): boolean {
    return this.settled
  }

  settle(error: Error | null, response?: LeanResponse): void {
    if (this.settled) return
    this.settled = true
    if (this.onAbort) this.signal?.removeEventListener('abort', this.onAbort)
    const connection = this.connection
    this.connection = null
    connection?.detach(this)
    this.done(error, response)
  }
}
