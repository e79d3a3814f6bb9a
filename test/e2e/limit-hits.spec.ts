// In real Chromium, against `glasshouse serve` on the real daemon: a container that hits its pids limit
// while another view is open shows a notice in the status line, a badge in the sidebar, and a row in
// the host-wide list of limit events; choosing the row selects the container. Screenshots at both sizes.
import { expect, test } from '@playwright/test'
import { removeContainers, runContainer } from '../integration/support/docker'
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

test('a container hitting its pids limit is announced, badged and listed, whatever view is open', async ({ page }, info) => {
  await page.goto(served.url)
  await expect(page.locator('footer.status-line')).toContainText('Live · Docker')
  await page.getByRole('tab', { name: 'Security' }).click()

  // Every notice the live region says, from now on (other tests' containers may hit limits too).
  const notice = page.getByTestId('status-notice')
  await expect(notice).toHaveAttribute('aria-live', 'polite')
  // (A script string: the e2e files are typed for Node, without the DOM.)
  await page.evaluate(`{
    const region = document.querySelector('[data-testid="status-notice"]')
    window.said = []
    new MutationObserver(() => region.textContent && window.said.push(region.textContent)).observe(region, { childList: true, subtree: true, characterData: true })
  }`)

  const name = `gh-e2e-forks-${process.pid}`
  // A limit of 4: PID 1, a child shell and two sleeps fill it; the child's third fork is refused and the
  // child ends (ash gives up on a failed fork), PID 1 sleeps 5 s and tries again: a refused fork every 5 s.
  const script = 'while :; do sh -c "sleep 3600 & sleep 3600 & sleep 3600 & wait" 2>/dev/null; sleep 5; done'
  started.push(runContainer(name, ['--pids-limit', '4'], ['sh', '-c', script]))

  const item = page.getByRole('option', { name: new RegExp(name) })
  await expect(item.getByRole('list', { name: 'limits hit' })).toContainText('pids limit', { timeout: 15_000 })
  await expect
    .poll(() => page.evaluate<string[]>('window.said'), { timeout: 40_000 })
    .toContainEqual(expect.stringMatching(new RegExp(`${name} (hit its pids limit|pids limit hit)`)))
  await page.screenshot({ path: info.outputPath('notice-1366x768.png') })

  await page.getByRole('button', { name: /^Limit events · \d+$/ }).click()
  const panel = page.getByRole('dialog', { name: 'Recent limit events' })
  const row = panel.getByRole('row', { name: new RegExp(name) })
  await expect(row).toContainText('pids limit hit')
  await expect(row).toContainText(/· (once|\d+ times)$/)
  // One line per row at the narrow size.
  const box = await row.boundingBox()
  const header = await panel.getByRole('row').first().boundingBox()
  expect(box!.height).toBeLessThan(header!.height * 1.5)
  await page.screenshot({ path: info.outputPath('limit-events-1366x768.png') })
  await page.setViewportSize({ width: 1920, height: 1080 })
  await page.screenshot({ path: info.outputPath('limit-events-1920x1080.png') })

  await row.getByRole('button', { name }).click()
  await expect(item).toHaveAttribute('aria-selected', 'true')
  await expect(panel).toBeHidden()
  await page.screenshot({ path: info.outputPath('selected-1920x1080.png') })
})
