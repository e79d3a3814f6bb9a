// The bounding set Docker gives a container, from its HostConfig (for a container that ended before its
// process's status could be read). The expected masks are what CapBnd showed on this host (Docker 20.10).
import { describe, expect, it } from 'vitest'
import { boundingMaskOf } from '../../../shared/observe/docker-default-capabilities'

describe('boundingMaskOf', () => {
  it('is Docker’s default set without changes', () => {
    expect(boundingMaskOf({})).toBe('00000000a80425fb')
  })

  it('adds and drops, in any spelling, ALL included', () => {
    expect(boundingMaskOf({ CapDrop: ['ALL'], CapAdd: ['net_raw'] })).toBe('0000000000002000')
    expect(boundingMaskOf({ CapDrop: ['CAP_CHOWN'] })).toBe('00000000a80425fa')
    expect(boundingMaskOf({ CapAdd: ['SYS_ADMIN'] })).toBe('00000000a82425fb')
  })

  it('is every capability when privileged', () => {
    expect(boundingMaskOf({ Privileged: true })).toBe('000001ffffffffff')
  })
})
