// Keyboard: 1–6 switch views, / focuses the search, ? opens the explanation for the view,
// Escape closes it. Ignored while typing in a field.
import { useEffect } from 'react'
import { useAppStore } from '../store/app-store'
import { VIEW_IDS, type ConceptId, type ViewId } from '../store/ui-slice'

export const VIEW_CONCEPT: Record<ViewId, ConceptId> = {
  namespaces: 'pid-namespaces',
  cgroups: 'cgroups',
  security: 'capabilities',
  container: 'namespaces',
  compare: 'cgroups',
  swarm: 'swarm'
}

export function useShortcuts(): void {
  const store = useAppStore()
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const target = e.target as HTMLElement | null
      const typing = target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA' || target.isContentEditable)
      const s = store.getState()
      if (e.key === 'Escape' && s.explain) {
        s.openExplanation(null)
        return
      }
      if (typing || e.ctrlKey || e.metaKey || e.altKey) return
      const n = Number(e.key)
      if (Number.isInteger(n) && n >= 1 && n <= VIEW_IDS.length) {
        s.setView(VIEW_IDS[n - 1] as ViewId)
        e.preventDefault()
      } else if (e.key === '/') {
        document.getElementById('container-search')?.focus()
        e.preventDefault()
      } else if (e.key === '?') {
        s.openExplanation(VIEW_CONCEPT[s.view])
        e.preventDefault()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [store])
}
