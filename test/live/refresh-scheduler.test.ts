import { afterEach, describe, expect, it, vi } from 'vitest'
import { RefreshScheduler } from '../../main/live/refresh-scheduler'

afterEach(() => {
  vi.useRealTimers()
})

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

describe('RefreshScheduler', () => {
  it('folds requests within the debounce window into one refresh', async () => {
    vi.useFakeTimers()
    const refresh = vi.fn(async () => {})
    const scheduler = new RefreshScheduler(refresh, 50, () => {})
    scheduler.request()
    scheduler.request()
    await vi.advanceTimersByTimeAsync(20)
    scheduler.request()
    expect(refresh).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(40)
    expect(refresh).toHaveBeenCalledTimes(1)
  })

  it('runs one more refresh, and only one, for requests during a running refresh', async () => {
    vi.useFakeTimers()
    const gates = [deferred(), deferred()]
    let call = 0
    const refresh = vi.fn(() => gates[call++]?.promise ?? Promise.resolve())
    const scheduler = new RefreshScheduler(refresh, 10, () => {})
    scheduler.request()
    await vi.advanceTimersByTimeAsync(10)
    expect(refresh).toHaveBeenCalledTimes(1)
    scheduler.request()
    scheduler.request()
    scheduler.request()
    gates[0]?.resolve()
    await vi.advanceTimersByTimeAsync(10)
    expect(refresh).toHaveBeenCalledTimes(2)
    gates[1]?.resolve()
    await vi.advanceTimersByTimeAsync(100)
    expect(refresh).toHaveBeenCalledTimes(2)
  })

  it('reports a failing refresh and keeps working', async () => {
    vi.useFakeTimers()
    const errors: unknown[] = []
    let fail = true
    const refresh = vi.fn(async () => {
      if (fail) throw new Error('daemon went away')
    })
    const scheduler = new RefreshScheduler(refresh, 5, (e) => errors.push(e))
    scheduler.request()
    await vi.advanceTimersByTimeAsync(5)
    fail = false
    scheduler.request()
    await vi.advanceTimersByTimeAsync(5)
    expect(errors).toHaveLength(1)
    expect(refresh).toHaveBeenCalledTimes(2)
  })

  it('does nothing after stop', async () => {
    vi.useFakeTimers()
    const refresh = vi.fn(async () => {})
    const scheduler = new RefreshScheduler(refresh, 5, () => {})
    scheduler.request()
    scheduler.stop()
    scheduler.request()
    await vi.advanceTimersByTimeAsync(50)
    expect(refresh).not.toHaveBeenCalled()
  })
})
