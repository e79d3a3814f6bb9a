// Which page the window loads, and which frame URLs the gate accepts as that page.
import { describe, expect, it, vi } from 'vitest'
import { isRendererUrl, rendererLocation } from '../../main/electron/renderer-location'

vi.mock('electron', () => ({}))

describe('rendererLocation', () => {
  const dir = '/opt/Glasshouse/resources/app.asar/out/renderer'

  it('is the built file in a packaged app, even if a dev URL is set', () => {
    const location = rendererLocation({ rendererDir: dir, devUrl: 'http://localhost:5173', isPackaged: true })
    expect(location).toEqual({ kind: 'file', url: `file://${dir}/index.html`, indexFile: `${dir}/index.html` })
  })

  it('is the dev server only when unpackaged and asked for', () => {
    expect(rendererLocation({ rendererDir: dir, devUrl: 'http://localhost:5173', isPackaged: false })).toEqual({ kind: 'dev', url: 'http://localhost:5173/' })
    expect(rendererLocation({ rendererDir: dir, devUrl: undefined, isPackaged: false }).kind).toBe('file')
  })

  it('refuses a dev URL that is not loopback http', () => {
    expect(() => rendererLocation({ rendererDir: dir, devUrl: 'http://evil.example:5173', isPackaged: false })).toThrow('loopback')
    expect(() => rendererLocation({ rendererDir: dir, devUrl: 'file:///tmp/x.html', isPackaged: false })).toThrow('loopback')
  })

  it('escapes odd characters in the path the way Chromium reports them', () => {
    const location = rendererLocation({ rendererDir: '/home/a user/Glass#house', devUrl: undefined, isPackaged: true })
    expect(location.url).toBe('file:///home/a%20user/Glass%23house/index.html')
    expect(isRendererUrl('file:///home/a%20user/Glass%23house/index.html#/cgroups', location)).toBe(true)
  })
})

describe('isRendererUrl', () => {
  const file = rendererLocation({ rendererDir: '/app/out/renderer', devUrl: undefined, isPackaged: true })
  const dev = rendererLocation({ rendererDir: '/app/out/renderer', devUrl: 'http://localhost:5173', isPackaged: false })

  it('accepts our page with any route or query', () => {
    expect(isRendererUrl('file:///app/out/renderer/index.html', file)).toBe(true)
    expect(isRendererUrl('file:///app/out/renderer/index.html#/security?x=1', file)).toBe(true)
    expect(isRendererUrl('http://localhost:5173/#/x', dev)).toBe(true)
  })

  it('refuses anything else', () => {
    for (const url of [
      'file:///app/out/renderer/other.html',
      'file:///app/out/renderer/index.html/../../evil.html',
      'file://remote-host/app/out/renderer/index.html',
      'https://localhost/app/out/renderer/index.html',
      'about:blank',
      'not a url',
      ''
    ]) {
      expect(isRendererUrl(url, file), url).toBe(false)
    }
    expect(isRendererUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isRendererUrl('http://127.0.0.1:5173/', dev)).toBe(false)
  })
})
