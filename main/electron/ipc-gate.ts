// The one IPC gate. Every contract channel is registered here and nowhere else; each request is
// checked for its sender (see trusted-sender.ts), its arguments are validated against the
// contract, and the outcome is always an InvokeResult: handlers never throw across IPC, so no
// stack trace reaches the page. A channel missing from `handlers` does not compile.
import type { IpcMainInvokeEvent } from 'electron'
import { INVOKE_CHANNELS, type InvokeResult } from '../../shared/contract'
import type { ContractHandlers } from '../backend/backend'
import { dispatchInvoke, failure, type ErrorLog } from '../backend/dispatch'

export interface IpcRegistrar {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void
  removeHandler(channel: string): void
}

/** Registers every INVOKE_CHANNEL; returns the function that removes them again. */
export function registerIpcGate(
  ipc: IpcRegistrar,
  handlers: ContractHandlers,
  isTrusted: (event: IpcMainInvokeEvent) => boolean,
  logError: ErrorLog
): () => void {
  for (const channel of INVOKE_CHANNELS) {
    ipc.handle(channel, async (event, ...args): Promise<InvokeResult<unknown>> => {
      if (!isTrusted(event)) {
        logError(`refused ${channel} from a frame that is not our window's page`)
        return failure('forbidden', 'this frame may not use Glasshouse')
      }
      return dispatchInvoke(handlers, channel, args, logError)
    })
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipc.removeHandler(channel)
  }
}
