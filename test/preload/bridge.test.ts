// The preload bridge with Electron's contextBridge and ipcRenderer mocked: one object, only the
// contract's channels, payloads without the IPC event, and an unsubscribe that removes exactly
// its own listener.
import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { GlasshouseBridge } from '../../shared/contract'

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>()
  return {
    listeners,
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: {
      invoke: vi.fn(async (channel: string) => ({ ok: true, value: `answer to ${channel}` })),
      on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set())
        listeners.get(channel)!.add(listener)
      }),
      removeListener: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
        listeners.get(channel)?.delete(listener)
      }),
      send: vi.fn(),
      sendSync: vi.fn()
    }
  }
})
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }))

let bridge: GlasshouseBridge
beforeAll(async () => {
  await import('../../main/preload/index')
  bridge = electron.contextBridge.exposeInMainWorld.mock.calls[0]![1] as GlasshouseBridge
})

function emit(channel: string, payload: unknown): void {
  for (const listener of electron.listeners.get(channel) ?? []) listener({ sender: 'the IPC event' }, payload)
}

describe('the preload bridge', () => {
  it('exposes exactly one object, glasshouse, with invoke and subscribe only', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1)
    expect(electron.contextBridge.exposeInMainWorld.mock.calls[0]![0]).toBe('glasshouse')
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'subscribe'])
    expect(Object.isFrozen(bridge)).toBe(true)
    for (const value of Object.values(bridge)) {
      expect(Object.values(electron.ipcRenderer)).not.toContain(value)
      expect(value).not.toBe(electron.ipcRenderer)
    }
  })

  it('invokes contract channels through ipcRenderer', async () => {
    expect(await bridge.invoke('app:info')).toEqual({ ok: true, value: 'answer to app:info' })
    await bridge.invoke('recording:open', 'demo')
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('recording:open', 'demo')
  })

  it('refuses any other channel without touching IPC', async () => {
    electron.ipcRenderer.invoke.mockClear()
    for (const channel of ['evil:channel', 'live:message', '__proto__', 'ELECTRON_BROWSER_REQUIRE', '']) {
      expect(await (bridge.invoke as (c: string) => Promise<unknown>)(channel)).toMatchObject({ ok: false, error: { code: 'bad-request' } })
    }
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled()
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled()
  })

  it('turns an IPC failure into an InvokeResult instead of a rejection', async () => {
    electron.ipcRenderer.invoke.mockRejectedValueOnce(new Error('main process gone'))
    expect(await bridge.invoke('snapshot:get')).toMatchObject({ ok: false, error: { code: 'unavailable' } })
  })

  it('delivers the payload without the IPC event, and unsubscribes exactly that listener', () => {
    const a: unknown[] = []
    const b: unknown[] = []
    const stopA = bridge.subscribe('live:message', (payload) => a.push(payload))
    const stopB = bridge.subscribe('live:message', (payload) => b.push(payload))
    emit('live:message', { type: 'one' })
    expect(a).toEqual([{ type: 'one' }])
    expect(b).toEqual([{ type: 'one' }])
    stopA()
    stopA()
    emit('live:message', { type: 'two' })
    expect(a).toEqual([{ type: 'one' }])
    expect(b).toEqual([{ type: 'one' }, { type: 'two' }])
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledTimes(1)
    stopB()
    expect(electron.listeners.get('live:message')?.size).toBe(0)
  })

  it('refuses to subscribe to anything but a push channel', () => {
    const subscribe = bridge.subscribe as (c: string, l: unknown) => () => void
    expect(() => subscribe('app:info', () => undefined)).toThrow('unknown push channel')
    expect(() => subscribe('ipc:anything', () => undefined)).toThrow('unknown push channel')
    expect(() => subscribe('live:message', 'not a function')).toThrow('listener')
  })
})
