// One line for the text summary when the engine is in a swarm: this node's role, the cluster's size,
// and the posture facts the talk names (autolock, node certificate expiry). Null outside a swarm.
import type { SwarmState } from '../model'

const DAY_MS = 86_400_000

export function swarmSummaryLine(swarm: SwarmState | undefined, takenAt: string): string | null {
  if (!swarm || swarm.state === 'inactive') return null
  if (swarm.state !== 'active') {
    // locked (autolock, after a restart), pending (joining) or error: in a swarm, but its state unreadable.
    return `Swarm: ${swarm.state}${swarm.error ? ` (${swarm.error})` : ''}`
  }
  const leader = swarm.nodes.find((n) => n.self)?.leader === true
  const role = swarm.isManager ? (leader ? 'manager (leader)' : 'manager') : 'worker'
  const parts = [`this node ${role}`]
  if (swarm.managers !== null) parts.push(`${plural(swarm.managers, 'manager')}${swarm.nodeCount !== null ? ` of ${plural(swarm.nodeCount, 'node')}` : ''}`)
  // A worker cannot list services: say unknown rather than 0.
  parts.push(swarm.isManager ? plural(swarm.services.length, 'service') : 'services unknown (worker)')
  const autolock = swarm.posture.autolock
  parts.push(autolock === null ? 'autolock unknown' : `autolock ${autolock ? 'on' : 'off'}`)
  parts.push(certText(swarm.posture, takenAt))
  return `Swarm: ${parts.join(' · ')}`
}

function certText(posture: { nodeCert: { notAfter: string } | null; nodeCertValiditySeconds: number | null }, takenAt: string): string {
  const cert = posture.nodeCert
  if (cert) {
    const days = Math.floor((Date.parse(cert.notAfter) - Date.parse(takenAt)) / DAY_MS)
    const when = Number.isNaN(days) ? '' : days < 0 ? ` (expired ${-days} days ago)` : ` (in ${plural(days, 'day')})`
    return `node certificate expires ${cert.notAfter}${when}`
  }
  if (posture.nodeCertValiditySeconds !== null) {
    return `node certificates issued for ${plural(Math.round(posture.nodeCertValiditySeconds / 86_400), 'day')} (this node's not read)`
  }
  return 'node certificate expiry unknown'
}

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`
}
