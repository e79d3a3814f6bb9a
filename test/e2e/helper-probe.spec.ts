// In real Chromium, against `glasshouse serve --probe helper` on the real daemon: the kernel is read by
// a helper container, the namespaces of a container started now are shown (read through the helper),
// and the status line says how the kernel was read. No helper is left once serve has stopped.
import { expect, test } from '@playwright/test'
import Docker from 'dockerode'
import { inspect, removeContainers, runContainer } from '../integration/support/docker'
import { helpersOwnedBy } from '../integration/support/helpers-left'
import { atEachScreen } from './support/screens'
import { startServe, type Served } from './support/serve'

let served: Served
const started: string[] = []

test.beforeAll(async () => {
  served = await startServe(process.env, ['--probe', 'helper'])
})

test.afterAll(async () => {
  await served?.stop()
  removeContainers(started)
  expect(await helpersOwnedBy(served.child.pid ?? -1)).toEqual([])
})

test('serve --probe helper: namespaces read through the helper, and the status line says so', async ({ page }, info) => {
  const helpers = await helpersOwnedBy(served.child.pid!)
  expect(helpers).toHaveLength(1)
  const name = `gh-e2e-probe-${process.pid}`
  const id = runContainer(name, ['--network', 'none'])
  started.push(id)
  const pid = inspect(id).State.Pid

  await page.goto(served.url)
  const readBy = page.getByTestId('kernel-read-by')
  await expect(readBy).toContainText('read by a helper container')
  await expect(readBy).toHaveAttribute('title', 'How the kernel was read: --probe helper')

  await page.getByRole('tab', { name: 'Namespaces' }).click()
  // Only this container: other tests' containers may run on the host (and push it out of sight).
  await page.getByRole('searchbox').fill(name)
  await page.getByRole('option', { name: new RegExp(name) }).click()
  const chip = page.locator('.chip', { has: page.locator('.pid-host', { hasText: new RegExp(`^${pid}$`) }) })
  await expect(chip.first()).toBeVisible({ timeout: 10_000 })
  await expect(chip.first().locator('.pid-ns')).toHaveText('1')
  await chip.first().scrollIntoViewIfNeeded()
  await page.waitForTimeout(300)
  await page.screenshot({ path: info.outputPath('helper-namespaces-1366x768.png') })
  await page.setViewportSize({ width: 1920, height: 1080 })
  await page.waitForTimeout(300)
  await page.screenshot({ path: info.outputPath('helper-namespaces-1920x1080.png') })

  // Its own helper is in the list too, named for what it is, not as a user's container.
  await page.getByRole('searchbox').fill('glasshouse helper')
  const helperItem = page.locator(`[role="option"][data-id="${helpers[0]}"]`)
  await expect(helperItem).toContainText('Glasshouse helper')
  await expect(helperItem).toContainText('reads the kernel for Glasshouse')
  await page.screenshot({ path: info.outputPath('helper-item-1920x1080.png') })
  await page.setViewportSize({ width: 1366, height: 768 })
  await page.screenshot({ path: info.outputPath('helper-item-1366x768.png') })
})

test('an OOM-killed container, read through the helper: its page names the killed process and the task dump', async ({ page }, info) => {
  const name = `gh-e2e-helper-oom-${process.pid}`
  const id = runContainer(name, ['-m', '16m', '--memory-swap', '16m'], ['sh', '-c', 'tail /dev/zero'])
  started.push(id)
  await expect.poll(() => inspect(id).State.Status, { timeout: 30_000 }).toBe('exited')
  await page.goto(served.url)
  await expect(page.getByTestId('kernel-read-by')).toContainText('read by a helper container')
  await page.getByRole('searchbox').fill(name)
  await page.getByRole('option', { name: new RegExp(name) }).click()
  await page.getByRole('tab', { name: 'Container' }).click()
  // Read from the kernel log by the helper (/dev/kmsg read-only, SYSLOG), as root in-process reads it.
  const panel = page.getByRole('region', { name: 'How it ended' })
  await expect(panel).toContainText(/OOM killer killed tail \(host pid \d+\), anon [\d.]+ MiB at the kill/, { timeout: 15_000 })
  await expect(panel.getByLabel('Biggest processes at the kill')).toContainText(/task dump\): tail [\d.]+ MiB \(host pid \d+\)/)
  await atEachScreen(page, async (size) => {
    await panel.scrollIntoViewIfNeeded()
    await page.screenshot({ path: info.outputPath(`helper-post-mortem-oom-${size}.png`) })
  })
})

