import { describe, expect, it } from 'vitest'
import {
  CAPABILITIES,
  DOCKER_DEFAULT_CAPS,
  decodeCapabilityMask,
  normaliseCapabilityList,
  normaliseCapabilityName
} from '../../shared/capabilities'

describe('capability table', () => {
  it('names all 41 capabilities in bit order, CAP_CHOWN = 0 … CAP_CHECKPOINT_RESTORE = 40', () => {
    expect(CAPABILITIES).toHaveLength(41)
    expect(CAPABILITIES[0]?.name).toBe('CAP_CHOWN')
    expect(CAPABILITIES[21]?.name).toBe('CAP_SYS_ADMIN')
    expect(CAPABILITIES[40]?.name).toBe('CAP_CHECKPOINT_RESTORE')
    for (const cap of CAPABILITIES) expect(cap.summary.length).toBeGreaterThan(10)
  })
})

describe('decodeCapabilityMask', () => {
  it("decodes Docker's default mask a80425fb to exactly its 14 default capabilities", () => {
    expect(new Set(decodeCapabilityMask('00000000a80425fb'))).toEqual(new Set(DOCKER_DEFAULT_CAPS))
    expect(decodeCapabilityMask('00000000a80425fb')).toHaveLength(14)
  })

  it('decodes the full 41-bit mask and keeps unknown higher bits as CAP_<n>', () => {
    expect(decodeCapabilityMask('000001ffffffffff')).toHaveLength(41)
    expect(decodeCapabilityMask('0000060000000001')).toEqual(['CAP_CHOWN', 'CAP_41', 'CAP_42'])
    expect(decodeCapabilityMask('8000000000000000')).toEqual(['CAP_63'])
  })

  it('decodes --cap-drop ALL --cap-add NET_BIND_SERVICE (0x400)', () => {
    expect(decodeCapabilityMask('0000000000000400')).toEqual(['CAP_NET_BIND_SERVICE'])
    expect(decodeCapabilityMask('0000000000000000')).toEqual([])
  })

  it('rejects text that is not a hex mask', () => {
    expect(decodeCapabilityMask('00000000zz0425fb')).toBeNull()
    expect(decodeCapabilityMask('')).toBeNull()
    expect(decodeCapabilityMask('1'.repeat(17))).toBeNull()
  })
})

describe('normalising Docker capability names', () => {
  it.each([
    ['chown', 'CAP_CHOWN'],
    ['CAP_CHOWN', 'CAP_CHOWN'],
    ['net_admin', 'CAP_NET_ADMIN'],
    [' Sys_Admin ', 'CAP_SYS_ADMIN'],
    ['all', 'ALL'],
    ['ALL', 'ALL']
  ])('%s → %s', (raw, expected) => expect(normaliseCapabilityName(raw)).toBe(expected))

  it('de-duplicates and sorts by bit, ALL first', () => {
    expect(normaliseCapabilityList(['sys_admin', 'CAP_CHOWN', 'chown', 'ALL', 'net_admin'])).toEqual([
      'ALL',
      'CAP_CHOWN',
      'CAP_NET_ADMIN',
      'CAP_SYS_ADMIN'
    ])
    expect(normaliseCapabilityList(null)).toEqual([])
  })
})
