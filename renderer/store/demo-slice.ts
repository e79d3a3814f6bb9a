// Slice: the classroom demos. Whether the Demos panel is open, the demo being presented (its steps,
// which one is shown, the results of those that ran), and whether the container list is hidden.
// Running a step is the presenter's doing (views/presenter/presenter-actions.ts); this holds state only.
import type { StateCreator } from 'zustand'
import type { DemoListing, StepResult } from '../../shared/demos/types'
import type { AppState } from './app-store'
import type { TextSize } from './ui-slice'

export interface PresenterState {
  demo: DemoListing
  /** The step whose result is shown (from 0); -1 before the first ran. The next step's question is asked beside it. */
  shown: number
  /** The step running now, if any. */
  running: number | null
  results: Array<StepResult | undefined>
  /** The picture (SVG text) of the view each step pointed at, taken before moving on, for the handout. */
  pictures: Array<string | undefined>
  /** Per step, the text of a view that has no SVG to take (the Swarm view's tables), for the handout. */
  viewTexts: Array<string | undefined>
  error: string | null
  /** Every step ran and the demo's containers were removed. */
  finished: boolean
  /** The text size before presenting, restored after. */
  textSizeBefore: TextSize
}

export interface DemoSlice {
  demosOpen: boolean
  setDemosOpen(open: boolean): void
  presenter: PresenterState | null
  sidebarHidden: boolean
  setSidebarHidden(hidden: boolean): void
  startPresenter(demo: DemoListing): void
  updatePresenter(change: Partial<Omit<PresenterState, 'demo'>>): void
  stopPresenter(): void
}

export const createDemoSlice: StateCreator<AppState, [], [], DemoSlice> = (set) => ({
  demosOpen: false,
  setDemosOpen: (demosOpen) => set({ demosOpen }),
  presenter: null,
  sidebarHidden: false,
  setSidebarHidden: (sidebarHidden) => set({ sidebarHidden }),
  startPresenter: (demo) =>
    set((s) => ({
      demosOpen: false,
      explain: null,
      textSize: 'presenter',
      presenter: {
        demo,
        shown: -1,
        running: null,
        results: [],
        pictures: [],
        viewTexts: [],
        error: null,
        finished: false,
        textSizeBefore: s.presenter?.textSizeBefore ?? s.textSize
      }
    })),
  updatePresenter: (change) => set((s) => (s.presenter ? { presenter: { ...s.presenter, ...change } } : s)),
  stopPresenter: () => set((s) => (s.presenter ? { presenter: null, textSize: s.presenter.textSizeBefore } : s))
})
