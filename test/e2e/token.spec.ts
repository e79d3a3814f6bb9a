// Serve mode refuses everything that does not carry its token, from a real browser too.
import { expect, test } from '@playwright/test'
import { startServe, type Served } from './support/serve'

let served: Served

test.beforeAll(async () => {
  served = await startServe()
})

test.afterAll(async () => {
  await served?.stop()
})

test('without the token the page, the API and the live socket are refused', async ({ page, request }) => {
  const page401 = await request.get(`${served.origin}/`)
  expect(page401.status()).toBe(401)
  const invoke401 = await request.post(`${served.origin}/api/invoke/snapshot:get`, { data: { args: [] } })
  expect(invoke401.status()).toBe(401)
  const wrong = await request.get(`${served.origin}/?token=not-the-token`)
  expect(wrong.status()).toBe(401)

  // In the browser: the bare origin shows no app, and a WebSocket without the cookie fails.
  const response = await page.goto(served.origin)
  expect(response?.status()).toBe(401)
  const opened = await page.evaluate(
    (origin) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(`${origin.replace('http', 'ws')}/api/live`)
        socket.onopen = () => resolve('open')
        socket.onerror = () => resolve('refused')
      }),
    served.origin
  )
  expect(opened).toBe('refused')
})

test('with the token the page loads, drops the token from the address bar, and the API answers', async ({ page }) => {
  await page.goto(served.url)
  await expect(page.locator('footer.status-line')).toContainText('Live')
  expect(page.url()).not.toContain(served.token)
  const answer = await page.evaluate(async () => {
    const response = await fetch('/api/invoke/app:info', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ args: [] }) })
    return response.json()
  })
  expect(answer).toMatchObject({ ok: true, value: { carrier: 'serve' } })
})
