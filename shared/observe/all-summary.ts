// The table an all-containers observation opens with: per container, what it used of what it holds, the
// most over-privileged first (most capabilities held and never used), so the containers worth tightening
// come first. Pure: the CLI prints it, the Security view draws it.
import type { Observation } from './observation'
import { shortCap } from './suggestion'

export interface AllSummaryRow {
  id: string
  name: string
  /** Held capabilities granted in the window (Docker's spelling, no CAP_). */
  uses: string[]
  /** Held capabilities never granted in the window: what the suggestion drops. */
  heldUnused: string[]
  /** Asked but refused (not held): probes it ran without. */
  denied: string[]
}

export function allSummary(observations: readonly Observation[]): AllSummaryRow[] {
  return observations
    .map((o) => ({
      id: o.container.id,
      name: o.container.name,
      uses: o.capabilities.filter((c) => c.held && c.verdict === 'used').map((c) => shortCap(c.name)),
      heldUnused: o.capabilities.filter((c) => c.held && c.verdict !== 'used').map((c) => shortCap(c.name)),
      denied: o.capabilities.filter((c) => c.verdict === 'denied').map((c) => shortCap(c.name))
    }))
    .sort((a, b) => b.heldUnused.length - a.heldUnused.length || a.name.localeCompare(b.name))
}
