// In real Chromium, against `glasshouse serve --probe helper` on the real daemon: "Read live filters"
// reads through the short-lived seccomp helper and shows the same verdicts as the in-process read (a
// custom profile that kills on reboot and denies chmod); the short-lived helper is gone after the read,
// only the session's helper runs on. Screenshots at both sizes are saved as artifacts.
import { rmSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { writeCustomProfile } from '../integration/support/custom-seccomp-profile'
import { removeContainers, runContainer } from '../integration/support/docker'
import { helpersOwnedBy } from '../integration/support/helpers-left'
import { startServe, type Served } from './support/serve'
import { atEachScreen } from './support/screens'

let served: Served | undefined
let dir: string | undefined
const started: string[] = []
const name = `gh-e2e-secchelp-${process.pid}`

test.beforeAll(async () => {
  const written = writeCustomProfile('glasshouse-e2e-secchelp-')
  dir = written.dir
  const profile = written.path
  started.push(runContainer(`${name}-custom`, ['--security-opt', `seccomp=${profile}`]))
  served = await startServe(process.env, ['--probe', 'helper'])
})

test.afterAll(async () => {
  await served?.stop()
  removeContainers(started)
  if (dir) rmSync(dir, { recursive: true, force: true })
  expect(await helpersOwnedBy(served?.child.pid ?? -1)).toEqual([])
})

test('serve --probe helper: Read live filters goes through a short-lived helper and shows the decoded filter', async ({ page }, info) => {
  await page.goto(served!.url)
  await expect(page.getByTestId('kernel-read-by')).toContainText('read by a helper container')
  await page.locator('li.container-item').filter({ hasText: `${name}-custom` }).click()
  await page.getByRole('tab', { name: 'Security' }).click()
  const panel = page.getByRole('region', { name: /Live seccomp filter, per system call/ })
  await expect(panel).toContainText('a second helper started for the read alone')
  await panel.getByRole('button', { name: 'Read live filters' }).click()
  await expect(panel).toContainText('custom profile', { timeout: 20_000 })
  await expect(panel.getByRole('row', { name: /Reboot/ })).toContainText('reboot ✗ KILL_PROCESS')
  // Only the session's helper is left once the read is shown.
  expect(await helpersOwnedBy(served!.child.pid!)).toHaveLength(1)
  await atEachScreen(page, async (size) => {
    await panel.scrollIntoViewIfNeeded()
    await page.screenshot({ path: info.outputPath(`seccomp-live-helper-${size}.png`) })
  })
})
