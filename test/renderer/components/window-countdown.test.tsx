// The countdown shown while an observation window runs: the backend answers only at its end.
import { act, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { WindowCountdown } from '../../../renderer/components/window-countdown'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('the observation window countdown', () => {
  it('counts the seconds left each second, then says the result is being read', () => {
    render(<WindowCountdown seconds={10} />)
    expect(screen.getByText('10 s left')).toBeTruthy()
    act(() => vi.advanceTimersByTime(3000))
    expect(screen.getByText('7 s left')).toBeTruthy()
    act(() => vi.advanceTimersByTime(7000))
    expect(screen.getByText('reading the result')).toBeTruthy()
  })
})
