// The narrow bridge between the sandboxed renderer and the main process: one object,
// `window.glasshouse`, built from the contract. Only the contract's channels pass (checked
// here at run time as well as by the types), and ipcRenderer itself is never exposed: the page
// cannot send on, or listen to, anything else. Bundled as CommonJS (sandboxed preloads must be).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import {
  isInvokeChannel,
  isPushChannel,
  type GlasshouseBridge,
  type InvokeChannel,
  type InvokeResult,
  type PushChannel,
  type PushChannels
} from '../../shared/contract'

function refused<T>(message: string): Promise<InvokeResult<T>> {
  return Promise.resolve({ ok: false, error: { code: 'bad-request', message } })
}

const bridge: GlasshouseBridge = {
  invoke(channel, ...args) {
    if (!isInvokeChannel(channel)) return refused(`unknown channel ${String(channel)}`)
    return (ipcRenderer.invoke(channel as InvokeChannel, ...args) as Promise<InvokeResult<never>>).catch(() =>
      // The gate never throws; this is IPC itself failing (e.g. the main process going away).
      ({ ok: false, error: { code: 'unavailable', message: 'the Glasshouse main process did not answer' } }) as const
    )
  },
  subscribe<K extends PushChannel>(channel: K, listener: (payload: PushChannels[K]) => void): () => void {
    if (!isPushChannel(channel)) throw new Error(`unknown push channel ${String(channel)}`)
    if (typeof listener !== 'function') throw new Error('subscribe needs a listener function')
    // The event (with its sender) stays here; the page gets the payload only.
    const forward = (_event: IpcRendererEvent, payload: PushChannels[K]): void => listener(payload)
    ipcRenderer.on(channel, forward)
    let subscribed = true
    return () => {
      if (!subscribed) return
      subscribed = false
      ipcRenderer.removeListener(channel, forward)
    }
  }
}

contextBridge.exposeInMainWorld('glasshouse', Object.freeze(bridge))
