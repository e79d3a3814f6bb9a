// One request through the contract, whatever carries it: validate the arguments, call the
// handler, and turn the outcome into an InvokeResult. Both carriers (the Electron IPC gate and
// the serve-mode HTTP server) go through here, so they answer the same way. Errors that are not
// BackendErrors become 'internal' with a fixed message: no stack or path reaches the page.
import {
  ARGUMENT_CHECKS,
  type ErrorCode,
  type InvokeArgs,
  type InvokeChannel,
  type InvokeResult,
  type InvokeResultOf
} from '../../shared/contract'
import { BackendError, type ContractHandlers } from './backend'

export type ErrorLog = (message: string) => void

export function failure(code: ErrorCode, message: string): InvokeResult<never> {
  return { ok: false, error: { code, message } }
}

export async function dispatchInvoke<K extends InvokeChannel>(
  handlers: ContractHandlers,
  channel: K,
  args: readonly unknown[],
  logError: ErrorLog
): Promise<InvokeResult<InvokeResultOf<K>>> {
  const problem = ARGUMENT_CHECKS[channel](args)
  if (problem !== null) return failure('bad-request', problem)
  const handler = handlers[channel] as unknown as (...values: readonly unknown[]) => Promise<InvokeResultOf<K>>
  try {
    return { ok: true, value: await handler(...args) }
  } catch (error) {
    if (error instanceof BackendError) return failure(error.code, error.message)
    logError(`${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    return failure('internal', `${channel} failed inside Glasshouse; the details are in its log`)
  }
}

/**
 * Handlers that wait for a backend still starting, so a carrier can accept requests (and show
 * its window) before the backend is ready.
 */
export function deferredHandlers(backend: Promise<{ handlers: ContractHandlers }>): ContractHandlers {
  const call = <K extends InvokeChannel>(channel: K): ContractHandlers[K] =>
    (async (...args: InvokeArgs<K>) => {
      const { handlers } = await backend.catch((error: unknown) => {
        throw new BackendError('unavailable', `the backend did not start: ${error instanceof Error ? error.message : String(error)}`)
      })
      return (handlers[channel] as (...values: InvokeArgs<K>) => Promise<InvokeResultOf<K>>)(...args)
    }) as ContractHandlers[K]
  // Written out so that a channel added to the contract and missing here fails to compile.
  return {
    'app:info': call('app:info'),
    'snapshot:get': call('snapshot:get'),
    'history:get': call('history:get'),
    'recording:list': call('recording:list'),
    'recording:open': call('recording:open'),
    'recording:open-file': call('recording:open-file'),
    'export:save': call('export:save'),
    'seccomp:read': call('seccomp:read'),
    'observe:run': call('observe:run'),
    'observe:verify': call('observe:verify'),
    'observe:all': call('observe:all'),
    'probe:get': call('probe:get'),
    'probe:set': call('probe:set'),
    'demo:list': call('demo:list'),
    'demo:run-step': call('demo:run-step'),
    'demo:clean': call('demo:clean'),
    'container:changes': call('container:changes'),
    'record:start': call('record:start'),
    'record:status': call('record:status'),
    'record:stop': call('record:stop')
  }
}
