// The swarm line of `glasshouse snapshot`: present only when the engine is in a swarm, with the node's
// role, the cluster's size, services, autolock and the node certificate's expiry as far as they are known.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatSummary } from '../../main/cli/format-summary'
import type { HostSnapshot, SwarmActive } from '../../shared/model'
import { loadVaried } from '../shared/selectors/fixture'

function singleManager(): SwarmActive {
  return JSON.parse(readFileSync(resolve(__dirname, '../fixtures/swarm/single-manager.json'), 'utf8')) as SwarmActive
}

const swarmLines = (s: HostSnapshot): string[] => formatSummary(s).split('\n').filter((l) => l.startsWith('Swarm'))

describe('the swarm line of the summary', () => {
  it('says nothing when the engine is not in a swarm, or was not asked', () => {
    const s = loadVaried()
    expect(swarmLines(s)).toEqual([])
    s.swarm = { state: 'inactive', error: null }
    expect(swarmLines(s)).toEqual([])
    expect(formatSummary(s)).not.toMatch(/swarm/i)
  })

  it('gives the role, managers, services, autolock and certificate expiry of a manager, in the header', () => {
    const s = { ...loadVaried(), swarm: singleManager() }
    expect(swarmLines(s)).toEqual([
      'Swarm: this node manager (leader) · 1 manager of 1 node · 2 services · autolock on · node certificate expires 2027-02-26T16:40:00.000Z (in 89 days)'
    ])
    // In the header, before the counts line and the first container.
    const lines = formatSummary(s).split('\n')
    expect(lines.findIndex((l) => l.startsWith('Swarm'))).toBeLessThan(lines.findIndex((l) => /^\d+ containers/.test(l)))
  })

  it('says what is unknown rather than guessing: a worker, an unread certificate, autolock not known', () => {
    const swarm = singleManager()
    swarm.isManager = false
    swarm.managers = null
    swarm.nodeCount = null
    swarm.services = []
    swarm.nodes = []
    swarm.posture = { ...swarm.posture, nodeCert: null, autolock: null }
    expect(swarmLines({ ...loadVaried(), swarm })).toEqual([
      "Swarm: this node worker · services unknown (worker) · autolock unknown · node certificates issued for 90 days (this node's not read)"
    ])
    swarm.posture = { ...swarm.posture, nodeCertValiditySeconds: null }
    expect(swarmLines({ ...loadVaried(), swarm })[0]).toMatch(/node certificate expiry unknown$/)
  })

  it('names a locked swarm (autolock after a restart) in one line', () => {
    const s = { ...loadVaried(), swarm: { state: 'locked' as const, error: null } }
    expect(swarmLines(s)).toEqual(['Swarm: locked'])
  })
})
