// Serve mode's token in real Chromium: it lives in the page (from the address's fragment), goes
// as a Bearer header and a WebSocket subprotocol, and never as a cookie, so a page that another
// local user serves on another loopback port receives nothing. Without it everything is refused.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test, type Page } from '@playwright/test'
import { startServe, type Served } from './support/serve'

/** What these tests read of the page's window (this file is compiled without the DOM's types). */
interface PageGlobals {
  document: { cookie: string }
  sessionStorage: { length: number; getItem(key: string): string | null }
  localStorage: { length: number }
}

let served: Served
let other: Server
const seenByOther: IncomingHttpHeaders[] = []

test.beforeAll(async () => {
  served = await startServe()
  // Another local web server, on another loopback port: what would it get from the browser?
  other = createServer((request, response) => {
    seenByOther.push(request.headers)
    response.writeHead(200, { 'Content-Type': 'text/html' })
    response.end('<!doctype html><title>another server</title><p>hello</p>')
  })
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve))
})

test.afterAll(async () => {
  await served?.stop()
  await new Promise((resolve) => other?.close(resolve))
})

/** Tries a WebSocket to the live path with these subprotocols, in the page. */
function trySocket(page: Page, protocols: string[]): Promise<string> {
  return page.evaluate(
    ({ origin, protocols }) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(`${origin.replace('http', 'ws')}/api/live`, protocols)
        socket.onopen = () => {
          resolve(`open ${socket.protocol}`)
          socket.close()
        }
        socket.onerror = () => resolve('refused')
      }),
    { origin: served.origin, protocols }
  )
}

test('without the token every request and socket is refused', async ({ page, request }) => {
  const invoke401 = await request.post(`${served.origin}/api/invoke/snapshot:get`, { data: { args: [] } })
  expect(invoke401.status()).toBe(401)
  const wrong = await request.post(`${served.origin}/api/invoke/snapshot:get`, { data: { args: [] }, headers: { Authorization: 'Bearer not-the-token' } })
  expect(wrong.status()).toBe(401)

  // The page itself holds no secret and loads, but cannot reach the host's data.
  const response = await page.goto(served.origin)
  expect(response?.status()).toBe(200)
  const status = await page.evaluate(async () => {
    const answer = await fetch('/api/invoke/app:info', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"args":[]}' })
    return answer.status
  })
  expect(status).toBe(401)
  expect(await trySocket(page, [])).toBe('refused')
  expect(await trySocket(page, ['glasshouse.live'])).toBe('refused')
  expect(await trySocket(page, ['glasshouse.live', 'glasshouse.token.not-the-token'])).toBe('refused')
})

test('the printed address works, leaves no token in the address bar and sets no cookie', async ({ page, context }) => {
  await page.goto(served.url)
  await expect(page.locator('footer.status-line')).toContainText('Live', { timeout: 15_000 })
  expect(page.url()).not.toContain(served.token)
  expect(await context.cookies()).toEqual([])
  expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.cookie)).toBe('')
  expect(await trySocket(page, ['glasshouse.live', `glasshouse.token.${served.token}`])).toBe('open glasshouse.live')

  // A reload (the fragment is gone) keeps working: the token stays in this tab.
  await page.reload()
  await expect(page.locator('footer.status-line')).toContainText('Live', { timeout: 15_000 })
  const answer = await page.evaluate(async () => {
    const token = (globalThis as unknown as PageGlobals).sessionStorage.getItem('glasshouse.token')
    const response = await fetch('/api/invoke/app:info', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ args: [] })
    })
    return response.json()
  })
  expect(answer).toMatchObject({ ok: true, value: { carrier: 'serve' } })
})

test('a page on another loopback port receives no token, as cookie or otherwise', async ({ page, context }) => {
  await page.goto(served.url)
  await expect(page.locator('footer.status-line')).toContainText('Live', { timeout: 15_000 })
  const otherPort = (other.address() as AddressInfo).port
  for (const host of ['127.0.0.1', 'localhost']) {
    await page.goto(`http://${host}:${otherPort}/page`)
    await expect(page.locator('p')).toHaveText('hello')
    const visible = await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals
      return { cookie: g.document.cookie, session: g.sessionStorage.length, local: g.localStorage.length }
    })
    expect(visible).toEqual({ cookie: '', session: 0, local: 0 })
  }
  expect(seenByOther.length).toBeGreaterThanOrEqual(2)
  for (const headers of seenByOther) {
    expect(headers.cookie).toBeUndefined()
    expect(JSON.stringify(headers)).not.toContain(served.token)
  }
  expect(await context.cookies()).toEqual([])
})