test('the helper killed under serve: a new one reads the kernel, and the page goes on with it', async ({ page }) => {
  const [first] = await helpersOwnedBy(served.child.pid!)
  expect(first).toBeDefined()
  await page.goto(served.url)
  await expect(page.getByTestId('kernel-read-by')).toContainText('read by a helper container')
  await new Docker().getContainer(first!).kill()

  // serve replaces it; the page gets the fresh snapshot read through the new helper, which it lists.
  await expect.poll(async () => (await helpersOwnedBy(served.child.pid!)).filter((id) => id !== first), { timeout: 20_000 }).toHaveLength(1)
  const [second] = await helpersOwnedBy(served.child.pid!)
  await page.getByRole('searchbox').fill('glasshouse helper')
  await expect(page.locator(`[role="option"][data-id="${second}"]`)).toContainText('Glasshouse helper', { timeout: 20_000 })
  await expect(page.locator(`[role="option"][data-id="${first}"]`)).toHaveCount(0)
  await expect(page.getByRole('status')).toContainText('Live · Docker')
  await expect(page.getByTestId('kernel-read-by')).toContainText('read by a helper container')
  expect(served.stderr()).toMatch(/glasshouse serve: the helper container [0-9a-f]{12} stopped.*; starting a new helper container/)
  expect(served.stderr()).toContain('glasshouse serve: recovered: a new helper container reads the kernel')
})

test('the probe setting: switching to this process removes the helper, back to the helper starts one', async ({ page }, info) => {
  await page.setViewportSize({ width: 1920, height: 1080 })
  await page.goto(served.url)
  await expect(page.getByTestId('kernel-read-by')).toContainText('read by a helper container')
  await page.getByRole('button', { name: /^Kernel probe/ }).click()
  const panel = page.getByRole('dialog', { name: 'How the kernel is read' })
  await expect(panel.getByTestId('helper-command')).toContainText('--cap-add SYS_PTRACE')
  // The kernel log, read-only, and why it is there, for the user to audit.
  await expect(panel.getByTestId('helper-command')).toContainText('--cap-add SYSLOG')
  await expect(panel.getByTestId('helper-command')).toContainText('--device /dev/kmsg:/dev/kmsg:r')
  await expect(panel.getByTestId('helper-command')).toContainText('the kernel log, read-only, so an OOM kill names the')
  await expect(panel.getByRole('radio', { name: /^Helper container/ })).toBeChecked()
  await page.screenshot({ path: info.outputPath('probe-setting-1920x1080.png') })
  await page.setViewportSize({ width: 1366, height: 768 })
  await page.screenshot({ path: info.outputPath('probe-setting-1366x768.png') })

  await panel.getByRole('radio', { name: /^This process/ }).check()
  await expect(panel.getByRole('radio', { name: /^This process/ })).toBeChecked({ timeout: 20_000 })
  await expect(page.getByTestId('kernel-read-by')).toContainText('read in-process', { timeout: 20_000 })
  await expect.poll(async () => helpersOwnedBy(served.child.pid!), { timeout: 20_000 }).toEqual([])

  await panel.getByRole('radio', { name: /^Helper container/ }).check()
  await expect(page.getByTestId('kernel-read-by')).toContainText('read by a helper container', { timeout: 20_000 })
  await expect.poll(async () => (await helpersOwnedBy(served.child.pid!)).length, { timeout: 20_000 }).toBe(1)
  await expect(page.getByRole('status').first()).toContainText('Live · Docker')
})
