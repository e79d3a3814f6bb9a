// The presenter's keyboard: → Space PageDown (what a clicker sends) run the next step; ← PageUp go
// back; Escape leaves (removing the demo's containers); h saves the handout. Captured before the views' own shortcuts.
// Outside presenter mode, d opens the Demos panel.
import { useEffect } from 'react'
import type { GlasshouseBridge } from '../../../shared/contract'
import { useAppStore } from '../../store/app-store'
import { leavePresenter, presentBack, presentNext, saveHandout } from './presenter-actions'

type Carrier = 'electron' | 'serve'

const NEXT = new Set(['ArrowRight', ' ', 'PageDown'])
const BACK = new Set(['ArrowLeft', 'PageUp'])

/** `carrier`: where the handout goes (the desktop app's save dialog, or a download in a browser). */
export function usePresenterKeys(bridge: GlasshouseBridge | null, carrier: Carrier = 'serve'): void {
  const store = useAppStore()
  useEffect(() => {
    if (!bridge) return
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.metaKey || e.altKey) return
      const target = e.target as HTMLElement | null
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return
      const s = store.getState()
      if (!s.presenter) {
        // d opens the Demos panel (outside presenter mode, where the keys below mean nothing).
        if (e.key === 'd' && !s.demosOpen) {
          s.setDemosOpen(true)
          e.preventDefault()
        }
        return
      }
      if (NEXT.has(e.key)) void presentNext(store, bridge)
      else if (BACK.has(e.key)) presentBack(store)
      else if (e.key === 'Escape') void leavePresenter(store, bridge)
      else if (e.key === 'h') void saveHandout(store, { carrier, bridge })
      else return
      e.preventDefault()
      e.stopImmediatePropagation()
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [store, bridge, carrier])
}
