// Backend pushes reach our windows that show our page, and stop when asked.
import { describe, expect, it, vi } from 'vitest'
import { forwardPushes } from '../../main/electron/push-forwarding'
import { fakeBackend, SAMPLE_EVENT } from '../support/fake-backend'
import { FakeWebContents } from '../support/electron-mock'

vi.mock('electron', () => ({}))

describe('forwardPushes', () => {
  it('sends each pushed message on its contract channel to our page only', () => {
    const backend = fakeBackend()
    const ours = Object.assign(new FakeWebContents(), { url: 'file:///app/index.html' })
    const elsewhere = Object.assign(new FakeWebContents(), { url: 'https://evil.example/' })
    const destroyed = Object.assign(new FakeWebContents(), { url: 'file:///app/index.html', isDestroyed: () => true })
    const stop = forwardPushes(backend.push, () => [ours, elsewhere, destroyed], (url) => url === 'file:///app/index.html')
    backend.emit(SAMPLE_EVENT)
    expect(ours.sent).toEqual([['live:message', SAMPLE_EVENT]])
    expect(elsewhere.sent).toEqual([])
    expect(destroyed.sent).toEqual([])
    stop()
    expect(backend.listenerCount()).toBe(0)
  })
})
