// A GlasshouseBridge built from the contract and a snapshot: what the renderer's tests and the
// screenshot script talk to instead of Electron or `glasshouse serve`. Every request is
// recorded; pushes are sent with push(); failures can be switched on per channel.
import type {
  AppInfo,
  ErrorCode,
  ExportFile,
  GlasshouseBridge,
  HistoryDump,
  InvokeChannel,
  InvokeResult,
  MenuCommand,
  PushChannel,
  PushChannels,
  Recording
} from '../../../shared/contract'
import type { LiveMessage } from '../../../shared/live'
import type { ContainerChanges, HostSnapshot } from '../../../shared/model'

export interface BridgeMockOptions {
  snapshot: HostSnapshot
  appInfo?: Partial<AppInfo>
  /** What container:changes answers. */
  changes?: ContainerChanges
  history?: HistoryDump
  recordings?: Recording[]
  /** Channels that answer with this error instead. */
  fail?: Partial<Record<InvokeChannel, { code: ErrorCode; message: string }>>
  /** Resolve requests after this many ms (0: next microtask). */
  delayMs?: number
}

export interface BridgeMock extends GlasshouseBridge {
  calls: Array<{ channel: InvokeChannel; args: unknown[] }>
  saved: ExportFile[]
  push(message: LiveMessage): void
  /** What the desktop menu would send on menu:command. */
  menu(command: MenuCommand): void
  listenerCount(): number
}

export function createBridgeMock(options: BridgeMockOptions): BridgeMock {
  const listeners = new Set<(payload: LiveMessage) => void>()
  const menuListeners = new Set<(payload: MenuCommand) => void>()
  const calls: BridgeMock['calls'] = []
  const saved: ExportFile[] = []
  const appInfo: AppInfo = { version: '0.1.0-test', carrier: 'serve', live: true, ...options.appInfo }
  const answer = <T>(value: T): InvokeResult<T> => ({ ok: true, value })

  const handlers: Record<InvokeChannel, (...args: never[]) => InvokeResult<unknown>> = {
    'app:info': () => answer(appInfo),
    'snapshot:get': () => answer(options.snapshot),
    'history:get': () => answer(options.history ?? { windowMs: 600_000, containers: {}, events: [] }),
    'recording:list': () => answer((options.recordings ?? []).map(({ messages: _m, ...info }) => info)),
    'recording:open': (name: string) => {
      const r = (options.recordings ?? []).find((x) => x.name === name)
      return r ? answer(r) : { ok: false, error: { code: 'not-found', message: `no recording ${name}` } }
    },
    'export:save': (file: ExportFile) => {
      saved.push(file)
      return answer({ path: `/tmp/${file.suggestedName}` })
    },
    'container:changes': () => answer(options.changes ?? { readAt: '2026-01-01T00:00:00.000Z', changes: [], upperDir: null, problem: null })
  }

  const bridge: BridgeMock = {
    calls,
    saved,
    invoke(channel, ...args) {
      calls.push({ channel, args })
      const failure = options.fail?.[channel]
      const result: InvokeResult<never> = failure ? { ok: false, error: failure } : (handlers[channel] as (...a: unknown[]) => InvokeResult<never>)(...args)
      // A deep copy, as any real carrier would hand over (structured clone / JSON).
      const copy = JSON.parse(JSON.stringify(result)) as InvokeResult<never>
      return new Promise((resolve) => {
        if (options.delayMs) setTimeout(() => resolve(copy), options.delayMs)
        else queueMicrotask(() => resolve(copy))
      })
    },
    subscribe<K extends PushChannel>(channel: K, listener: (payload: PushChannels[K]) => void): () => void {
      if (channel === 'menu:command') {
        const entry = listener as (payload: MenuCommand) => void
        menuListeners.add(entry)
        return () => menuListeners.delete(entry)
      }
      if (channel !== 'live:message') throw new Error(`unknown push channel ${channel}`)
      const entry = listener as (payload: LiveMessage) => void
      listeners.add(entry)
      return () => listeners.delete(entry)
    },
    menu(command) {
      for (const l of [...menuListeners]) l(command)
    },
    push(message) {
      for (const l of [...listeners]) l(message)
    },
    listenerCount: () => listeners.size
  }
  return bridge
}
