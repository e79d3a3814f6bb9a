// The session: connects the store to a bridge. It asks for the snapshot and history, subscribes
// to live messages, and falls back to a recording when no live host can be read, so the app is
// never empty. The store never learns which carrier is in use.
import type { GlasshouseBridge, InvokeResult, Recording, RecordingInfo } from '../../shared/contract'
import type { LiveMessage } from '../../shared/live'
import type { BridgeHandle } from '../bridge/bridge'
import type { AppStore } from '../store/app-store'
import { afterNextPaint } from '../hooks/use-after-first-paint'
import { decideRecording } from './recording-decision'
import { RecordingPlayer, type PlayerClock } from './recording-player'

export interface SessionOptions {
  clock?: PlayerClock
  now?: () => number
  /** Resolves once the frame showing the snapshot has been painted (history waits for it). */
  afterPaint?: () => Promise<void>
}

export class Session {
  private unsubscribeLive: (() => void) | null = null
  private unsubscribeMenu: (() => void) | null = null
  private unsubscribeLink: (() => void) | null = null
  private player: RecordingPlayer | null = null
  private liveAvailable = false
  private disposed = false
  private readonly clock: PlayerClock
  private readonly now: () => number
  private readonly afterPaint: () => Promise<void>

  constructor(
    private readonly store: AppStore,
    private readonly handle: BridgeHandle,
    options: SessionOptions = {}
  ) {
    this.clock = options.clock ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) }
    this.now = options.now ?? (() => Date.now())
    this.afterPaint = options.afterPaint ?? (() => new Promise<void>((resolve) => void afterNextPaint(resolve)))
  }

  get bridge(): GlasshouseBridge {
    return this.handle.bridge
  }

  get carrier(): BridgeHandle['carrier'] {
    return this.handle.carrier
  }

  /** First start: live when possible, else the first recording, else an error saying what to do. */
  async start(): Promise<void> {
    const s = this.store.getState()
    s.setPhase('loading')
    const info = await this.bridge.invoke('app:info')
    if (!info.ok) {
      return this.fallBack(`The Glasshouse backend did not answer (${info.error.message}).`, unreachableError(this.carrier, info.error.message))
    }
    if (!info.value.live) {
      this.liveAvailable = false
      return this.fallBack(null, null)
    }
    const ok = await this.goLive(info.value.carrier, info.value.version)
    if (!ok) return
    // A recording the user named when starting the backend (serve --recording FILE) comes first.
    if (info.value.openRecording) {
      await this.openRecording(info.value.openRecording)
      return
    }
    // Only at start: a live view the user is looking at is never swapped for a recording later.
    const snapshot = this.store.getState().snapshot
    const decision = snapshot ? decideRecording(snapshot) : null
    if (decision?.kind === 'open') await this.fallBack(decision.reason, null)
  }

  /** Switches to the live host; false (with the store left as it was) when it cannot be read. */
  async goLive(carrier: 'electron' | 'serve' = this.carrier, version = ''): Promise<boolean> {
    const result = await this.bridge.invoke('snapshot:get')
    if (this.disposed) return false
    if (!result.ok) {
      this.liveAvailable = false
      await this.fallBack(`The live host could not be read (${result.error.message}).`, unreachableError(this.carrier, result.error.message))
      return false
    }
    this.stopPlayer()
    this.liveAvailable = true
    const s = this.store.getState()
    s.resetData()
    s.ingest({ type: 'snapshot', snapshot: result.value })
    s.setSource({ kind: 'live', carrier, version })
    s.setPhase('ready')
    this.subscribe()
    // The history (ten minutes of samples: 17 MB of JSON at 200 containers) is asked for once the snapshot
    // is on screen: parsing it before would hold the first paint back by a few hundred milliseconds.
    await this.afterPaint()
    if (this.disposed) return true
    const history = await this.bridge.invoke('history:get')
    if (history.ok && this.store.getState().source.kind === 'live') this.store.getState().seedHistory(history.value)
    return true
  }

  async listRecordings(): Promise<InvokeResult<RecordingInfo[]>> {
    return this.bridge.invoke('recording:list')
  }

  /** Desktop app: asks for a file with the native dialog and replays it; false when cancelled or refused. */
  async openRecordingFile(): Promise<boolean> {
    const result = await this.bridge.invoke('recording:open-file')
    if (this.disposed) return false
    if (!result.ok) {
      this.store.getState().showNotice(`The recording could not be opened: ${result.error.message}`, { tone: 'alert' })
      return false
    }
    return result.value === null ? false : this.openRecording(result.value.name, null, { ok: true, value: result.value })
  }

  /** Opens a recording by name and starts replaying it. reason: why it replaces the live view. */
  async openRecording(name: string, reason: string | null = null, opened?: InvokeResult<Recording>): Promise<boolean> {
    const result = opened ?? (await this.bridge.invoke('recording:open', name))
    if (this.disposed) return false
    if (!result.ok) {
      if (this.store.getState().phase !== 'ready') {
        this.store.getState().setPhase('error', {
          title: 'The recording could not be opened',
          detail: result.error.message,
          hint: 'Check that the recording file ships with the app (assets/), or start the app where it can read a Docker host.'
        })
      }
      return false
    }
    const { messages, ...info } = result.value
    this.unsubscribe()
    this.stopPlayer()
    const s = this.store.getState()
    s.setSource({ kind: 'recording', info, reason, liveAvailable: this.liveAvailable, messages })
    this.player = new RecordingPlayer(
      messages,
      {
        apply: (batch: readonly LiveMessage[]) => this.store.getState().ingestMany(batch),
        reset: () => this.store.getState().resetData(),
        progress: (p) => this.store.getState().setPlayback(p)
      },
      this.clock,
      this.now
    )
    this.player.start()
    s.setPhase(this.store.getState().snapshot ? 'ready' : 'error', this.store.getState().snapshot ? null : {
      title: 'The recording holds no snapshot',
      detail: `${info.title} has ${messages.length} messages but none of them is a snapshot.`,
      hint: 'Record again with `glasshouse watch --json`, which starts with a snapshot.'
    })
    return true
  }

  pause(): void {
    this.player?.pause()
  }

  resume(): void {
    this.player?.resume()
  }

  showAll(): void {
    this.player?.showAll()
  }

  replay(): void {
    this.player?.start()
  }

  /** The time scrubber: show the recording as it was offsetMs in. */
  seek(offsetMs: number): void {
    this.player?.seek(offsetMs)
  }

  dispose(): void {
    this.disposed = true
    this.unsubscribe()
    this.stopPlayer()
  }

  private async fallBack(reason: string | null, errorIfNone: ReturnType<typeof unreachableError> | null): Promise<void> {
    const list = await this.bridge.invoke('recording:list')
    const first = list.ok ? list.value[0] : undefined
    if (first && (await this.openRecording(first.name, reason))) return
    if (this.store.getState().phase === 'ready') return
    this.store.getState().setPhase(
      'error',
      errorIfNone ?? {
        title: 'Nothing to show yet',
        detail: reason ?? 'No live host and no recording are available.',
        hint: 'Start Docker (or run Glasshouse as a user who may read it) and reload; the bundled recording lives in assets/.'
      }
    )
  }

  private subscribe(): void {
    this.unsubscribe()
    this.unsubscribeLive = this.bridge.subscribe('live:message', (message) => {
      // A recording being shown owns the store; live messages wait until the user goes back.
      if (this.store.getState().source.kind === 'live') this.store.getState().ingest(message)
    })
    this.unsubscribeMenu = this.bridge.subscribe('menu:command', (command) => this.store.getState().runMenuCommand(command))
    if (this.handle.onLinkChange) {
      this.store.getState().setLink('open')
      let wasDown = false
      this.unsubscribeLink = this.handle.onLinkChange((state) => {
        this.store.getState().setLink(state)
        if (state === 'reconnecting') wasDown = true
        else if (wasDown) {
          wasDown = false
          // Messages were missed while the link was down: take a fresh snapshot.
          void this.bridge.invoke('snapshot:get').then((r) => {
            if (r.ok && this.store.getState().source.kind === 'live') this.store.getState().ingest({ type: 'snapshot', snapshot: r.value })
          })
        }
      })
    }
  }

  private unsubscribe(): void {
    this.unsubscribeLive?.()
    this.unsubscribeLive = null
    this.unsubscribeMenu?.()
    this.unsubscribeMenu = null
    this.unsubscribeLink?.()
    this.unsubscribeLink = null
    this.store.getState().setLink('n/a')
  }

  private stopPlayer(): void {
    this.player?.dispose()
    this.player = null
    this.store.getState().setPlayback(null)
  }
}

function unreachableError(carrier: 'electron' | 'serve', message: string): { title: string; detail: string; hint: string } {
  return carrier === 'serve'
    ? {
        title: 'The Glasshouse server cannot be reached',
        detail: message,
        hint: 'Start it with `npx glasshouse serve` and open the address it prints (it carries the access token).'
      }
    : {
        title: 'The Glasshouse backend did not answer',
        detail: message,
        hint: 'Restart the app; if it keeps failing, run `npx glasshouse snapshot` in a terminal to see what the probe reports.'
      }
}
