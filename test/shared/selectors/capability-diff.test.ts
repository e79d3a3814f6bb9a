// Docker's default set comes from its CapBnd mask, and one diff serves every view and the CLI.
import { describe, expect, it } from 'vitest'
import { DOCKER_DEFAULT_CAPS, DOCKER_DEFAULT_CAP_MASK, decodeCapabilityMask } from '../../../shared/capabilities'
import { diffFromDockerDefault, processCapabilityDiff } from '../../../shared/selectors/capability-diff'
import { capabilityMatrix } from '../../../shared/selectors/capability-matrix'
import { containerRiskBadges } from '../../../shared/selectors/container-risks'
import { findingsFor } from '../../../shared/selectors/findings'
import { initProcess } from '../../../shared/selectors/snapshot-index'
import { byName, loadVaried } from './fixture'

describe("Docker's default capability set", () => {
  it('is the CapBnd of a default container (0xa80425fb, as read on the Docker 20.10 test host)', () => {
    expect(DOCKER_DEFAULT_CAP_MASK).toBe('a80425fb')
    expect(DOCKER_DEFAULT_CAPS).toEqual([
      'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL', 'CAP_SETGID', 'CAP_SETUID', 'CAP_SETPCAP',
      'CAP_NET_BIND_SERVICE', 'CAP_NET_RAW', 'CAP_SYS_CHROOT', 'CAP_MKNOD', 'CAP_AUDIT_WRITE', 'CAP_SETFCAP'
    ])
    expect(decodeCapabilityMask('00000000a80425fb')).toEqual(DOCKER_DEFAULT_CAPS)
  })
})

describe('processCapabilityDiff', () => {
  it('compares what the process holds (bounding ∪ effective), so a non-root user is not "every default dropped"', () => {
    const s = loadVaried()
    const init = initProcess(s, byName(s, 'batch'))!
    const nonRoot = { ...init, uid: 1000, capabilities: { ...init.capabilities, effective: [], permitted: [] } }
    expect(diffFromDockerDefault(nonRoot.capabilities.effective).allDropped).toBe(true)
    expect(processCapabilityDiff(nonRoot)).toMatchObject({ isDefault: true, added: [], dropped: [] })
  })

  it('agrees with the findings, the risk badges and the capability matrix on every container of the captured host', () => {
    const s = loadVaried()
    const matrix = capabilityMatrix(s)
    for (const c of s.containers) {
      const init = initProcess(s, c)
      if (!init) continue
      const diff = processCapabilityDiff(init)
      const row = matrix.find((r) => r.containerId === c.id)!
      expect([row.added, row.dropped], c.name).toEqual([diff.added.length, diff.dropped.length])
      const badge = containerRiskBadges(s, c).find((b) => b.kind === 'added-caps')
      expect(badge?.label ?? null, c.name).toBe(diff.added.length > 0 && !c.declared?.privileged ? `+${diff.added.length} cap${diff.added.length === 1 ? '' : 's'}` : null)
      const named = findingsFor(s, c).filter((f) => f.kind === 'dangerous-capability' || f.kind === 'added-capabilities')
      for (const cap of diff.added) expect(named.some((f) => f.title.includes(cap) || f.why.includes(cap)), `${c.name} ${cap}`).toBe(true)
    }
    expect(processCapabilityDiff(initProcess(s, byName(s, 'sidecar'))!)).toMatchObject({ allDropped: true, defaultCount: DOCKER_DEFAULT_CAPS.length })
  })
})
