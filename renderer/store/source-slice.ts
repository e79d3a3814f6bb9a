// Slice: where the data comes from (a live backend or a recording), and whether it is loading.
import type { StateCreator } from 'zustand'
import type { RecordingInfo } from '../../shared/contract'
import type { AppState } from './app-store'

export type Source =
  | { kind: 'none' }
  | { kind: 'live'; carrier: 'electron' | 'serve'; version: string }
  | {
      kind: 'recording'
      info: RecordingInfo
      /** Why the recording is shown instead of a live host; null when the user opened it. */
      reason: string | null
      /** Whether a live host can be returned to. */
      liveAvailable: boolean
      /** The recording's messages, for the Compare view to rebuild any two moments. */
      messages?: readonly import('../../shared/live').LiveMessage[]
    }

export type Phase = 'loading' | 'ready' | 'error'

/** An error that says what happened and what to do next. */
export interface AppError {
  title: string
  detail: string
  hint: string
}

/** The push link (serve mode's WebSocket); 'n/a' where the carrier has none to watch. */
export type LinkState = 'open' | 'reconnecting' | 'n/a'

export interface Playback {
  playing: boolean
  /** Messages applied so far and in all. */
  position: number
  total: number
  /** Seconds into the recording, and its length. */
  elapsedSeconds: number
  durationSeconds: number
  /** The same in milliseconds, for the time scrubber. */
  elapsedMs?: number
  durationMs?: number
  /** Where the recording's events are, for the scrubber's marks. */
  marks?: ReadonlyArray<{ offsetMs: number; kind: string }>
}

export interface SourceSlice {
  source: Source
  phase: Phase
  error: AppError | null
  link: LinkState
  playback: Playback | null
  setSource(source: Source): void
  setPhase(phase: Phase, error?: AppError | null): void
  setLink(link: LinkState): void
  setPlayback(playback: Playback | null): void
}

export const createSourceSlice: StateCreator<AppState, [], [], SourceSlice> = (set) => ({
  source: { kind: 'none' },
  phase: 'loading',
  error: null,
  link: 'n/a',
  playback: null,
  setSource: (source) => set({ source }),
  setPhase: (phase, error = null) => set({ phase, error }),
  setLink: (link) => set({ link }),
  setPlayback: (playback) => set({ playback })
})
