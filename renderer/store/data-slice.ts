// Slice: the host data (snapshot, series, events), fed only through LiveMessages and history.
import type { StateCreator } from 'zustand'
import type { HistoryDump } from '../../shared/contract'
import type { LiveMessage } from '../../shared/live'
import { applyHistory, applyLiveMessage, applyLiveMessages, emptyLiveData, type LiveData } from './live-data'
import type { AppState } from './app-store'

export interface DataSlice extends LiveData {
  ingest(message: LiveMessage): void
  ingestMany(messages: readonly LiveMessage[]): void
  seedHistory(dump: HistoryDump): void
  resetData(): void
  /**
   * Events that arrived through the live stream (or a recording's replay) since the data were reset; not
   * those seeded from history. New live events are the last (count − previous count) of `events`.
   */
  liveEventCount: number
}

function countEvents(messages: readonly LiveMessage[]): number {
  let n = 0
  for (const m of messages) if (m.type === 'event') n++
  return n
}

function pick(state: AppState): LiveData {
  const { snapshot, series, latest, events, lastSample, droppedPatches } = state
  return { snapshot, series, latest, events, lastSample, droppedPatches }
}

export const createDataSlice: StateCreator<AppState, [], [], DataSlice> = (set) => ({
  ...emptyLiveData(),
  liveEventCount: 0,
  ingest: (message) =>
    set((state) => ({ ...applyLiveMessage(pick(state), message), liveEventCount: state.liveEventCount + (message.type === 'event' ? 1 : 0) })),
  ingestMany: (messages) => set((state) => ({ ...applyLiveMessages(pick(state), messages), liveEventCount: state.liveEventCount + countEvents(messages) })),
  seedHistory: (dump) => set((state) => applyHistory(pick(state), dump)),
  resetData: () => set({ ...emptyLiveData(), liveEventCount: 0 })
})
