// The moment pinned for comparing against the live host (the Compare view's "Pin this moment"):
// kept apart from the view so switching views does not lose it. Cleared with the data it came from.
import { create } from 'zustand'
import type { HostSnapshot } from '../../../shared/model'

interface ComparePin {
  pinned: HostSnapshot | null
  pin(snapshot: HostSnapshot | null): void
}

export const useComparePin = create<ComparePin>((set) => ({
  pinned: null,
  pin: (pinned) => set({ pinned })
}))
