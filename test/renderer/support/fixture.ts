// The real snapshot of a host with seven varied containers (test/fixtures/snapshots).
import type { HostSnapshot } from '../../../shared/model'
import varied from '../../fixtures/snapshots/host-varied.json'

export function variedSnapshot(): HostSnapshot {
  return structuredClone(varied) as unknown as HostSnapshot
}

export function containerId(snapshot: HostSnapshot, name: string): string {
  const c = snapshot.containers.find((x) => x.name === name)
  if (!c) throw new Error(`no container ${name}`)
  return c.id
}
