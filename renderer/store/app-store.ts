// The one store, built from slices (DESIGN.md: one store from slices; derived data is computed
// by selectors, never stored). createAppStore makes a fresh store, so tests never share one.
import { createContext, useContext } from 'react'
import { useStore } from 'zustand'
import { createStore, type StoreApi } from 'zustand/vanilla'
import { createDataSlice, type DataSlice } from './data-slice'
import { createDemoSlice, type DemoSlice } from './demo-slice'
import { createSourceSlice, type SourceSlice } from './source-slice'
import { createUiSlice, type UiSlice } from './ui-slice'

export type AppState = DataSlice & SourceSlice & UiSlice & DemoSlice
export type AppStore = StoreApi<AppState>

export function createAppStore(initial: Partial<AppState> = {}): AppStore {
  const store = createStore<AppState>()((...a) => ({
    ...createDataSlice(...a),
    ...createSourceSlice(...a),
    ...createUiSlice(...a),
    ...createDemoSlice(...a)
  }))
  if (Object.keys(initial).length > 0) store.setState(initial)
  return store
}

export const StoreContext = createContext<AppStore | null>(null)

export function useAppStore(): AppStore {
  const store = useContext(StoreContext)
  if (!store) throw new Error('useApp outside <StoreContext.Provider>')
  return store
}

export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStore(), selector)
}
