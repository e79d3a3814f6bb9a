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
  ProbeState,
  PushChannels,
  Recording,
  RecordStatus
} from '../../../shared/contract'
import { DEMOS, listing } from '../../../shared/demos/index'
import type { StepResult } from '../../../shared/demos/types'
import type { LiveMessage } from '../../../shared/live'
import type { SeccompFiltersReport } from '../../../shared/seccomp/report'
import type { ObserveAllResult, ObserveResult } from '../../../shared/observe/observe-request'
import type { Verification } from '../../../shared/observe/verification'
import type { ContainerChanges, HostSnapshot } from '../../../shared/model'

export interface BridgeMockOptions {
  snapshot: HostSnapshot
  appInfo?: Partial<AppInfo>
  /** What container:changes answers. */
  changes?: ContainerChanges
  history?: HistoryDump
  recordings?: Recording[]
  /** What the desktop's open dialog picks for recording:open-file (default: cancelled). */
  fileRecording?: Recording | null
  /** Channels that answer with this error instead. */
  fail?: Partial<Record<InvokeChannel, { code: ErrorCode; message: string }>>
  /** The probe setting's answers: its first state, and an image that needs the user's consent for `helper`. */
  probe?: { state?: Partial<ProbeState>; needsPull?: string }
  /** Resolve requests after this many ms (0: next microtask). */
  delayMs?: number
  /** What seccomp:read answers (live filters); unavailable when absent. */
  seccompFilters?: SeccompFiltersReport
  /** What observe:run and observe:verify answer (else: unavailable). */
  observe?: ObserveResult
  /** What observe:all answers (else: unavailable). */
  observeAll?: ObserveAllResult
  verification?: Verification
  /** What record:status reports while recording (bytes, an end reason); the mock counts messages pushed. */
  recordStatus?: Partial<RecordStatus>
}

export interface BridgeMock extends GlasshouseBridge {
  calls: Array<{ channel: InvokeChannel; args: unknown[] }>
  saved: ExportFile[]
  push(message: LiveMessage): void
  /** What the desktop menu would send on menu:command. */
  menu(command: MenuCommand): void
  listenerCount(): number
}

export const HELPER_COMMAND = "docker run --rm -i \\\n  --pid host --uts host --network none --read-only --cap-drop ALL \\\n  --cap-add SYS_PTRACE \\\n  glasshouse-helper:empty \\\n  /glasshouse/helper.js"

export function createBridgeMock(options: BridgeMockOptions): BridgeMock {
  const listeners = new Set<(payload: LiveMessage) => void>()
  const menuListeners = new Set<(payload: MenuCommand) => void>()
  const progressListeners = new Set<(payload: { line: string }) => void>()
  const calls: BridgeMock['calls'] = []
  const saved: ExportFile[] = []
  const appInfo: AppInfo = { version: '0.1.0-test', carrier: 'serve', live: true, ...options.appInfo }
  const answer = <T>(value: T): InvokeResult<T> => ({ ok: true, value })
  // The Record button's backend: a recording of the snapshot and of what push() sends meanwhile.
  let recorded: LiveMessage[] | null = null
  const recordStatus = (): RecordStatus => ({
    recording: recorded !== null,
    startedAt: recorded ? options.snapshot.takenAt : null,
    elapsedMs: 0,
    bytes: recorded ? JSON.stringify(recorded).length : 0,
    maxBytes: 50 * 2 ** 20,
    messages: recorded?.length ?? 0,
    ended: null,
    ...(recorded ? options.recordStatus : {})
  })
  let probe: ProbeState = { setting: 'auto', helperCommand: HELPER_COMMAND, ...options.probe?.state }

  const handlers: Record<InvokeChannel, (...args: never[]) => InvokeResult<unknown>> = {
    'app:info': () => answer(appInfo),
    'snapshot:get': () => answer(options.snapshot),
    'history:get': () => answer(options.history ?? { windowMs: 600_000, containers: {}, events: [] }),
    'recording:list': () => answer((options.recordings ?? []).map(({ messages: _m, ...info }) => info)),
    'recording:open': (name: string) => {
      const r = (options.recordings ?? []).find((x) => x.name === name)
      return r ? answer(r) : { ok: false, error: { code: 'not-found', message: `no recording ${name}` } }
    },
    'recording:open-file': () => answer(options.fileRecording ?? null),
    'export:save': (file: ExportFile) => {
      saved.push(file)
      return answer({ path: `/tmp/${file.suggestedName}` })
    },
    'seccomp:read': () =>
      options.seccompFilters ? answer(options.seccompFilters) : { ok: false, error: { code: 'unavailable', message: 'no live filters in this mock' } },
    'observe:run': () => (options.observe ? answer(options.observe) : { ok: false, error: { code: 'unavailable', message: 'not observing in this test' } }),
    'observe:all': () => (options.observeAll ? answer(options.observeAll) : { ok: false, error: { code: 'unavailable', message: 'not observing in this test' } }),
    'observe:verify': () => (options.verification ? answer(options.verification) : { ok: false, error: { code: 'unavailable', message: 'not verifying in this test' } }),
    'probe:get': () => answer(probe),
    'probe:set': (setting: ProbeState['setting'], allowPull: boolean) => {
      // A consented pull says its progress before the answer, as the backend does.
      if (allowPull) for (const l of [...progressListeners]) l({ line: 'pulling the helper image (mock)' })
      const pullImage = options.probe?.needsPull
      probe =
        pullImage && setting === 'helper' && !allowPull
          ? { ...probe, problem: { message: `the helper image ${pullImage} is not on the daemon`, pullImage } }
          : { setting, helperCommand: probe.helperCommand }
      return answer(probe)
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
    'demo:clean': () => answer({ removed: 0 }),
    'container:changes': () => answer(options.changes ?? { readAt: '2026-01-01T00:00:00.000Z', changes: [], upperDir: null, problem: null }),
    'record:start': () => {
      if (recorded) return { ok: false, error: { code: 'bad-request', message: 'a recording is already running: stop it first' } }
      recorded = [{ type: 'snapshot', snapshot: options.snapshot }]
      return answer(recordStatus())
    },
    'record:status': () => answer(recordStatus()),
    'record:stop': () => {
      if (!recorded) return { ok: false, error: { code: 'bad-request', message: 'nothing is being recorded' } }
      const lines = [{ type: 'header', format: 'glasshouse-recording', version: 1, host: options.snapshot.host.hostname, endpoint: null, startedAt: options.snapshot.takenAt, command: ['glasshouse', 'serve', '(Record button)'], intervalMs: 1000, maxBytes: 50 * 2 ** 20 }, ...recorded, { type: 'end', at: options.snapshot.takenAt, reason: 'interrupted', messages: recorded.length }]
      const text = lines.map((line) => JSON.stringify(line)).join('\n') + '\n'
      const result = { text, startedAt: options.snapshot.takenAt, host: options.snapshot.host.hostname, messages: recorded.length, bytes: text.length, reason: 'interrupted' as const }
      recorded = null
      return answer(result)
    }
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
      if (channel === 'probe:progress') {
        const entry = listener as (payload: { line: string }) => void
        progressListeners.add(entry)
        return () => progressListeners.delete(entry)
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
      recorded?.push(message)
      for (const l of [...listeners]) l(message)
    },
    listenerCount: () => listeners.size
  }
  return bridge
}
