// In real Chromium, against `glasshouse serve` on the real daemon: a busy loop under `--cpus 0.2` shows,
// on its page's limits timeline, a throttled lane above zero, and the hover rule reads every lane.
// A pids-limited container refusing forks is drawn too. Screenshots at both sizes are saved as artifacts.
import { expect, test } from '@playwright/test'
import { removeContainers, runContainer } from '../integration/support/docker'
import { startServe, type Served } from './support/serve'
import { atEachScreen } from './support/screens'

let served: Served
const started: string[] = []

test.beforeAll(async () => {
  served = await startServe()
})

test.afterAll(async () => {
  await served?.stop()
  removeContainers(started)
})

async function openTimeline(page: import('@playwright/test').Page, name: string) {
  await page.goto(served.url)
  await page.getByRole('option', { name: new RegExp(name) }).click()
  await page.getByRole('tab', { name: 'Container' }).click()
  const panel = page.getByRole('region', { name: 'Limits timeline' })
  await panel.scrollIntoViewIfNeeded()
  return panel
}

async function screenshots(page: import('@playwright/test').Page, panel: import('@playwright/test').Locator, outputPath: (name: string) => string, stem: string) {
  await atEachScreen(page, async (size) => {
    await panel.scrollIntoViewIfNeeded()
    const chart = panel.getByRole('img', { name: /limits timeline/ })
    const box = (await chart.boundingBox())!
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2)
    // (A vertical line has no width: Playwright calls it hidden, so attached is what can be asked.)
    await expect(panel.getByTestId('timeline-rule')).toBeAttached()
    await page.screenshot({ path: outputPath(`${stem}-${size}.png`) })
  })
}

test('a busy loop under --cpus 0.2 shows a throttled lane above zero', async ({ page }, info) => {
  const name = `gh-e2e-timeline-cpu-${process.pid}`
  started.push(runContainer(name, ['--network', 'none', '--cpus', '0.2'], ['sh', '-c', 'while :; do :; done']))
  const panel = await openTimeline(page, name)
  // The window's share of throttled periods, from the samples' per-interval counts.
  await expect(panel).toContainText(/CFS throttled ([1-9]\d*)% of its periods/, { timeout: 20_000 })
  const chart = panel.getByRole('group', { name: /Limits timeline of/ })
  await chart.focus()
  await page.keyboard.press('End')
  await expect(panel.getByTestId('timeline-readout')).toContainText(/throttled periods throttled ([1-9]\d*)%/)
  await expect(panel.getByTestId('timeline-readout')).toContainText('quota 0.2 cores')
  await expect(panel.locator('[data-lane="throttled"] path.timeline__line--throttled').first()).toHaveAttribute('d', /^M/)
  // Let a few more seconds accumulate so the picture shows a line, not a dot.
  await page.waitForTimeout(8_000)
  await screenshots(page, panel, (n) => info.outputPath(n), 'timeline-throttled')
  // Drag across the middle of the chart: the window narrows to that range.
  const box = (await panel.getByRole('img', { name: /limits timeline/ }).boundingBox())!
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2, { steps: 5 })
  await page.mouse.up()
  await expect(panel).toContainText(/Zoomed to \d\d:\d\d:\d\d–\d\d:\d\d:\d\d/)
  await expect(panel.getByRole('button', { name: 'all', exact: true })).toHaveAttribute('aria-pressed', 'false')
  await page.screenshot({ path: info.outputPath('timeline-brushed-1366x768.png') })
})

test('a pids-limited container shows its count against the max and the refused forks', async ({ page }, info) => {
  const name = `gh-e2e-timeline-pids-${process.pid}`
  // A limit of 4: PID 1, a child shell and two sleeps fill it; the third fork is refused, every 3 s.
  const script = 'while :; do sh -c "sleep 3600 & sleep 3600 & sleep 3600 & wait" 2>/dev/null; sleep 3; done'
  started.push(runContainer(name, ['--network', 'none', '--pids-limit', '4'], ['sh', '-c', script]))
  const panel = await openTimeline(page, name)
  await expect(panel).toContainText(/fork\(s\) refused by the pids limit/, { timeout: 30_000 })
  await expect(panel.locator('[data-lane="pids"] .timeline__fork').first()).toBeAttached()
  await expect(panel.locator('[data-lane="pids"]')).toContainText('max 4')
  // A few more refusals, so the picture shows more than one.
  await page.waitForTimeout(8_000)
  await screenshots(page, panel, (n) => info.outputPath(n), 'timeline-pids')
})

test('a memory-limited container filling its page cache shows the limit hits on the memory lane', async ({ page }, info) => {
  const name = `gh-e2e-timeline-memhits-${process.pid}`
  // Twice the 32 MiB limit through the page cache every 3 s: the kernel reclaims (memory.failcnt grows), no OOM kill.
  const script = 'while :; do dd if=/dev/zero of=/tmp/fill bs=1M count=64 2>/dev/null; rm /tmp/fill; sleep 3; done'
  started.push(runContainer(name, ['--network', 'none', '-m', '32m'], ['sh', '-c', script]))
  const panel = await openTimeline(page, name)
  await expect(panel).toContainText(/Memory hit its limit (once|\d+ times) \(the kernel reclaimed\)/, { timeout: 30_000 })
  const tick = panel.locator('[data-lane="memory"] .timeline__memhit--max').first()
  await expect(tick).toBeAttached()
  await expect(tick.locator('title')).toHaveText(/hit the memory limit \(reclaim\) (once|\d+ times)$/)
  await page.waitForTimeout(8_000)
  await screenshots(page, panel, (n) => info.outputPath(n), 'timeline-memhits')
})
