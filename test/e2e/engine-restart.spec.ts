// The daemon goes away while the page is open: the page says the engine is unreachable and
// keeps showing what the kernel reveals; when the daemon is back, the page is live again.
// A private dockerd of our own stands in for "the daemon", so the shared one stays up.
import { execSync } from 'node:child_process'
import { expect, test } from '@playwright/test'
import { TEST_IMAGE } from '../integration/support/docker'
import { startPrivateDaemon, type PrivateDaemon } from '../integration/support/private-daemon'
import { startServe, type Served } from './support/serve'

let daemon: PrivateDaemon
let served: Served

test.beforeAll(async () => {
  daemon = await startPrivateDaemon()
  execSync(`docker save ${TEST_IMAGE} | docker -H ${daemon.host} load`, { stdio: 'ignore' })
  served = await startServe({ ...process.env, DOCKER_HOST: daemon.host })
})

test.afterAll(async () => {
  await served?.stop()
  await daemon?.destroy()
})

test('stopping the daemon shows "Docker unreachable"; starting it again recovers', async ({ page }) => {
  const id = daemon.docker('run', '-d', '--network', 'none', '--name', 'gh-e2e-private', TEST_IMAGE, 'sleep', '3600')
  await page.goto(served.url)
  const status = page.locator('footer.status-line')
  await expect(status).toContainText('Live · Docker')
  await expect(page.getByRole('option', { name: /gh-e2e-private/ })).toBeVisible({ timeout: 5000 })

  await daemon.stop()
  await expect(status).toContainText('Docker unreachable', { timeout: 15_000 })
  // Containers stop with their daemon (no live-restore): the page says why the list is empty.
  await expect(page.getByRole('navigation', { name: 'Containers' })).toContainText('Docker cannot be asked')

  await daemon.start()
  await expect(status).toContainText('Live · Docker', { timeout: 30_000 })
  await expect(page.getByRole('option', { name: /gh-e2e-private/ })).toBeVisible({ timeout: 10_000 })
  expect(id).toMatch(/^[0-9a-f]{64}$/)
})
