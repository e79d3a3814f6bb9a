// Choices remembered for the browser session (sessionStorage: this tab, until it closes, reloads
// included), unlike the theme and text size, which are remembered for good: hiding kernel-only containers.
import { useEffect, useRef } from 'react'
import { useApp, useAppStore } from '../store/app-store'

const KEY = 'glasshouse.session'

export function useSessionPrefs(): void {
  const store = useAppStore()
  const hideKernelOnly = useApp((s) => s.hideKernelOnly)
  const loaded = useRef(false)
  useEffect(() => {
    try {
      if (!loaded.current) {
        // First run: take what this session chose before (a reload), instead of saving the default over it.
        loaded.current = true
        const saved = JSON.parse(window.sessionStorage.getItem(KEY) ?? '{}') as { hideKernelOnly?: unknown }
        if (typeof saved.hideKernelOnly === 'boolean' && saved.hideKernelOnly !== hideKernelOnly) {
          store.setState({ hideKernelOnly: saved.hideKernelOnly })
          return
        }
      }
      window.sessionStorage.setItem(KEY, JSON.stringify({ hideKernelOnly }))
    } catch {
      // No storage (a locked-down browser): not remembered, harmless.
    }
  }, [store, hideKernelOnly])
}
