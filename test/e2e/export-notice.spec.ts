// In real Chromium, against `glasshouse serve`: the export's "Saved to your downloads" is said in the
// status line (covering no button) and goes away by itself; the kernel-only switch fits the sidebar.
import { expect, test } from '@playwright/test'
import { startServe, type Served } from './support/serve'

let served: Served

test.beforeAll(async () => {
  served = await startServe()
})

test.afterAll(async () => {
  await served?.stop()
})

test('the export notice sits in the status line and leaves by itself', async ({ page }, info) => {
  await page.goto(served.url)
  await expect(page.locator('footer.status-line')).toContainText('Live · Docker')
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export' }).click()
  await page.getByRole('menuitem', { name: 'Snapshot as JSON' }).click()
  expect((await download).suggestedFilename()).toMatch(/^glasshouse-snapshot-.*\.json$/)
  const notice = page.getByTestId('status-notice')
  await expect(notice).toContainText('Saved to your downloads')
  await expect(page.locator('footer.status-line')).toContainText('Saved to your downloads')
  // Every header button stays clickable while it shows.
  await page.getByRole('button', { name: 'Presenter' }).click({ trial: true, timeout: 1000 })
  await page.screenshot({ path: info.outputPath('export-notice-1366x768.png') })
  await expect(notice).not.toContainText('Saved to', { timeout: 15_000 })
  await page.setViewportSize({ width: 1920, height: 1080 })
  await page.screenshot({ path: info.outputPath('after-1920x1080.png') })
})
