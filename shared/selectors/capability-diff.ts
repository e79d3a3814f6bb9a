// A container's capabilities compared with Docker's default set: the one comparison the container
// page, Findings, the risk badges, the capability matrix and the CLI show.
import { DOCKER_DEFAULT_CAPS, capabilityByName } from '../capabilities'
import type { ProcessInfo } from '../model'

export interface CapabilityDiff {
  /** Capabilities held beyond Docker's default set, in bit order. */
  added: string[]
  /** Default capabilities not held, in bit order. */
  dropped: string[]
  isDefault: boolean
  /** Every one of Docker's defaults is gone (--cap-drop ALL, or a non-root user with an empty bounding set). */
  allDropped: boolean
  /** How many capabilities Docker's default set has (derived, not a literal). */
  defaultCount: number
}

const DEFAULT_SET: ReadonlySet<string> = new Set(DOCKER_DEFAULT_CAPS)

export function isDockerDefaultCap(name: string): boolean {
  return DEFAULT_SET.has(name)
}

/** `held` (any order, duplicates allowed) against Docker's default set. */
export function diffFromDockerDefault(held: readonly string[]): CapabilityDiff {
  const have = new Set(held)
  const added = inBitOrder([...have].filter((c) => !DEFAULT_SET.has(c)))
  const dropped = DOCKER_DEFAULT_CAPS.filter((c) => !have.has(c))
  return {
    added,
    dropped,
    isDefault: added.length === 0 && dropped.length === 0,
    allDropped: dropped.length === DOCKER_DEFAULT_CAPS.length,
    defaultCount: DOCKER_DEFAULT_CAPS.length
  }
}

/**
 * What a process holds, compared with the default. Held = bounding ∪ effective: the bounding set is the
 * container's envelope for any user (a non-root user's effective set is empty until it runs a setuid
 * program), and effective covers a bounding set that could not be read apart.
 */
export function processCapabilityDiff(process: ProcessInfo): CapabilityDiff {
  return diffFromDockerDefault([...process.capabilities.bounding, ...process.capabilities.effective])
}

function inBitOrder(names: string[]): string[] {
  const bit = (n: string): number => capabilityByName(n)?.bit ?? 1000
  return names.sort((a, b) => bit(a) - bit(b) || (a < b ? -1 : a > b ? 1 : 0))
}
