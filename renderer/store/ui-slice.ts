// Slice: what the user has chosen: the view, the selection every view shares, hover, filters,
// theme and text size, the open explanation.
import type { StateCreator } from 'zustand'
import type { AppState } from './app-store'

export const VIEW_IDS = ['namespaces', 'cgroups', 'security', 'container'] as const
export type ViewId = (typeof VIEW_IDS)[number]
export const VIEW_LABELS: Record<ViewId, string> = {
  namespaces: 'Namespaces',
  cgroups: 'Cgroups',
  security: 'Security',
  container: 'Container'
}

export const CONCEPT_IDS = ['namespaces', 'pid-namespaces', 'user-namespaces', 'cgroups', 'capabilities', 'seccomp'] as const
export type ConceptId = (typeof CONCEPT_IDS)[number]

export type ListFilter = 'all' | 'running' | 'risky'
export type Theme = 'light' | 'dark'
export type TextSize = 'normal' | 'presenter'

export interface UiSlice {
  view: ViewId
  selectedContainerId: string | null
  /** `${pid}:${startTicks}` of the process whose five capability sets are shown. */
  selectedProcessKey: string | null
  /** `${type}:${inode}` of the namespace under the pointer (or keyboard focus). */
  hoveredNamespace: string | null
  selectedCapability: string | null
  search: string
  filter: ListFilter
  theme: Theme
  textSize: TextSize
  explain: ConceptId | null
  setView(view: ViewId): void
  selectContainer(id: string | null): void
  selectProcess(key: string | null): void
  hoverNamespace(key: string | null): void
  selectCapability(cap: string | null): void
  setSearch(text: string): void
  setFilter(filter: ListFilter): void
  setTheme(theme: Theme): void
  setTextSize(size: TextSize): void
  openExplanation(concept: ConceptId | null): void
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  view: 'namespaces',
  selectedContainerId: null,
  selectedProcessKey: null,
  hoveredNamespace: null,
  selectedCapability: null,
  search: '',
  filter: 'all',
  theme: 'light',
  textSize: 'normal',
  explain: null,
  setView: (view) => set({ view }),
  selectContainer: (id) => set((s) => (s.selectedContainerId === id ? s : { selectedContainerId: id, selectedProcessKey: null })),
  selectProcess: (key) => set({ selectedProcessKey: key }),
  hoverNamespace: (key) => set((s) => (s.hoveredNamespace === key ? s : { hoveredNamespace: key })),
  selectCapability: (cap) => set({ selectedCapability: cap }),
  setSearch: (search) => set({ search }),
  setFilter: (filter) => set({ filter }),
  setTheme: (theme) => set({ theme }),
  setTextSize: (textSize) => set({ textSize }),
  openExplanation: (explain) => set({ explain })
})
