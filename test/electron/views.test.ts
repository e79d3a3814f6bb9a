// The views main knows (for the menu and the remembered last view) are the renderer's own.
import { describe, expect, it, vi } from 'vitest'
import { readFileSync } from 'node:fs'
import { viewUrl, rendererLocation } from '../../main/electron/renderer-location'
import { VIEWS, viewFromUrl } from '../../main/electron/views'

vi.mock('electron', () => ({}))

describe('views', () => {
  it('match the renderer’s VIEW_IDS, in order', () => {
    const source = readFileSync('renderer/store/ui-slice.ts', 'utf8')
    const list = /export const VIEW_IDS = \[([^\]]*)\]/.exec(source)?.[1]
    expect(list, 'VIEW_IDS in renderer/store/ui-slice.ts').toBeDefined()
    const ids = [...list!.matchAll(/'([a-z]+)'/g)].map((m) => m[1])
    expect(VIEWS.map((v) => v.id)).toEqual(ids)
  })

  it('are read from, and written to, the page address as the renderer routes them', () => {
    expect(viewFromUrl('file:///app/out/renderer/index.html#/cgroups')).toBe('cgroups')
    expect(viewFromUrl('file:///app/out/renderer/index.html#/container/0123456789abcdef')).toBe('container')
    expect(viewFromUrl('file:///app/out/renderer/index.html')).toBeNull()
    expect(viewFromUrl('file:///x/index.html#/../../etc')).toBeNull()
    expect(viewFromUrl('file:///x/index.html#/nope')).toBeNull()
    const location = rendererLocation({ rendererDir: '/app/out/renderer', devUrl: undefined, isPackaged: true })
    expect(viewUrl(location, 'security')).toBe('file:///app/out/renderer/index.html#/security')
    expect(viewFromUrl(viewUrl(location, 'security'))).toBe('security')
  })
})
