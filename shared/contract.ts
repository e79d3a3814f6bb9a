// The one API contract between the renderer and whatever backs it. Channel names live here
// and nowhere else (`domain:action`). Two carriers implement it: Electron IPC (main ↔ preload ↔
// renderer) and `glasshouse serve` (HTTP + WebSocket on loopback with a token). The renderer
// sees only GlasshouseBridge, never the carrier.
import { DEMO_ID } from './demos/index'
import type { DemoConsent, DemoListing, StepResult } from './demos/types'
import { EXTENSION_OF, isSafeExportName, type ExportMimeType } from './export-name'
import type { LiveEvent, LiveMessage } from './live'
import type { SeccompFiltersReport } from './seccomp/report'
import type { RecordingEndReason, RecordingHeader } from './recording-format'
import { checkObserveAllArgs, checkObserveArgs, checkVerifyArgs, type ObserveAllResult, type ObserveResult } from './observe/observe-request'
import type { Verification } from './observe/verification'
import type { ContainerChanges, HostSnapshot } from './model'

/** One point of a container's recent history, for sparklines. */
export interface HistoryPoint {
  at: string
  cpuCores: number | null
  memoryBytes: number | null
  workingSetBytes: number | null
  pids: number | null
  /** Share of CFS periods throttled over the interval, 0..1. */
  throttledShare: number | null
}

export interface HistoryDump {
  /** How far back the history reaches, in milliseconds (default ten minutes). */
  windowMs: number
  containers: Record<string, HistoryPoint[]>
  events: LiveEvent[]
}

export interface RecordingInfo {
  name: string
  title: string
  recordedAt: string
  description: string
  /** Set when the file is cut or corrupt: which line, and that what comes before it is shown. */
  fault?: string
}

/** A recording is the output of `glasshouse watch --json` over a stretch of time. */
export interface Recording extends RecordingInfo {
  messages: LiveMessage[]
  /** The file's header line (absent in a plain `watch --json` capture such as the demo). */
  header?: RecordingHeader
}

/** The Record button's recording in progress (record:start, record:status). */
export interface RecordStatus {
  recording: boolean
  startedAt: string | null
  /** How long it has recorded, by the backend's clock (the page's may differ). */
  elapsedMs: number
  /** Bytes written so far, header included, and the bound the recording stops at. */
  bytes: number
  maxBytes: number
  messages: number
  /** Set when it stopped by itself (the size bound): complete up to there, waiting for record:stop. */
  ended: RecordingEndReason | null
}

/** What record:stop hands back: the file's text, exactly as `glasshouse record` writes it. */
export interface RecordResult {
  text: string
  startedAt: string
  host: string
  messages: number
  bytes: number
  reason: RecordingEndReason
}

export interface ExportFile {
  suggestedName: string
  mimeType: ExportMimeType
  /** Text for SVG, JSON and NDJSON, base64 for PNG. */
  data: string
  encoding: 'utf8' | 'base64'
}

export interface AppInfo {
  version: string
  /** 'electron' or 'serve': what carries the contract. */
  carrier: 'electron' | 'serve'
  /** Whether the backend reads a live host (false when it only replays a recording). */
  live: boolean
  /** A recording the user asked to see (`serve --recording FILE`): the page opens it at start. */
  openRecording?: string
}

/** How the live host's kernel is read (issue 10): `--probe` in the CLI, a setting in the app. */
export const PROBE_SETTINGS = ['auto', 'local', 'helper'] as const
export type ProbeSetting = (typeof PROBE_SETTINGS)[number]

/** The probe setting in force, and what a helper container would run, for the user to audit. */
export interface ProbeState {
  setting: ProbeSetting
  /** The `docker run` command equivalent to the helper container (with its image), copyable. */
  helperCommand: string
  /** The last change could not be made (the old setting stays): why, and the image to pull if that is what it needs. */
  problem?: { message: string; pullImage?: string }
}

