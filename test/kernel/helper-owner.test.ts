// Whose helper is left over: real processes of this host, one alive (this test), one that ended.
import { spawnSync } from 'node:child_process'
import { hostname } from 'node:os'
import { describe, expect, it } from 'vitest'
import { OWNER_HOST_LABEL, OWNER_START_LABEL, ownerIsGone, ownerLabels, processStartTime } from '../../main/kernel/helper-owner'

function endedPid(): number {
  const child = spawnSync('true')
  return child.pid
}

describe('owner labels', () => {
  it('name this host, the pid and its start time (ticks since boot)', () => {
    const labels = ownerLabels()
    expect(labels[OWNER_HOST_LABEL]).toBe(hostname())
    expect(labels[OWNER_START_LABEL]).toMatch(/^\d+$/)
    // A child started later has a later (or equal) start time: the field is the start, not the pid.
    expect(Number(processStartTime(process.pid))).toBeLessThanOrEqual(Number(labels[OWNER_START_LABEL]))
    expect(processStartTime(process.pid)).toBe(labels[OWNER_START_LABEL])
  })
})

describe('a helper is left over', () => {
  it('not while its owner runs', () => {
    expect(ownerIsGone(ownerLabels())).toBe(false)
  })

  it('when its owner ended', () => {
    expect(ownerIsGone(ownerLabels(endedPid()))).toBe(true)
  })

  it('when its owner pid now belongs to another process (another start time)', () => {
    expect(ownerIsGone({ ...ownerLabels(), [OWNER_START_LABEL]: '1' })).toBe(true)
  })

  it('never when it belongs to another host: that app may well run', () => {
    expect(ownerIsGone({ ...ownerLabels(endedPid()), [OWNER_HOST_LABEL]: 'another-host' })).toBe(false)
  })
})
