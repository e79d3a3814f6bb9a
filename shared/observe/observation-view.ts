// What the page draws from an observation: counts, syscall families, and the moments of first use
// (one mark per capability used or denied, one per syscall family). Pure, for the renderer.
import type { CapabilityUse, Observation } from './observation'
import { SYSCALL_FAMILIES } from './syscall-family'

export interface ObservationCounts {
  held: number
  used: number
  denied: number
  neverAsked: number
  otherCredential: number
}

export function observationCounts(o: Observation): ObservationCounts {
  const caps = o.capabilities
  return {
    held: caps.filter((c) => c.held).length,
    used: caps.filter((c) => c.verdict === 'used').length,
    denied: caps.filter((c) => c.verdict === 'denied').length,
    neverAsked: caps.filter((c) => c.held && c.verdict === 'unasked').length,
    otherCredential: caps.reduce((n, c) => n + c.otherCredential, 0)
  }
}

/** Rows the capability table shows: every held capability and every one asked for. */
export function capabilityRows(o: Observation): CapabilityUse[] {
  const rank = { used: 0, denied: 1, unasked: 2 } as const
  return o.capabilities.filter((c) => c.held || c.verdict !== 'unasked').sort((a, b) => rank[a.verdict] - rank[b.verdict] || a.bit - b.bit)
}

export interface FamilyUse {
  family: string
  names: string[]
  calls: number
  firstAt: number
}

export function syscallFamilies(o: Observation): FamilyUse[] {
  const byFamily = new Map<string, FamilyUse>()
  for (const s of o.syscalls) {
    const f = byFamily.get(s.family) ?? { family: s.family, names: [], calls: 0, firstAt: s.firstAt }
    f.names.push(s.name)
    f.calls += s.count
    f.firstAt = Math.min(f.firstAt, s.firstAt)
    byFamily.set(s.family, f)
  }
  const order = SYSCALL_FAMILIES as readonly string[]
  return [...byFamily.values()].map((f) => ({ ...f, names: f.names.sort() })).sort((a, b) => order.indexOf(a.family) - order.indexOf(b.family))
}

export interface FirstUse {
  at: number
  label: string
  kind: 'used' | 'denied' | 'syscalls'
}

/** First moments, earliest first: capabilities granted or denied, and syscall families. */
export function firstUses(o: Observation): FirstUse[] {
  const marks: FirstUse[] = []
  for (const c of o.capabilities) {
    if (c.verdict === 'used' && c.firstGrantedAt !== null) marks.push({ at: c.firstGrantedAt, label: c.name.replace(/^CAP_/, ''), kind: 'used' })
    else if (c.verdict === 'denied' && c.firstDeniedAt !== null) marks.push({ at: c.firstDeniedAt, label: c.name.replace(/^CAP_/, ''), kind: 'denied' })
  }
  for (const f of syscallFamilies(o)) marks.push({ at: f.firstAt, label: f.family, kind: 'syscalls' })
  return marks.sort((a, b) => a.at - b.at || a.label.localeCompare(b.label))
}
