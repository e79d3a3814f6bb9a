// In presenter mode the selected container is centred in the view: after the view changes, and when
// the container first appears there (the snapshot that holds it may arrive after the step's answer).
import { useEffect } from 'react'
import { useApp } from '../../store/app-store'

export function useCentreSelected(): void {
  const presenting = useApp((s) => s.presenter !== null)
  const view = useApp((s) => s.view)
  const selected = useApp((s) => s.selectedContainerId)
  const present = useApp((s) => (selected ? s.snapshot?.containers.some((c) => c.id === selected) === true : false))
  useEffect(() => {
    if (!presenting || !selected || !present) return
    // After the view has drawn (its layout is computed in a render and an effect).
    const frame = requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const panel = document.getElementById('view-panel')
        const target = panel?.querySelector<Element>('.is-selected')
        target?.scrollIntoView?.({ block: 'center', inline: 'center', behavior: 'instant' as ScrollBehavior })
      })
    )
    return () => cancelAnimationFrame(frame)
  }, [presenting, view, selected, present])
}
