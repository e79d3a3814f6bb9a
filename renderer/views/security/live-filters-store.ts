// The last live seccomp reading, shared by the Security view and the container page. Reading happens only
// when the user presses the button (seccomp:read): never on a timer, never on load.
import { create } from 'zustand'
import type { GlasshouseBridge } from '../../../shared/contract'
import type { SeccompFiltersReport } from '../../../shared/seccomp/report'

interface LiveFiltersState {
  report: SeccompFiltersReport | null
  reading: boolean
  error: string | null
  read(bridge: GlasshouseBridge): Promise<void>
}

export const useLiveFilters = create<LiveFiltersState>((set) => ({
  report: null,
  reading: false,
  error: null,
  async read(bridge) {
    set({ reading: true, error: null })
    const result = await bridge.invoke('seccomp:read')
    if (result.ok) set({ report: result.value, reading: false })
    else set({ reading: false, error: result.error.message })
  }
}))
