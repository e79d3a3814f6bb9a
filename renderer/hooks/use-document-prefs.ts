// Applies the theme and text size to <html> (as data attributes the CSS reads) and remembers them.
import { useEffect } from 'react'
import type { AppStore } from '../store/app-store'
import type { TextSize, Theme } from '../store/ui-slice'
import { useApp } from '../store/app-store'

const KEY = 'glasshouse.prefs'

export function loadPrefs(store: AppStore, win: Window): void {
  let theme: Theme = win.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
  let textSize: TextSize = 'normal'
  try {
    const saved = JSON.parse(win.localStorage.getItem(KEY) ?? '{}') as { theme?: unknown; textSize?: unknown }
    if (saved.theme === 'light' || saved.theme === 'dark') theme = saved.theme
    if (saved.textSize === 'normal' || saved.textSize === 'presenter') textSize = saved.textSize
  } catch {
    // No storage (a locked-down browser): the defaults will do.
  }
  store.setState({ theme, textSize })
}

export function useDocumentPrefs(): void {
  const theme = useApp((s) => s.theme)
  const textSize = useApp((s) => s.textSize)
  useEffect(() => {
    const root = document.documentElement
    root.dataset.theme = theme
    root.dataset.size = textSize
    try {
      window.localStorage.setItem(KEY, JSON.stringify({ theme, textSize }))
    } catch {
      // Not persisted; harmless.
    }
  }, [theme, textSize])
}
