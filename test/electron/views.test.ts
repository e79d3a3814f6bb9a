// The views main knows (for the menu and the remembered last view) are the renderer's own.
import { describe, expect, it, vi } from 'vitest'
import { viewUrl, rendererLocation } from '../../main/electron/renderer-location'
import { VIEWS, viewFromUrl } from '../../main/electron/views'
import { VIEW_IDS } from '../../renderer/store/ui-slice'

vi.mock('electron', () => ({}))

describe('views', () => {
  it('are the one list in shared/views.ts that the renderer routes by', () => {
    expect(VIEWS.map((v) => v.id)).toEqual([...VIEW_IDS])
    expect(VIEWS.map((v) => v.id)).toEqual(['namespaces', 'cgroups', 'security', 'container', 'compare', 'swarm'])
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
