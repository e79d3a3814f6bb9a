// In real Chromium, against `glasshouse serve` on the real daemon: a container started now shows
// up at once, with its host PID and namespace PID, its memory limit and live usage, and the
// capabilities it dropped. Screenshots of every view are saved as test artifacts.
import { expect, test } from '@playwright/test'
import { inspect, removeContainers, runContainer } from '../integration/support/docker'
import { startServe, type Served } from './support/serve'

let served: Served
const started: string[] = []

test.beforeAll(async () => {
  served = await startServe()
})

test.afterAll(async () => {
  await served?.stop()
  removeContainers(started)
})

test('a container started now appears within a second, with its PIDs, limits, usage and dropped capabilities', async ({ page }, info) => {
  await page.goto(served.url)
  await expect(page.locator('footer.status-line')).toContainText('Live · Docker')

  const name = `gh-e2e-web-${process.pid}`
  const id = runContainer(name, ['--memory', '64m', '--pids-limit', '40', '--cap-drop', 'NET_RAW', '--cap-drop', 'CHOWN'])
  started.push(id)
  const item = page.getByRole('option', { name: new RegExp(name) })
  await expect(item).toBeVisible({ timeout: 1000 })

  await item.click()
  await page.getByRole('tab', { name: 'Container' }).click()
  const pid = inspect(id).State.Pid
  const chain = page.locator('section[aria-labelledby="c-pid"]')
  await expect(chain.locator('.pid-host').first()).toHaveText(String(pid))
  await expect(chain).toContainText(`${pid} → 1`)

  const limits = page.locator('section[aria-labelledby="c-limits"]')
  await expect(limits.getByRole('row', { name: /^memory 64 MiB 64 MiB$/ })).toBeVisible()
  // Live usage against the limit, from the samples: some KiB or MiB used of 64 MiB.
  await expect(limits.getByRole('img')).toHaveAccessibleName(/memory [\d.]+ (KiB|MiB) .*64 MiB/, { timeout: 5000 })

  const caps = page.locator('section[aria-labelledby="c-caps"]')
  await expect(caps.locator('.cap-tag--dropped')).toHaveText(['− CHOWN', '− NET_RAW'])

  for (const view of ['Namespaces', 'Cgroups', 'Security', 'Container'] as const) {
    await page.getByRole('tab', { name: view }).click()
    await page.waitForTimeout(300)
    await page.screenshot({ path: info.outputPath(`${view.toLowerCase()}-1366x768.png`), fullPage: false })
  }
  await page.setViewportSize({ width: 1920, height: 1080 })
  for (const view of ['Namespaces', 'Cgroups', 'Security', 'Container'] as const) {
    await page.getByRole('tab', { name: view }).click()
    await page.waitForTimeout(300)
    await page.screenshot({ path: info.outputPath(`${view.toLowerCase()}-1920x1080.png`), fullPage: false })
  }
})

test('the namespaces view shows the host PID next to the PID inside', async ({ page }) => {
  const name = `gh-e2e-ns-${process.pid}`
  const id = runContainer(name, [])
  started.push(id)
  const pid = inspect(id).State.Pid
  await page.goto(served.url)
  await page.getByRole('tab', { name: 'Namespaces' }).click()
  const chip = page.locator('.chip', { has: page.locator('.pid-host', { hasText: new RegExp(`^${pid}$`) }) })
  await expect(chip.first()).toBeVisible({ timeout: 5000 })
  await expect(chip.first().locator('.pid-ns')).toHaveText('1')
})
