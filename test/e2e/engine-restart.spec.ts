// The daemon goes away while the page is open: the page says the engine is unreachable and
// keeps showing what the kernel reveals; when the daemon is back, the page is live again.
// A private dockerd of our own stands in for "the daemon", so the shared one stays up. Other
// containers (the shared daemon's, other tests') may be running: only our own is asserted on.
import { execSync } from 'node:child_process'
import { expect, test } from '@playwright/test'
import { TEST_IMAGE, TEST_LABEL, testRun } from '../integration/support/docker'
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
  const id = daemon.docker('run', '-d', '--network', 'none', '--name', 'gh-e2e-private', '--label', `${TEST_LABEL}=${testRun()}`, TEST_IMAGE, 'sleep', '3600')
  expect(id).toMatch(/^[0-9a-f]{64}$/)
  await page.goto(served.url)
  const status = page.locator('footer.status-line')
  const ours = page.locator(`.container-list [role="option"][data-id="${id}"]`)
  await expect(status).toContainText('Live · Docker')
  await expect(ours).toBeVisible({ timeout: 5000 })
  await expect(ours).toContainText('gh-e2e-private')

  await daemon.stop()
  await expect(status).toContainText('Docker unreachable', { timeout: 15_000 })
  // Containers stop with their daemon (no live-restore): ours leaves the list, whatever else runs.
  await expect(ours).toHaveCount(0, { timeout: 15_000 })

  await daemon.start()
  await expect(status).toContainText('Live · Docker', { timeout: 30_000 })
  // Back, by its name: the daemon was asked again (it is stopped now, so only Docker knows it).
  await expect(ours).toBeVisible({ timeout: 10_000 })
  await expect(ours).toContainText('gh-e2e-private')
})
