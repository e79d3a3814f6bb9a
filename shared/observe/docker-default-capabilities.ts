// The bounding set Docker gives a container, from its HostConfig: the default capabilities, plus CapAdd,
// minus CapDrop ("ALL" in either), everything when privileged. Needed for a container that started and
// ended inside the window before its process's status could be read.
import { CAPABILITIES, capabilityByName, DOCKER_DEFAULT_CAPS, normaliseCapabilityList } from '../capabilities'

export interface CapabilityHostConfig {
  Privileged?: boolean
  CapAdd?: string[] | null
  CapDrop?: string[] | null
}

/** The bounding mask as /proc/<pid>/status prints it (16 hex digits). */
export function boundingMaskOf(config: CapabilityHostConfig): string {
  const all = CAPABILITIES.map((c) => c.name)
  let names = new Set<string>(config.Privileged ? all : DOCKER_DEFAULT_CAPS)
  if (!config.Privileged) {
    const drop = normaliseCapabilityList(config.CapDrop)
    const add = normaliseCapabilityList(config.CapAdd)
    if (drop.includes('ALL')) names = new Set()
    for (const name of drop) names.delete(name)
    for (const name of add.includes('ALL') ? all : add) names.add(name)
  }
  let mask = 0n
  for (const name of names) {
    const bit = capabilityByName(name)?.bit
    if (bit !== undefined) mask |= 1n << BigInt(bit)
  }
  return mask.toString(16).padStart(16, '0')
}
