import { act, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { FreshWhenVisible } from '../../../renderer/components/fresh-when-visible'
import { createAppStore, StoreContext, type AppStore } from '../../../renderer/store/app-store'

// jsdom has no IntersectionObserver: this stand-in lets the test say when the part scrolls away.
class ScrollingObserver {
  static last: ScrollingObserver | null = null
  constructor(private readonly callback: (entries: Array<{ isIntersecting: boolean }>) => void) {
    ScrollingObserver.last = this
  }
  observe(): void {}
  disconnect(): void {}
  scroll(isIntersecting: boolean): void {
    act(() => this.callback([{ isIntersecting }]))
  }
}

function part(store: AppStore, value: number): React.JSX.Element {
  return (
    <StoreContext.Provider value={store}>
      <FreshWhenVisible value={value}>{(v) => <output>drawn from {v}</output>}</FreshWhenVisible>
    </StoreContext.Provider>
  )
}

describe('a part of a view that is fresh while visible', () => {
  beforeEach(() => vi.stubGlobal('IntersectionObserver', ScrollingObserver))
  afterEach(() => vi.unstubAllGlobals())

  it('follows the data on screen, keeps what it drew while scrolled away, and catches up on return or export', () => {
    const store = createAppStore()
    const { rerender } = render(part(store, 1))
    expect(screen.getByRole('status')).toHaveTextContent('drawn from 1')
    rerender(part(store, 2))
    expect(screen.getByRole('status')).toHaveTextContent('drawn from 2')

    ScrollingObserver.last!.scroll(false)
    rerender(part(store, 3))
    expect(screen.getByRole('status')).toHaveTextContent('drawn from 2')

    act(() => store.getState().setExportingPicture(true))
    expect(screen.getByRole('status')).toHaveTextContent('drawn from 3')
    act(() => store.getState().setExportingPicture(false))
    rerender(part(store, 4))
    expect(screen.getByRole('status')).toHaveTextContent('drawn from 3')

    ScrollingObserver.last!.scroll(true)
    expect(screen.getByRole('status')).toHaveTextContent('drawn from 4')
  })

  it('is always fresh where there is no IntersectionObserver', () => {
    vi.unstubAllGlobals()
    const store = createAppStore()
    const { rerender } = render(part(store, 1))
    rerender(part(store, 2))
    expect(screen.getByRole('status')).toHaveTextContent('drawn from 2')
  })
})
