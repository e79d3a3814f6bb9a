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
}

function pick(state: AppState): LiveData {
  const { snapshot, series, latest, events, lastSample, droppedPatches } = state
  return { snapshot, series, latest, events, lastSample, droppedPatches }
}

export const createDataSlice: StateCreator<AppState, [], [], DataSlice> = (set) => ({
  ...emptyLiveData(),
  ingest: (message) => set((state) => applyLiveMessage(pick(state), message)),
  ingestMany: (messages) => set((state) => applyLiveMessages(pick(state), messages)),
  seedHistory: (dump) => set((state) => applyHistory(pick(state), dump)),
  resetData: () => set(emptyLiveData())
})
