// What a carrier (Electron IPC, serve mode) needs from the backend: one handler per request
// channel, and a source of pushed messages. Carriers validate arguments before calling a handler.
import type { InvokeArgs, InvokeChannel, InvokeResultOf, PushChannel, PushChannels } from '../../shared/contract'

/** A handler failure the carrier turns into an InvokeResult error with this code. */
export class BackendError extends Error {
  constructor(
    readonly code: 'not-found' | 'unavailable' | 'bad-request' | 'internal',
    message: string
  ) {
    super(message)
  }
}

export type ContractHandlers = {
  [K in InvokeChannel]: (...args: InvokeArgs<K>) => Promise<InvokeResultOf<K>>
}

export interface PushSource {
  /** Calls the listener for every pushed message; returns the function that unsubscribes. */
  subscribe<K extends PushChannel>(channel: K, listener: (payload: PushChannels[K]) => void): () => void
}

export interface Backend {
  handlers: ContractHandlers
  push: PushSource
  close(): Promise<void>
}
