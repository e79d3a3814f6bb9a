// In real Chromium, against `glasshouse serve` on the real daemon and the real tracefs: "Watch what it uses"
// on a container that pings now and then shows CAP_NET_RAW used, its suggested line, and "Check it"
// runs the copy with the suggestion. Screenshots at both sizes are saved as artifacts.
import { expect, test } from '@playwright/test'
import { removeContainers, runContainer } from '../integration/support/docker'
import { startServe, type Served } from './support/serve'
import { atEachScreen } from './support/screens'

let served: Served | undefined
const started: string[] = []
const name = `gh-e2e-observe-${process.pid}`

test.beforeAll(async () => {
  started.push(runContainer(name, [], ['sh', '-c', 'while true; do ping -c1 127.0.0.1 > /dev/null || exit 3; sleep 2; done']))
  served = await startServe()
})

test.afterAll(async () => {
  await served?.stop()
  removeContainers(started)
})

test('watch what it uses: NET_RAW used, the suggested line, and the check', async ({ page }, info) => {
  test.setTimeout(120_000)
  await page.goto(served!.url)
  await page.getByRole('option', { name: new RegExp(name) }).click()
  await page.getByRole('tab', { name: 'Container' }).click()
  const panel = page.getByRole('region', { name: 'What it uses' })
  await panel.getByRole('combobox').selectOption('10')
  await panel.getByRole('button', { name: 'Watch what it uses' }).click()
  await expect(panel.getByRole('status')).toContainText('Watching for 10 s')
  // The backend answers only at the window's end: the page counts the seconds left meanwhile.
  await expect(panel.getByRole('status')).toContainText(/\d+ s left/)
  await panel.getByRole('status').screenshot({ path: info.outputPath('observing.png') })
  const table = panel.getByRole('table', { name: 'Capabilities held and used' })
  await expect(table.getByRole('row', { name: /NET_RAW held ✓ used/ })).toBeVisible({ timeout: 30_000 })
  await expect(panel.getByText(/docker run --cap-drop ALL --cap-add NET_RAW --security-opt seccomp=/)).toBeVisible()
  await panel.getByRole('button', { name: /Check it/ }).click()
  await expect(panel.getByText(/Same behaviour: the copy stayed up/)).toBeVisible({ timeout: 60_000 })
  await atEachScreen(page, async (size) => {
    await panel.scrollIntoViewIfNeeded()
    await page.screenshot({ path: info.outputPath(`observe-${size}.png`), fullPage: false })
    await panel.screenshot({ path: info.outputPath(`observe-panel-${size}.png`) })
  })
  await page.getByRole('tab', { name: 'Security' }).click()
  const observed = page.getByRole('table', { name: 'Observed capability use' })
  await expect(observed).toContainText(name)
  await observed.scrollIntoViewIfNeeded()
  await page.screenshot({ path: info.outputPath('observe-security-1366x768.png') })
})