/** Request channels: arguments and result of each. */
export interface InvokeChannels {
  'app:info': { args: []; result: AppInfo }
  'snapshot:get': { args: []; result: HostSnapshot }
  'history:get': { args: []; result: HistoryDump }
  'recording:list': { args: []; result: RecordingInfo[] }
  'recording:open': { args: [name: string]; result: Recording }
  /** Desktop app: a file dialog, then that file; null when the user cancelled. Serve refuses it (it never reads a path on request). */
  'recording:open-file': { args: []; result: Recording | null }
  'export:save': { args: [file: ExportFile]; result: { path: string | null } }
  /** Reads every running container's live seccomp filters (ptrace, root only); only when the user asks. */
  'seccomp:read': { args: []; result: SeccompFiltersReport }
  /** Watch what a container uses for a while (tracefs, explicit action); answers when the window ends. */
  'observe:run': { args: [containerId: string, seconds: number]; result: ObserveResult }
  /** Re-run the container's command with the backend's last suggestion for it. */
  'observe:verify': { args: [containerId: string]; result: Verification }
  /** Watch what every running container (and any started meanwhile) uses, in one window; explicit action. */
  'observe:all': { args: [seconds: number]; result: ObserveAllResult }
  'probe:get': { args: []; result: ProbeState }
  /** Restarts the live session reading the kernel this way; allowPull: the user consented to pulling the helper image. */
  'probe:set': { args: [setting: ProbeSetting, allowPull: boolean]; result: ProbeState }
  /** The classroom demos, with each step's docker commands written out. */
  'demo:list': { args: []; result: DemoListing[] }
  /**
   * Runs step `step` (from 0) of a demo on the live host: the explicit action of a user, never automatic.
   * `consent`: what the teacher confirmed of the demo's DemoConsent (swarm-secret initialises a swarm only with it).
   */
  'demo:run-step': { args: [demoId: string, step: number, consent?: DemoConsent['what']]; result: StepResult }
  /** Removes what this app's runs of a demo (null: of every demo) created. */
  'demo:clean': { args: [demoId: string | null]; result: { removed: number } }
  /** A container's changes against its image (the daemon walks its writable layer: asked on request only). */
  'container:changes': { args: [containerId: string]; result: ContainerChanges }
  /** The Record button: keeps the live session from now (the current snapshot first), size-bounded. */
  'record:start': { args: []; result: RecordStatus }
  'record:status': { args: []; result: RecordStatus }
  /** Ends the recording and returns its text (header, messages, end line). */
  'record:stop': { args: []; result: RecordResult }
}

/** What the desktop menu asks the page to do (the page owns these actions; views switch by address). */
export type MenuCommand =
  | { type: 'open-recording' }
  | { type: 'export'; format: 'svg' | 'png' | 'json' }
  | { type: 'toggle-presenter-text' }
  /** The Demos panel (the classroom demos). */
  | { type: 'open-demos' }

/** Push channels: what the backend (or the desktop shell) sends without being asked. */
export interface PushChannels {
  'live:message': LiveMessage
  'menu:command': MenuCommand
  /** A line of progress while a probe change pulls the helper image (the user allowed it). */
  'probe:progress': { line: string }
}

export type InvokeChannel = keyof InvokeChannels
export type PushChannel = keyof PushChannels
export type InvokeArgs<K extends InvokeChannel> = InvokeChannels[K]['args']
export type InvokeResultOf<K extends InvokeChannel> = InvokeChannels[K]['result']

/** Every invoke channel, checked against the interface in both directions by the types below. */
export const INVOKE_CHANNELS = [
  'app:info',
  'snapshot:get',
  'history:get',
  'recording:list',
  'recording:open',
  'recording:open-file',
  'export:save',
  'seccomp:read',
  'observe:run',
  'observe:verify',
  'observe:all',
  'probe:get',
  'probe:set',
  'demo:list',
  'demo:run-step',
  'demo:clean',
  'container:changes',
  'record:start',
  'record:status',
  'record:stop'
] as const satisfies readonly InvokeChannel[]
export const PUSH_CHANNELS = ['live:message', 'menu:command', 'probe:progress'] as const satisfies readonly PushChannel[]
/** The pushes the backend makes; menu:command comes from the desktop shell itself. */
export const BACKEND_PUSH_CHANNELS = ['live:message', 'probe:progress'] as const satisfies readonly PushChannel[]

