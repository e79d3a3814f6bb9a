// Every view needs a container in focus: when none is selected (or the selected one is gone),
// pick the first running container that has limits, else the first running one.
import { useEffect } from 'react'
import { useApp, useAppStore } from '../store/app-store'

export function useDefaultSelection(): void {
  const store = useAppStore()
  const snapshot = useApp((s) => s.snapshot)
  const selected = useApp((s) => s.selectedContainerId)
  useEffect(() => {
    if (!snapshot) return
    if (selected && snapshot.containers.some((c) => c.id === selected)) return
    // A demo step's container, selected before the live snapshot has it: kept until the snapshot catches up.
    if (selected && store.getState().presenter?.results.some((r) => r && Object.values(r.containers).includes(selected))) return
    const running = snapshot.containers.filter((c) => c.pid !== null).sort((a, b) => a.name.localeCompare(b.name))
    const limited = running.find((c) => c.limits && (c.limits.memoryBytes !== null || c.limits.cpuQuotaCores !== null))
    const pick = limited ?? running[0] ?? snapshot.containers[0]
    store.getState().selectContainer(pick?.id ?? null)
  }, [snapshot, selected, store])
}
