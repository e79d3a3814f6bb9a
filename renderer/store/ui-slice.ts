// Slice: what the user has chosen: the view, the selection every view shares, hover, filters,
// theme and text size, the open explanation.
import type { StateCreator } from 'zustand'
import type { AppState } from './app-store'

import type { MenuCommand } from '../../shared/contract'
import type { ViewId } from '../../shared/views'

export { VIEW_IDS, VIEW_LABELS, type ViewId } from '../../shared/views'

export const CONCEPT_IDS = ['namespaces', 'pid-namespaces', 'user-namespaces', 'cgroups', 'capabilities', 'seccomp', 'swarm'] as const
export type ConceptId = (typeof CONCEPT_IDS)[number]

export type ListFilter = 'all' | 'running' | 'risky'
export type Theme = 'light' | 'dark'
export type TextSize = 'normal' | 'presenter'

/** A short message in the status line that goes away by itself. */
export interface Notice {
  /** Tells two notices with the same text apart (each one restarts the timer). */
  seq: number
  text: string
  tone: 'info' | 'alert'
  /** How long it stays, in milliseconds. */
  ms: number
}

/** Long enough to read a line, short enough not to linger. */
export const NOTICE_MS = 7000

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
  recordingsOpen: boolean
  /** An export the desktop menu asked for; `seq` tells two requests for the same format apart. */
  exportRequest: { seq: number; format: 'svg' | 'png' | 'json' } | null
  /**
   * True while a view's picture is being serialised for export: views that keep off-screen
   * parts as they were last drawn (the cgroup tree's cards) bring them up to date first.
   */
  exportingPicture: boolean
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
  setRecordingsOpen(open: boolean): void
  setExportingPicture(exporting: boolean): void
  /** The one transient notice (limit hits, "Saved to …"); a new one replaces the old. */
  notice: Notice | null
  showNotice(text: string, options?: { tone?: Notice['tone']; ms?: number }): void
  /** Clears the notice if it is still the one given (a newer one stays). */
  clearNotice(seq: number): void
  /** The host-wide list of recent limit events, opened from the status line. */
  limitEventsOpen: boolean
  setLimitEventsOpen(open: boolean): void
  /** Hide containers only the kernel shows (another daemon's, source 'cgroup'); remembered for the session. */
  hideKernelOnly: boolean
  setHideKernelOnly(hide: boolean): void
  /** Carries out a command from the desktop menu (menu:command). */
  runMenuCommand(command: MenuCommand): void
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
  recordingsOpen: false,
  exportRequest: null,
  exportingPicture: false,
  notice: null,
  limitEventsOpen: false,
  hideKernelOnly: false,
  setView: (view) => set({ view }),
  selectContainer: (id) => set((s) => (s.selectedContainerId === id ? s : { selectedContainerId: id, selectedProcessKey: null })),
  selectProcess: (key) => set({ selectedProcessKey: key }),
  hoverNamespace: (key) => set((s) => (s.hoveredNamespace === key ? s : { hoveredNamespace: key })),
  selectCapability: (cap) => set({ selectedCapability: cap }),
  setSearch: (search) => set({ search }),
  setFilter: (filter) => set({ filter }),
  setTheme: (theme) => set({ theme }),
  setTextSize: (textSize) => set({ textSize }),
  openExplanation: (explain) => set({ explain }),
  setRecordingsOpen: (recordingsOpen) => set({ recordingsOpen }),
  setExportingPicture: (exportingPicture) => set({ exportingPicture }),
  showNotice: (text, options = {}) =>
    set((s) => ({ notice: { seq: (s.notice?.seq ?? 0) + 1, text, tone: options.tone ?? 'info', ms: options.ms ?? NOTICE_MS } })),
  clearNotice: (seq) => set((s) => (s.notice?.seq === seq ? { notice: null } : s)),
  setLimitEventsOpen: (limitEventsOpen) => set({ limitEventsOpen }),
  setHideKernelOnly: (hideKernelOnly) => set({ hideKernelOnly }),
  runMenuCommand: (command) => {
    switch (command.type) {
      case 'open-recording':
        return set({ recordingsOpen: true })
      case 'export':
        return set((s) => ({ exportRequest: { seq: (s.exportRequest?.seq ?? 0) + 1, format: command.format } }))
      case 'toggle-presenter-text':
        return set((s) => ({ textSize: s.textSize === 'presenter' ? 'normal' : 'presenter' }))
      case 'open-demos':
        return set((s) => (s.presenter ? s : { demosOpen: true }))
    }
  }
})
