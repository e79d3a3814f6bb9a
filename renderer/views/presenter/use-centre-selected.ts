// In presenter mode the selected container is centred in the view: after the view changes, when the
// container first appears there (the snapshot that holds it may arrive after the step's answer), and when
// the window changes size (a projector plugged in reflows the picture).
import { useEffect } from 'react'
import { useApp } from '../../store/app-store'

/** What shows the container best in each view: its PID box, its cgroup card, else its row. */
const CENTRE_FIRST = ['.ns-box.is-selected', '.cg-card.is-selected', '.is-selected']

export function useCentreSelected(): void {
  // Only once a step ran: before that the selection is whatever was selected, not the demo's.
  const presenting = useApp((s) => (s.presenter?.shown ?? -1) >= 0)
  const view = useApp((s) => s.view)
  const selected = useApp((s) => s.selectedContainerId)
  const present = useApp((s) => (selected ? s.snapshot?.containers.some((c) => c.id === selected) === true : false))
  // The Swarm view draws a task's container only once the swarm's tasks name it, which may come a read later.
  const inSwarm = useApp((s) => {
    const swarm = s.snapshot?.swarm
    return selected !== null && swarm?.state === 'active' && swarm.tasks.some((task) => task.containerId === selected)
  })
  useEffect(() => {
    if (!presenting || !selected || !present) return
    const centre = (): void => {
      const panel = document.getElementById('view-panel')
      const target = CENTRE_FIRST.map((selector) => panel?.querySelector<Element>(selector)).find(Boolean)
      if (!panel || !target) return
      // Marked, so a reader (and the tests) can tell which element stands for the container.
      panel.querySelector('[data-presenter-focus]')?.removeAttribute('data-presenter-focus')
      target.setAttribute('data-presenter-focus', '')
      // A cgroup card lives in a zoomed picture: focusing it pans the picture to it (zoom.reveal).
      if (target.classList.contains('cg-card')) (target as SVGGElement).focus({ preventScroll: true })
      centreIn(panel, target)
    }
    // After the view has drawn (its layout is computed in a render and an effect): two frames.
    let frame = 0
    const centreSoon = (): void => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => (frame = requestAnimationFrame(centre)))
    }
    centreSoon()
    window.addEventListener('resize', centreSoon)
    return () => {
      window.removeEventListener('resize', centreSoon)
      cancelAnimationFrame(frame)
    }
  }, [presenting, view, selected, present, inSwarm])
}

/**
 * Scrolls the view panel alone so the target's centre is at the panel's centre (scrollIntoView would
 * also scroll the page and push the header out of sight).
 */
function centreIn(panel: HTMLElement, target: Element): void {
  const box = target.getBoundingClientRect()
  const frame = panel.getBoundingClientRect()
  // A target taller than the panel: its top at the top, rather than its middle in the middle.
  const dy = box.height > frame.height ? box.top - frame.top : box.top + box.height / 2 - (frame.top + frame.height / 2)
  const dx = box.width > frame.width ? box.left - frame.left : box.left + box.width / 2 - (frame.left + frame.width / 2)
  panel.scrollTop += dy
  panel.scrollLeft += dx
}
