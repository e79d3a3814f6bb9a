// In real Chromium, against `glasshouse serve` on the real daemon (as root): "Read live filters" reads the
// filters of a container with a custom profile and shows its verdicts per family, the difference from
// Docker's default and the finding. Screenshots at both sizes are saved as artifacts.
import { rmSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { writeCustomProfile } from '../integration/support/custom-seccomp-profile'
import { removeContainers, runContainer } from '../integration/support/docker'
import { startServe, type Served } from './support/serve'
import { atEachScreen } from './support/screens'

let served: Served | undefined
let dir: string | undefined
const started: string[] = []
const name = `gh-e2e-seccomp-${process.pid}`

test.beforeAll(async () => {
  const written = writeCustomProfile('glasshouse-e2e-seccomp-')
  dir = written.dir
  const profile = written.path
  started.push(runContainer(`${name}-custom`, ['--security-opt', `seccomp=${profile}`]))
  started.push(runContainer(`${name}-default`, []))
  served = await startServe()
})

test.afterAll(async () => {
  await served?.stop()
  removeContainers(started)
  if (dir) rmSync(dir, { recursive: true, force: true })
})

test('Read live filters: a custom profile decoded per family, compared with the default', async ({ page }, info) => {
  await page.goto(served!.url)
  await page.locator('li.container-item').filter({ hasText: `${name}-custom` }).click()
  await page.getByRole('tab', { name: 'Security' }).click()
  const panel = page.getByRole('region', { name: /Live seccomp filter, per system call/ })
  await expect(panel).toContainText('reads it only when you ask')
  await panel.getByRole('button', { name: 'Read live filters' }).click()
  await expect(panel).toContainText('custom profile')
  await expect(panel.getByRole('row', { name: /Reboot/ })).toContainText('reboot ✗ KILL_PROCESS')
  await expect(panel.getByRole('row', { name: /Mounting/ })).toContainText('mount ✓')
  await expect(panel.getByRole('row', { name: /Mounting/ })).toContainText("Allowed here, blocked by Docker's default profile")
  await expect(panel.getByRole('list', { name: 'Findings from the live filter' })).toContainText('filter allows calls the default blocks')
  // Compared with the default of the daemon's own release (issue 13), named by its release range.
  const vsDefault = panel.locator('details.live-filters__diff summary')
  await expect(vsDefault).toContainText(/Compared with Docker's default profile in Docker \d+\.\d+[^(]* \(the daemon's release\)/)
  await atEachScreen(page, async (size) => {
    await vsDefault.scrollIntoViewIfNeeded()
    await page.screenshot({ path: info.outputPath(`seccomp-live-vs-default-${size}.png`) })
    await panel.scrollIntoViewIfNeeded()
    await page.screenshot({ path: info.outputPath(`seccomp-live-${size}.png`) })
    await panel.getByRole('row', { name: /Namespaces/ }).scrollIntoViewIfNeeded()
    await page.screenshot({ path: info.outputPath(`seccomp-live-families-${size}.png`) })
  })
  // The default container: clone depends on its flags, the condition is spelled out.
  await page.locator('li.container-item').filter({ hasText: `${name}-default` }).click()
  await expect(panel).toContainText("Docker's default profile")
  const namespaces = panel.getByRole('row', { name: /Namespaces/ })
  await expect(namespaces).toContainText('clone: ALLOW when flags args[0] & 0x7e020000 == 0x0')
  await atEachScreen(page, async (size) => {
    await namespaces.scrollIntoViewIfNeeded()
    await page.screenshot({ path: info.outputPath(`seccomp-live-default-${size}.png`) })
  })
})
