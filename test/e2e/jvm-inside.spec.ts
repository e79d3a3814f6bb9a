// In real Chromium, against `glasshouse serve` on the real daemon: a real JVM with -XX:-UseContainerSupport
// in a -m 256m --cpus 1 container shows its "Java inside" panel next to the limits, and the finding.
// Screenshots at both sizes are saved as artifacts.
import { expect, test } from '@playwright/test'
import { removeContainers, runContainer } from '../integration/support/docker'
import { assertJava, availableProcessors, jvmKit, type JvmKit } from '../integration/support/jvm-container'
import { startServe, type Served } from './support/serve'
import { atEachScreen } from './support/screens'

let served: Served | undefined
let kit: JvmKit | undefined
const started: string[] = []
const name = `gh-e2e-jvm-${process.pid}`

test.beforeAll(async () => {
  assertJava()
  kit = jvmKit()
  started.push(runContainer(name, ['-m', '256m', '--cpus', '1', ...kit.binds], kit.command(['-XX:-UseContainerSupport'])))
  await availableProcessors(name)
  served = await startServe()
})

test.afterAll(async () => {
  await served?.stop()
  removeContainers(started)
  kit?.remove()
})

test('the Java inside panel: max heap against the limit, processors against the quota, the finding', async ({ page }, info) => {
  await page.goto(served!.url)
  await page.getByRole('option', { name: new RegExp(name) }).click()
  await page.getByRole('tab', { name: 'Container' }).click()
  const panel = page.getByRole('region', { name: 'Java inside' })
  await expect(panel.getByRole('row', { name: /^max heap/ })).toContainText(/≠ [\d.]+ GiB\s*memory limit 256 MiB/)
  await expect(panel.getByRole('row', { name: /^processors/ })).toContainText('quota 1 core')
  await expect(panel).toContainText('off (-XX:-UseContainerSupport)')
  await expect(page.getByRole('region', { name: 'Findings' })).toContainText('heap sized from the host')
  await atEachScreen(page, async (size) => {
    await panel.scrollIntoViewIfNeeded()
    await page.screenshot({ path: info.outputPath(`java-inside-${size}.png`) })
  })
})
