// The decisions of `npm start`, with the facts injected: uid, Electron's binary, the download,
// the platform and the display.
import { describe, expect, it, vi } from 'vitest'
import { browserOpener, planStart, redirectPage, ROOT_REASON } from '../../scripts/start-plan.mjs'

const BINARY = '/opt/electron/electron'

function facts(uid: number | undefined, installed: Array<string | null>, env: NodeJS.ProcessEnv = {}) {
  const findBinary = vi.fn(() => (installed.length > 1 ? (installed.shift() ?? null) : (installed[0] ?? null)))
  const download = vi.fn(() => 'getaddrinfo EAI_AGAIN github.com')
  return { uid, env, findBinary, download }
}

describe('planStart', () => {
  it('as root: never Electron, not even when its binary is installed, and nothing is downloaded', () => {
    const given = facts(0, [BINARY])
    expect(planStart(given)).toEqual({ kind: 'browser', reason: ROOT_REASON })
    expect(given.findBinary).not.toHaveBeenCalled()
    expect(given.download).not.toHaveBeenCalled()
  })

  it('as a user with the binary installed: Electron, no download', () => {
    const given = facts(1000, [BINARY])
    expect(planStart(given)).toEqual({ kind: 'electron', binary: BINARY })
    expect(given.download).not.toHaveBeenCalled()
  })

  it('binary absent: downloaded, then Electron', () => {
    const given = facts(1000, [null, BINARY])
    expect(planStart(given)).toEqual({ kind: 'electron', binary: BINARY })
    expect(given.download).toHaveBeenCalledOnce()
  })

  it('binary absent and the download fails: the browser, saying why', () => {
    const given = facts(1000, [null])
    expect(planStart(given)).toEqual({
      kind: 'browser',
      reason: "Electron's binary is not installed and could not be downloaded (getaddrinfo EAI_AGAIN github.com)"
    })
    expect(given.download).toHaveBeenCalledOnce()
  })

  it('GLASSHOUSE_SKIP_ELECTRON_DOWNLOAD: the browser without trying to download', () => {
    const given = facts(1000, [null], { GLASSHOUSE_SKIP_ELECTRON_DOWNLOAD: '1' })
    expect(planStart(given)).toMatchObject({ kind: 'browser', reason: expect.stringContaining('not downloaded') })
    expect(given.download).not.toHaveBeenCalled()
  })

  it('no uid (Windows) counts as not root', () => {
    expect(planStart(facts(undefined, [BINARY]))).toEqual({ kind: 'electron', binary: BINARY })
  })
})

describe('browserOpener', () => {
  it('Linux and BSD: xdg-open only with a display (X11 or Wayland)', () => {
    expect(browserOpener('linux', {})).toEqual({ opener: null, reason: 'no display (neither DISPLAY nor WAYLAND_DISPLAY is set)' })
    expect(browserOpener('freebsd', { DISPLAY: '' })).toMatchObject({ opener: null })
    for (const env of [{ DISPLAY: ':0' }, { WAYLAND_DISPLAY: 'wayland-0' }]) {
      const choice = browserOpener('linux', env)
      expect(choice.opener?.command).toBe('xdg-open')
      expect(choice.opener?.args('file:///tmp/x/open.html')).toEqual(['file:///tmp/x/open.html'])
    }
  })

  it('macOS: open; Windows: start through cmd, with an empty window title', () => {
    expect(browserOpener('darwin', {}).opener?.command).toBe('open')
    const windows = browserOpener('win32', {}).opener
    expect(windows?.command).toBe('cmd')
    expect(windows?.args('file:///C:/t/open.html')).toEqual(['/d', '/c', 'start', '""', 'file:///C:/t/open.html'])
  })
})

describe('redirectPage', () => {
  it('sends the browser on to the address, escaped for an attribute', () => {
    const page = redirectPage('http://127.0.0.1:4000/#token=a"b&c<d')
    expect(page).toContain('<meta http-equiv="refresh" content="0;url=http://127.0.0.1:4000/#token=a&quot;b&amp;c&lt;d">')
  })
})
