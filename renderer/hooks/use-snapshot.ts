import type { ContainerInfo, HostSnapshot } from '../../shared/model'
import { useApp } from '../store/app-store'

export function useSnapshot(): HostSnapshot | null {
  return useApp((s) => s.snapshot)
}

/** The selected container, if it is still in the snapshot. */
export function useSelectedContainer(): ContainerInfo | null {
  return useApp((s) => (s.selectedContainerId ? (s.snapshot?.containers.find((c) => c.id === s.selectedContainerId) ?? null) : null))
}

/** The font size the SVG layouts are computed for (larger in presenter mode). */
export function useVizUnit(): number {
  return useApp((s) => (s.textSize === 'presenter' ? 17 : 13))
}
