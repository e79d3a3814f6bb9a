// Presenter mode's names column: as wide as the longest name needs, never under 10 em nor over 17 em.
import { describe, expect, it } from 'vitest'
import { rowLabelWidth } from '../../../renderer/viz/row-label-width'
import { fitText, sansWidth } from '../../../renderer/viz/text-metrics'

describe('rowLabelWidth', () => {
  const unit = 17
  it('fits a demo container name whole that 10 em cut', () => {
    const name = 'gh-cap-drop-all-default'
    expect(fitText(name, unit * 10 - unit * 3.4, unit * 0.95)).not.toBe(name)
    const width = rowLabelWidth(['perfh-1', name], unit * 0.95, unit, unit * 3.4)
    expect(width).toBeGreaterThan(unit * 10)
    expect(fitText(name, width - unit * 3.4, unit * 0.95)).toBe(name)
    expect(width).toBeGreaterThanOrEqual(sansWidth(name, unit * 0.95) + unit * 3.4)
    expect(width).toBeLessThan(sansWidth(name, unit * 0.95) * 1.2 + unit * 3.4)
  })
  it('keeps 10 em for short names and stops at 17 em for very long ones', () => {
    expect(rowLabelWidth(['web', 'db'], unit, unit, unit)).toBe(unit * 10)
    expect(rowLabelWidth(['x'.repeat(200)], unit, unit, unit)).toBe(unit * 17)
  })
})
