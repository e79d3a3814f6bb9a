// Glasshouse's own helper container (label glasshouse.helper=1) is named for what it is and listed
// after the user's containers, running or not.
import { describe, expect, it } from 'vitest'
import { filterContainers } from '../../../renderer/selectors/container-list'
import { isGlasshouseHelper } from '../../../shared/selectors/glasshouse-helper'
import { selectBadges } from '../../../renderer/selectors/derived'
import { withHelper } from '../support/with-helper'

describe('the Glasshouse helper in the container list', () => {
  it('is recognised by its label only', () => {
    const snapshot = withHelper()
    expect(snapshot.containers.filter(isGlasshouseHelper).map((c) => c.name)).toEqual(['adoring_banzai'])
    expect(isGlasshouseHelper({ labels: { 'glasshouse.helper': '0' } })).toBe(false)
  })

  it('sorts after every user container, also after stopped ones, and is found as "glasshouse helper"', () => {
    const snapshot = withHelper()
    const badges = selectBadges(snapshot)
    const all = filterContainers(snapshot.containers, badges, '', 'all')
    expect(all.at(-1)?.name).toBe('adoring_banzai')
    expect(all.at(-2)?.name).toBe('old-job')
    expect(filterContainers(snapshot.containers, badges, 'glasshouse helper', 'all').map((c) => c.name)).toEqual(['adoring_banzai'])
  })
})
