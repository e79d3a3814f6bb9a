// The backend behind both carriers (Electron IPC and serve mode): a live session on this host,
// its history, and the recordings shipped with the app. Read-only: nothing here changes a container.
import type { AppInfo, PushChannel, PushChannels } from '../../shared/contract'
import type { LiveMessage } from '../../shared/live'
import { readChanges } from '../engine/changes-read'
import { createDockerClient, type EndpointFlags } from '../engine/docker-client'
import { chooseKernel, readByLine, type ProbeOption } from '../kernel/helper-kernel-choice'
import { LiveSession } from '../live/live-session'
import { DEFAULT_ROOTS } from '../probe/probe-host'
import type { ProbeRoots } from '../probe/types'
import { BackendError, type Backend } from './backend'
import { listRecordings, locateRecordings, openRecording } from './recordings'

export interface BackendOptions {
  env: NodeJS.ProcessEnv
  /** --docker-host / --context given on the command line. */
  engineFlags?: EndpointFlags
  carrier: AppInfo['carrier']
  version: string
  roots?: ProbeRoots
  /** How the kernel is read (--probe); default auto, or local when `roots` are given (files of this process). */
  probe?: ProbeOption
  intervalMs?: number
  /** The recordings folder; by default found above the running code (see locateRecordings). */
  recordingsDir?: string
  /** Where troubles outside the stream go (a failed refresh); stderr in the CLI. */
  onWarning?: (text: string) => void
}

/** The daemon walks the whole writable layer for a changes answer: allow it longer than a snapshot's read. */
const CHANGES_TIMEOUT_MS = 30_000

export async function createBackend(options: BackendOptions): Promise<Backend> {
  const listeners = new Set<(message: LiveMessage) => void>()
  const engine = createDockerClient(options.env, options.engineFlags)
  const kernel = await chooseKernel({
    probe: options.probe ?? (options.roots ? 'local' : 'auto'),
    roots: options.roots ?? DEFAULT_ROOTS,
    engine: { docker: engine.docker, host: engine.origin.host }
  })
  if (kernel.readBy.source === 'helper' || options.probe === 'auto') options.onWarning?.(readByLine(kernel.readBy))
  const session = new LiveSession({
    engine,
    kernel: kernel.source,
    kernelReadBy: kernel.readBy,
    ...(kernel.restart ? { restartKernel: kernel.restart } : {}),
    intervalMs: options.intervalMs,
    onMessage: (message) => {
      for (const listener of listeners) listener(message)
    },
    onWarning: options.onWarning
  })
  try {
    await session.start()
  } catch (error) {
    await kernel.source.close()
    throw error
  }
  const recordingsDir = options.recordingsDir ?? locateRecordings()
  if (recordingsDir === null) options.onWarning?.('the shipped recordings were not found: no glasshouse package.json above the running code')

  return {
    handlers: {
      'app:info': async () => ({ version: options.version, carrier: options.carrier, live: true }),
      'snapshot:get': async () => {
        const snapshot = session.current()
        if (!snapshot) throw new BackendError('unavailable', 'the first snapshot is still being taken')
        return snapshot
      },
      'history:get': async () => session.history(),
      'recording:list': async () => (recordingsDir === null ? [] : listRecordings(recordingsDir)),
      'recording:open': async (name) => {
        if (recordingsDir === null) throw new BackendError('not-found', `no recording named "${name}": the shipped recordings were not found`)
        return openRecording(name, recordingsDir)
      },
      // Saving needs a file dialog: the Electron carrier does it; in a browser the page downloads the file.
      'export:save': async () => {
        throw new BackendError('unavailable', 'saving is done by the window, not the backend')
      },
      'container:changes': async (id) => readChanges(engine.docker, id, AbortSignal.timeout(CHANGES_TIMEOUT_MS))
    },
    push: {
      subscribe<K extends PushChannel>(channel: K, listener: (payload: PushChannels[K]) => void): () => void {
        // The backend pushes live messages only; menu commands come from the desktop shell.
        if (channel !== 'live:message') return () => undefined
        const forward = listener as (message: LiveMessage) => void
        listeners.add(forward)
        return () => listeners.delete(forward)
      }
    },
    close: async () => {
      listeners.clear()
      await session.stop()
      await kernel.source.close()
    }
  }
}
