// Observations made in this session, by container id: the container page starts them (one container),
// the Security view too (every container at once, observe:all), and lists them. A store of its own (zustand), apart from the live snapshot: nothing here arrives by push.
import { create } from 'zustand'
import type { GlasshouseBridge } from '../../../shared/contract'
import type { ObserveAllResult, ObserveResult } from '../../../shared/observe/observe-request'
import type { Verification } from '../../../shared/observe/verification'

export interface ObserveEntry {
  status: 'observing' | 'done' | 'error' | 'verifying'
  seconds: number
  result: ObserveResult | null
  verification: Verification | null
  error: string | null
}

/** The last observation of every container at once (its per-container results go into `entries`). */
export interface ObserveAllState {
  status: 'observing' | 'done' | 'error'
  seconds: number
  /** What the window reported (null while observing or after an error). */
  summary: Omit<ObserveAllResult, 'results'> & { containers: number; joined: number } | null
  error: string | null
}

interface ObserveState {
  entries: Record<string, ObserveEntry>
  all: ObserveAllState | null
  observe(bridge: GlasshouseBridge, containerId: string, seconds: number): Promise<void>
  observeAll(bridge: GlasshouseBridge, seconds: number): Promise<void>
  verify(bridge: GlasshouseBridge, containerId: string): Promise<void>
}

export const useObserveStore = create<ObserveState>((set, get) => {
  const patch = (id: string, change: Partial<ObserveEntry>): void =>
    set((s) => ({ entries: { ...s.entries, [id]: { ...(s.entries[id] ?? { status: 'done', seconds: 0, result: null, verification: null, error: null }), ...change } } }))
  return {
    entries: {},
    all: null,
    async observe(bridge, id, seconds) {
      patch(id, { status: 'observing', seconds, error: null, verification: null })
      const answer = await bridge.invoke('observe:run', id, seconds)
      if (answer.ok) patch(id, { status: 'done', result: answer.value })
      else patch(id, { status: 'error', error: answer.error.message })
    },
    async observeAll(bridge, seconds) {
      set({ all: { status: 'observing', seconds, summary: null, error: null } })
      const answer = await bridge.invoke('observe:all', seconds)
      if (!answer.ok) {
        set({ all: { status: 'error', seconds, summary: null, error: answer.error.message } })
        return
      }
      const { results, ...window } = answer.value
      const joined = results.filter((r) => r.observation.notes.some((note) => note.startsWith('started during the window'))).length
      for (const result of results) patch(result.observation.container.id, { status: 'done', seconds, result, verification: null, error: null })
      set({ all: { status: 'done', seconds, summary: { ...window, containers: results.length, joined }, error: null } })
    },
    async verify(bridge, id) {
      if (!get().entries[id]?.result) return
      patch(id, { status: 'verifying', verification: null, error: null })
      const answer = await bridge.invoke('observe:verify', id)
      if (answer.ok) patch(id, { status: 'done', verification: answer.value })
      else patch(id, { status: 'done', error: answer.error.message })
    }
  }
})
