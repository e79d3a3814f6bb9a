// In real Chromium, against `glasshouse serve` on the real daemon and the real tracefs: "Watch what every
// container uses" in the Security view observes every running container in one window; our pinging
// container shows NET_RAW used, our chowning one CHOWN, our idle one nothing, the idle one (most held and
// never used) listed above the others. Screenshots at both sizes are saved as artifacts.
import { expect, test } from '@playwright/test'
import { removeContainers, runContainer } from '../integration/support/docker'
import { startServe, type Served } from './support/serve'
import { atEachScreen } from './support/screens'

let served: Served | undefined
const started: string[] = []
const tag = `${process.pid}`
const pinger = `gh-e2e-all-ping-${tag}`
const chowner = `gh-e2e-all-chown-${tag}`
const idle = `gh-e2e-all-idle-${tag}`

test.beforeAll(async () => {
  started.push(runContainer(pinger, [], ['sh', '-c', 'while true; do ping -c1 127.0.0.1 > /dev/null || exit 3; sleep 2; done']))
  started.push(runContainer(chowner, [], ['sh', '-c', 'while true; do chown 1:1 /tmp || exit 4; sleep 2; done']))
  started.push(runContainer(idle, [], ['sleep', '3600']))
  served = await startServe()
})

test.afterAll(async () => {
  await served?.stop()
  removeContainers(started)
})

test('watch what every container uses: one window, a row per container, most over-privileged first', async ({ page }, info) => {
  test.setTimeout(120_000)
  await page.goto(served!.url)
  await page.getByRole('tab', { name: 'Security' }).click()
  const panel = page.getByRole('region', { name: 'Held and used (observed)' })
  await panel.getByRole('combobox', { name: 'How long to watch every container' }).selectOption('10')
  await panel.getByRole('button', { name: 'Watch what every container uses' }).click()
  await expect(panel.getByRole('status')).toContainText('Watching every running container for 10 s')
  const table = panel.getByRole('table', { name: 'Observed capability use' })
  await expect(table.getByRole('row', { name: new RegExp(`^${pinger} NET_RAW 13 `) })).toBeVisible({ timeout: 60_000 })
  await expect(table.getByRole('row', { name: new RegExp(`^${chowner} CHOWN 13 `) })).toBeVisible()
  await expect(table.getByRole('row', { name: new RegExp(`^${idle} none 14 `) })).toBeVisible()
  const names = await table.locator('tbody tr td:first-child').allTextContents()
  expect(names.indexOf(idle)).toBeLessThan(names.indexOf(pinger))
  await expect(panel.getByText(/Watched \d+ containers together for/)).toBeVisible()
  await atEachScreen(page, async (size) => {
    await panel.scrollIntoViewIfNeeded()
    // Our containers, not the first rows of a long host list.
    await table.getByRole('row', { name: new RegExp(`^${pinger} `) }).scrollIntoViewIfNeeded()
    await page.screenshot({ path: info.outputPath(`observe-all-${size}.png`), fullPage: false })
    await panel.screenshot({ path: info.outputPath(`observe-all-panel-${size}.png`) })
  })
})
