// The view and selected container live in the address (#/cgroups, #/container/<id>), so the
// Electron menu, the back button and a bookmarked serve-mode URL all land on the right view.
import { useEffect } from 'react'
import { useAppStore } from '../store/app-store'
import { VIEW_IDS, type ViewId } from '../store/ui-slice'

export function parseHash(hash: string): { view: ViewId; containerId: string | null } | null {
  const match = /^#\/([a-z]+)(?:\/([0-9a-f]{12,64}))?$/.exec(hash)
  if (!match || !(VIEW_IDS as readonly string[]).includes(match[1] ?? '')) return null
  return { view: match[1] as ViewId, containerId: match[2] ?? null }
}

export function formatHash(view: ViewId, containerId: string | null): string {
  return view === 'container' && containerId ? `#/container/${containerId}` : `#/${view}`
}

export function useHashRoute(): void {
  const store = useAppStore()
  useEffect(() => {
    const apply = (): void => {
      const route = parseHash(window.location.hash)
      if (!route) return
      const s = store.getState()
      if (route.view !== s.view) s.setView(route.view)
      if (route.containerId) {
        const match = s.snapshot?.containers.find((c) => c.id.startsWith(route.containerId as string))
        s.selectContainer(match?.id ?? route.containerId)
      }
    }
    apply()
    window.addEventListener('hashchange', apply)
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.view === prev.view && s.selectedContainerId === prev.selectedContainerId) return
      const next = formatHash(s.view, s.selectedContainerId)
      if (window.location.hash !== next) window.history.replaceState(window.history.state, '', next)
    })
    return () => {
      window.removeEventListener('hashchange', apply)
      unsubscribe()
    }
  }, [store])
}
