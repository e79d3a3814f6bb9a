// The backend behind both carriers (Electron IPC and serve mode): a live session on this host,
// its history, and the recordings shipped with the app. Read-only, except the classroom demos, which
// start containers when (and only when) a user runs a demo step (demos.ts) or checks an observation (observe).
import type { AppInfo, PushChannel, PushChannels } from '../../shared/contract'
import type { LiveMessage } from '../../shared/live'
import { readChanges } from '../engine/changes-read'
import { createDockerClient, type EndpointFlags } from '../engine/docker-client'
import type { HelperImageOptions, ProbeOption } from '../kernel/helper-kernel-choice'
import { DEFAULT_ROOTS } from '../probe/probe-host'
import type { ProbeRoots } from '../probe/types'
import { BackendError, type Backend } from './backend'
import { configuredHelperImage } from '../kernel/helper-image-choice'
import { LiveProbe } from './live-probe'
import { createDemoService } from './demos'
import { createObserveHandlers } from './observe-handlers'
import { RecordingCatalog } from './recording-catalog'
import { SessionRecorder } from './session-recorder'
import { locateRecordings } from './recordings'

export interface BackendOptions {
  env: NodeJS.ProcessEnv
  /** --docker-host / --context given on the command line. */
  engineFlags?: EndpointFlags
  carrier: AppInfo['carrier']
  version: string
  roots?: ProbeRoots
  /** How the kernel is read (--probe); default auto, or local when `roots` are given (files of this process). */
  probe?: ProbeOption
  /** The helper's image and the consent to pull it (--helper-image, --pull-helper-image). */
  helperImage?: HelperImageOptions
  /** The bundled helper script (tests running from the sources); default: next to the running bundle. */
  helperScript?: string
  intervalMs?: number
  /** The recordings folder; by default found above the running code (see locateRecordings). */
  recordingsDir?: string
  /**
   * Recording files named on the command line (`serve --recording FILE`): listed and opened by the
   * name they are given here, never by a path from a request (a page cannot make serve read a file).
   */
  recordingFiles?: string[]
  /** Where troubles outside the stream go (a failed refresh); stderr in the CLI. */
  onWarning?: (text: string) => void
}

/** The daemon walks the whole writable layer for a changes answer: allow it longer than a snapshot's read. */
const CHANGES_TIMEOUT_MS = 30_000

export async function createBackend(options: BackendOptions): Promise<Backend> {
  const listeners = new Set<(message: LiveMessage) => void>()
  const progressListeners = new Set<(payload: { line: string }) => void>()
  // The app's own runs honour GLASSHOUSE_HELPER_IMAGE as the CLI does (the CLI passes its flags here).
  const configured = configuredHelperImage(undefined, options.env)
  const helperImage = options.helperImage ?? (configured ? { configuredImage: configured } : undefined)
  const engine = createDockerClient(options.env, options.engineFlags)
  const live = new LiveProbe({
    engine,
    roots: options.roots ?? DEFAULT_ROOTS,
    ...(helperImage ? { helperImage } : {}),
    onProgress: (line) => {
      for (const listener of progressListeners) listener({ line })
    },
    ...(options.helperScript ? { helperScript: options.helperScript } : {}),
    ...(options.intervalMs !== undefined ? { intervalMs: options.intervalMs } : {}),
    onMessage: (message) => {
      for (const listener of listeners) listener(message)
    },
    ...(options.onWarning ? { onWarning: options.onWarning } : {})
  })
  await live.start(options.probe ?? (options.roots ? 'local' : 'auto'))
  const demos = createDemoService(engine.docker, options.onWarning)
  const recordingsDir = options.recordingsDir ?? locateRecordings()
  if (recordingsDir === null) options.onWarning?.('the shipped recordings were not found: no glasshouse package.json above the running code')
  const recordings = new RecordingCatalog(recordingsDir, options.recordingFiles ?? [])
  const closing = new AbortController()
  const recorder = new SessionRecorder({
    current: () => live.current(),
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    // The live session's own default when none is given.
    intervalMs: options.intervalMs ?? 1000,
    carrier: options.carrier
  })

  return {
    handlers: {
      'app:info': async () => ({ version: options.version, carrier: options.carrier, live: true, ...recordings.openAtStart() }),
      'snapshot:get': async () => {
        const snapshot = live.current()
        if (!snapshot) throw new BackendError('unavailable', 'the first snapshot is still being taken')
        return snapshot
      },
      'history:get': async () => {
        const history = live.history()
        if (!history) throw new BackendError('unavailable', 'the first snapshot is still being taken')
        return history
      },
      'recording:list': async () => recordings.list(),
      'recording:open': async (name) => recordings.open(name),
      // A path chosen by the page is never read: the desktop app asks with its own dialog (main/electron).
      'recording:open-file': async () => {
        throw new BackendError('unavailable', 'opening a file needs the desktop app; in a browser, start serve with --recording FILE')
      },
      // Live seccomp filters: only on this explicit request (it stops each read process briefly; needs root,
      // or, when the session's kernel is read by a helper, a short-lived second helper container).
      'seccomp:read': async () => {
        const snapshot = live.current()
        const source = live.kernelSource()
        if (!snapshot || !source) throw new BackendError('unavailable', 'the first snapshot is still being taken')
        const { readFiltersFor } = await import('../kernel/seccomp-helper-read')
        return readFiltersFor(source, snapshot)
      },
      // Saving needs a file dialog: the Electron carrier does it; in a browser the page downloads the file.
      'export:save': async () => {
        throw new BackendError('unavailable', 'saving is done by the window, not the backend')
      },
      'probe:get': () => live.state(),
      'probe:set': (setting, allowPull) => live.set(setting, allowPull),
      ...createObserveHandlers(engine.docker, closing.signal),
      ...demos.handlers,
      'container:changes': async (id) => readChanges(engine.docker, id, AbortSignal.timeout(CHANGES_TIMEOUT_MS)),
      'record:start': async () => recorder.start(),
      'record:status': async () => recorder.status(),
      'record:stop': async () => recorder.stop()
    },
    push: {
      subscribe<K extends PushChannel>(channel: K, listener: (payload: PushChannels[K]) => void): () => void {
        // The backend pushes live messages and the helper image pull's progress; menu commands come from the desktop shell.
        if (channel === 'probe:progress') {
          const forward = listener as (payload: { line: string }) => void
          progressListeners.add(forward)
          return () => progressListeners.delete(forward)
        }
        if (channel !== 'live:message') return () => undefined
        const forward = listener as (message: LiveMessage) => void
        listeners.add(forward)
        return () => listeners.delete(forward)
      }
    },
    close: async () => {
      // An observation still watching ends now (its tracing instance is taken down).
      closing.abort()
      recorder.close()
      listeners.clear()
      await demos.close().catch((error: unknown) => options.onWarning?.(`demo cleanup failed: ${error instanceof Error ? error.message : String(error)}`))
      progressListeners.clear()
      await live.close()
    }
  }
}
