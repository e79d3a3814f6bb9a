import { describe, expect, it } from 'vitest'
import { parseDurationSeconds } from '../../../shared/observe/duration'

describe('parseDurationSeconds', () => {
  it('reads s, m, h, ms and bare seconds', () => {
    expect(parseDurationSeconds('60s')).toBe(60)
    expect(parseDurationSeconds('2m')).toBe(120)
    expect(parseDurationSeconds('1h')).toBe(3600)
    expect(parseDurationSeconds('500ms')).toBe(0.5)
    expect(parseDurationSeconds('90')).toBe(90)
  })
  it('refuses anything else', () => {
    expect(parseDurationSeconds('soon')).toBeNull()
    expect(parseDurationSeconds('-5s')).toBeNull()
    expect(parseDurationSeconds('')).toBeNull()
  })
})
