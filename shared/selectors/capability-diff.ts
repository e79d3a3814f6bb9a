// A capability set compared with Docker's default set.
import { DOCKER_DEFAULT_CAPS } from '../capabilities'

export interface CapabilityDiff {
  /** Effective capabilities beyond Docker's default set. */
  added: string[]
  /** Default capabilities the process does not have. */
  dropped: string[]
  isDefault: boolean
}

export function diffFromDockerDefault(effective: readonly string[]): CapabilityDiff {
  const have = new Set(effective)
  const defaults = new Set(DOCKER_DEFAULT_CAPS)
  const added = effective.filter((c) => !defaults.has(c))
  const dropped = DOCKER_DEFAULT_CAPS.filter((c) => !have.has(c))
  return { added, dropped, isDefault: added.length === 0 && dropped.length === 0 }
}
