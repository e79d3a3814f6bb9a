// Observations made in this session, by container id: the container page starts them, the Security view
// lists them. A store of its own (zustand), apart from the live snapshot: nothing here arrives by push.
import { create } from 'zustand'
import type { GlasshouseBridge } from '../../../shared/contract'
import type { ObserveResult } from '../../../shared/observe/observe-request'
import type { Verification } from '../../../shared/observe/verification'

export interface ObserveEntry {
  status: 'observing' | 'done' | 'error' | 'verifying'
  seconds: number
  result: ObserveResult | null
  verification: Verification | null
  error: string | null
}

interface ObserveState {
  entries: Record<string, ObserveEntry>
  observe(bridge: GlasshouseBridge, containerId: string, seconds: number): Promise<void>
  verify(bridge: GlasshouseBridge, containerId: string): Promise<void>
}

export const useObserveStore = create<ObserveState>((set, get) => {
  const patch = (id: string, change: Partial<ObserveEntry>): void =>
    set((s) => ({ entries: { ...s.entries, [id]: { ...(s.entries[id] ?? { status: 'done', seconds: 0, result: null, verification: null, error: null }), ...change } } }))
  return {
    entries: {},
    async observe(bridge, id, seconds) {
      patch(id, { status: 'observing', seconds, error: null, verification: null })
      const answer = await bridge.invoke('observe:run', id, seconds)
      if (answer.ok) patch(id, { status: 'done', result: answer.value })
      else patch(id, { status: 'error', error: answer.error.message })
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
