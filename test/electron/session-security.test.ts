// Session rules: every permission denied, the page's CSP also sent as a header.
import { describe, expect, it, vi } from 'vitest'
import { readFileSync } from 'node:fs'
import { applySessionSecurity, withCsp } from '../../main/electron/session-security'
import { cspFromHtml } from '../../main/server/csp'
import { fakeSession } from '../support/electron-mock'

vi.mock('electron', () => ({}))

const CSP = "default-src 'self'"

describe('applySessionSecurity', () => {
  it('denies every permission request and check, and device access', () => {
    const session = fakeSession()
    applySessionSecurity(session as never, CSP)
    const request = session.setPermissionRequestHandler.mock.calls[0]![0] as (c: unknown, p: string, cb: (ok: boolean) => void) => void
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const callback = vi.fn()
      request({}, permission, callback)
      expect(callback, permission).toHaveBeenCalledWith(false)
    }
    const check = session.setPermissionCheckHandler.mock.calls[0]![0] as (...args: unknown[]) => boolean
    expect(check({}, 'media', 'file://', {})).toBe(false)
    const device = session.setDevicePermissionHandler.mock.calls[0]![0] as (...args: unknown[]) => boolean
    expect(device({ deviceType: 'usb' })).toBe(false)
  })

  it('adds the CSP header to every response', () => {
    const session = fakeSession()
    applySessionSecurity(session as never, CSP)
    const listener = session.webRequest.onHeadersReceived.mock.calls[0]![0] as (d: unknown, cb: (r: unknown) => void) => void
    const callback = vi.fn()
    listener({ responseHeaders: { 'content-type': ['text/html'] } }, callback)
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'content-type': ['text/html'], 'Content-Security-Policy': [CSP] } })
  })

  it('leaves the header alone in development (the dev server needs its own)', () => {
    const session = fakeSession()
    applySessionSecurity(session as never, null)
    expect(session.webRequest.onHeadersReceived).not.toHaveBeenCalled()
    expect(session.setPermissionRequestHandler).toHaveBeenCalled()
  })
})

describe('withCsp', () => {
  it('keeps a policy already present (both apply) and adds ours', () => {
    expect(withCsp({ 'content-security-policy': "script-src 'none'", other: ['x'] }, CSP)).toEqual({
      other: ['x'],
      'Content-Security-Policy': ["script-src 'none'", CSP]
    })
    expect(withCsp(undefined, CSP)).toEqual({ 'Content-Security-Policy': [CSP] })
  })
})

describe('cspFromHtml', () => {
  it('reads the policy the renderer declares in its meta tag', () => {
    const policy = cspFromHtml(readFileSync('renderer/index.html', 'utf8'))
    expect(policy).toContain("default-src 'self'")
    expect(policy).toContain("script-src 'self'")
    expect(policy).not.toContain('unsafe-eval')
    expect(policy).not.toContain('\n')
  })

  it('falls back to a strict policy when the page has none', () => {
    expect(cspFromHtml('<html></html>')).toContain("default-src 'self'")
    expect(cspFromHtml('<html></html>')).toContain("object-src 'none'")
  })

  it('always denies framing, which only a header can do', () => {
    const meta = `<meta http-equiv="Content-Security-Policy" content="default-src 'self';" />`
    expect(cspFromHtml(meta)).toBe("default-src 'self'; frame-ancestors 'none'")
    expect(cspFromHtml(readFileSync('renderer/index.html', 'utf8')).match(/frame-ancestors/g)).toHaveLength(1)
    expect(cspFromHtml('<html></html>')).toContain("frame-ancestors 'none'")
  })
})
