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
import { DEMOS, listing } from '../../../shared/demos/index'
import type { StepResult } from '../../../shared/demos/types'
import type { LiveMessage } from '../../../shared/live'
import type { HostSnapshot } from '../../../shared/model'

export interface BridgeMockOptions {
  snapshot: HostSnapshot
  appInfo?: Partial<AppInfo>
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
    'demo:list': () => answer(DEMOS.map(listing)),
    'demo:run-step': (demoId: string, step: number) => {
      const shown = DEMOS.find((d) => d.id === demoId)?.steps[step]
      if (!shown) return { ok: false, error: { code: 'not-found', message: `no step ${step} in ${demoId}` } }
      const result: StepResult = {
        demoId,
        step,
        actions: listing(DEMOS.find((d) => d.id === demoId)!).steps[step]!.commands.map((command) => ({ command, exitCode: 0, output: 'ok\n' })),
        // Every role stands for the snapshot's first container: the views have something to select.
        containers: Object.fromEntries(
          DEMOS.find((d) => d.id === demoId)!.steps.flatMap((st) => st.actions.flatMap((a) => (a.kind === 'run' ? [[a.role, options.snapshot.containers[0]?.id ?? '']] : [])))
        ),
        notes: [],
        asExpected: true
      }
      return answer(result)
    },
    'demo:clean': () => answer({ removed: 0 })
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