type Missing<All, Listed> = Exclude<All, Listed>
// A channel added to the interface but not to the list above fails to compile here.
const _allInvokeListed: Missing<InvokeChannel, (typeof INVOKE_CHANNELS)[number]> extends never ? true : never = true
const _allPushListed: Missing<PushChannel, (typeof PUSH_CHANNELS)[number]> extends never ? true : never = true
void _allInvokeListed
void _allPushListed

export const ERROR_CODES = ['bad-request', 'forbidden', 'not-found', 'unavailable', 'internal'] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export type InvokeResult<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } }

/** What the renderer is given: one object, built from the contract, whatever the carrier. */
export interface GlasshouseBridge {
  invoke<K extends InvokeChannel>(channel: K, ...args: InvokeArgs<K>): Promise<InvokeResult<InvokeResultOf<K>>>
  /** Returns the function that unsubscribes. */
  subscribe<K extends PushChannel>(channel: K, listener: (payload: PushChannels[K]) => void): () => void
}

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && (INVOKE_CHANNELS as readonly string[]).includes(value)
}

export function isPushChannel(value: unknown): value is PushChannel {
  return typeof value === 'string' && (PUSH_CHANNELS as readonly string[]).includes(value)
}

const RECORDING_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/

/**
 * Validates the arguments of a request before any handler sees them (the IPC gate and the
 * HTTP server both call this). Returns a message naming what is wrong, or null.
 */
export const ARGUMENT_CHECKS: { [K in InvokeChannel]: (args: readonly unknown[]) => string | null } = {
  'app:info': noArguments,
  'snapshot:get': noArguments,
  'history:get': noArguments,
  'recording:list': noArguments,
  'seccomp:read': noArguments,
  'recording:open': (args) =>
    args.length === 1 && typeof args[0] === 'string' && RECORDING_NAME.test(args[0])
      ? null
      : 'recording:open takes one recording name (lower-case letters, digits and dashes)',
  'recording:open-file': noArguments,
  'export:save': (args) => {
    if (args.length !== 1 || typeof args[0] !== 'object' || args[0] === null) return 'export:save takes one file'
    const file = args[0] as Partial<ExportFile>
    if (typeof file.mimeType !== 'string' || !Object.hasOwn(EXTENSION_OF, file.mimeType)) return 'export:save: bad mime type'
    if (!isSafeExportName(file.suggestedName, file.mimeType)) return 'export:save: bad file name (letters, digits, - and _, then the extension of its type)'
    if (typeof file.data !== 'string' || file.data.length > 64 * 1024 * 1024) return 'export:save: data must be a string under 64 MiB'
    if (file.encoding !== 'utf8' && file.encoding !== 'base64') return 'export:save: bad encoding'
    return null
  },
  'observe:run': checkObserveArgs,
  'observe:verify': checkVerifyArgs,
  'observe:all': checkObserveAllArgs,
  'probe:get': noArguments,
  'probe:set': (args) =>
    args.length === 2 && (PROBE_SETTINGS as readonly unknown[]).includes(args[0]) && typeof args[1] === 'boolean'
      ? null
      : `probe:set takes a setting (${PROBE_SETTINGS.join(', ')}) and whether pulling the helper image is allowed`,
  'demo:list': noArguments,
  'demo:run-step': (args) =>
    (args.length === 2 || (args.length === 3 && args[2] === 'swarm-init')) &&
    typeof args[0] === 'string' &&
    DEMO_ID.test(args[0]) &&
    Number.isInteger(args[1]) &&
    (args[1] as number) >= 0 &&
    (args[1] as number) < 100
      ? null
      : 'demo:run-step takes a demo id, a step number from 0, and optionally the consent "swarm-init"',
  'demo:clean': (args) =>
    args.length === 1 && (args[0] === null || (typeof args[0] === 'string' && DEMO_ID.test(args[0]))) ? null : 'demo:clean takes a demo id or null',
  'container:changes': (args) =>
    args.length === 1 && typeof args[0] === 'string' && CONTAINER_ID.test(args[0]) ? null : 'container:changes takes one container id (64 hex characters)',
  'record:start': noArguments,
  'record:status': noArguments,
  'record:stop': noArguments
}

const CONTAINER_ID = /^[0-9a-f]{64}$/

function noArguments(args: readonly unknown[]): string | null {
  return args.length === 0 ? null : 'this channel takes no arguments'
}
