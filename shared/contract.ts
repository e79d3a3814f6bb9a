// The one API contract between the renderer and whatever backs it. Channel names live here
// and nowhere else (`domain:action`). Two carriers implement it: Electron IPC (main ↔ preload ↔
// renderer) and `glasshouse serve` (HTTP + WebSocket on loopback with a token). The renderer
// sees only GlasshouseBridge, never the carrier.
import { isSafeExportName } from './export-name'
import type { LiveEvent, LiveMessage } from './live'
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
}

/** A recording is the output of `glasshouse watch --json` over a stretch of time. */
export interface Recording extends RecordingInfo {
  messages: LiveMessage[]
}

export interface ExportFile {
  suggestedName: string
  mimeType: 'image/svg+xml' | 'image/png' | 'application/json'
  /** Text for SVG and JSON, base64 for PNG. */
  data: string
  encoding: 'utf8' | 'base64'
}

export interface AppInfo {
  version: string
  /** 'electron' or 'serve': what carries the contract. */
  carrier: 'electron' | 'serve'
  /** Whether the backend reads a live host (false when it only replays a recording). */
  live: boolean
}

/** Request channels: arguments and result of each. */
export interface InvokeChannels {
  'app:info': { args: []; result: AppInfo }
  'snapshot:get': { args: []; result: HostSnapshot }
  'history:get': { args: []; result: HistoryDump }
  'recording:list': { args: []; result: RecordingInfo[] }
  'recording:open': { args: [name: string]; result: Recording }
  'export:save': { args: [file: ExportFile]; result: { path: string | null } }
  /** A container's changes against its image (the daemon walks its writable layer: asked on request only). */
  'container:changes': { args: [containerId: string]; result: ContainerChanges }
}

/** What the desktop menu asks the page to do (the page owns these actions; views switch by address). */
export type MenuCommand = { type: 'open-recording' } | { type: 'export'; format: 'svg' | 'png' | 'json' } | { type: 'toggle-presenter-text' }

/** Push channels: what the backend (or the desktop shell) sends without being asked. */
export interface PushChannels {
  'live:message': LiveMessage
  'menu:command': MenuCommand
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
  'export:save',
  'container:changes'
] as const satisfies readonly InvokeChannel[]
export const PUSH_CHANNELS = ['live:message', 'menu:command'] as const satisfies readonly PushChannel[]
/** The pushes the backend makes; menu:command comes from the desktop shell itself. */
export const BACKEND_PUSH_CHANNELS = ['live:message'] as const satisfies readonly PushChannel[]

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
  'recording:open': (args) =>
    args.length === 1 && typeof args[0] === 'string' && RECORDING_NAME.test(args[0])
      ? null
      : 'recording:open takes one recording name (lower-case letters, digits and dashes)',
  'export:save': (args) => {
    if (args.length !== 1 || typeof args[0] !== 'object' || args[0] === null) return 'export:save takes one file'
    const file = args[0] as Partial<ExportFile>
    if (!['image/svg+xml', 'image/png', 'application/json'].includes(file.mimeType as string)) return 'export:save: bad mime type'
    if (!isSafeExportName(file.suggestedName, file.mimeType)) return 'export:save: bad file name (letters, digits, - and _, then the extension of its type)'
    if (typeof file.data !== 'string' || file.data.length > 64 * 1024 * 1024) return 'export:save: data must be a string under 64 MiB'
    if (file.encoding !== 'utf8' && file.encoding !== 'base64') return 'export:save: bad encoding'
    return null
  },
  'container:changes': (args) =>
    args.length === 1 && typeof args[0] === 'string' && CONTAINER_ID.test(args[0]) ? null : 'container:changes takes one container id (64 hex characters)'
}

const CONTAINER_ID = /^[0-9a-f]{64}$/

function noArguments(args: readonly unknown[]): string | null {
  return args.length === 0 ? null : 'this channel takes no arguments'
}
