// In real Chromium, against `glasshouse serve` on the real daemon: a container OOM-killed at 16 MiB
// (its PID 1 `tail /dev/zero`) shows, on its page, which process the OOM killer chose, its host pid and
// its memory at the kill, read from the kernel log. Screenshots at both sizes are saved as artifacts.
import { execFileSync } from 'node:child_process'
import { expect, test } from '@playwright/test'
import { inspect, removeContainers, runContainer } from '../integration/support/docker'
import { startServe, type Served } from './support/serve'
import { atEachScreen } from './support/screens'

let served: Served
const started: string[] = []

test.beforeAll(async () => {
  const id = runContainer(`gh-e2e-oom-${process.pid}`, ['-m', '16m', '--memory-swap', '16m'], ['sh', '-c', 'tail /dev/zero'])
  started.push(id)
  const deadline = Date.now() + 30_000
  while (inspect(id).State.Status !== 'exited') {
    if (Date.now() > deadline) throw new Error('the container was not OOM-killed within 30 s')
    await new Promise((r) => setTimeout(r, 200))
  }
  served = await startServe()
})

test.afterAll(async () => {
  await served?.stop()
  removeContainers(started)
})

test('the post-mortem names the killed process, its host pid and its memory at the kill', async ({ page }, info) => {
  await page.goto(served.url)
  await page.getByRole('option', { name: new RegExp(`gh-e2e-oom-${process.pid}`) }).click()
  await page.getByRole('tab', { name: 'Container' }).click()
  const panel = page.getByRole('region', { name: 'How it ended' })
  await expect(panel).toContainText(/OOM killer killed tail \(host pid \d+\), anon [\d.]+ MiB at the kill/)
  // Whether or not Docker's OOMKilled caught it (it can miss a PID 1 kill), the page calls it OOM-killed.
  await expect(panel).toContainText('▲ OOM-killed')
  await expect(panel).toContainText('pid inside unknown: the process was gone before any scan saw it')
  // What held the memory: the kernel's task dump at the kill.
  await expect(panel.getByLabel('Biggest processes at the kill')).toContainText(/task dump\): tail [\d.]+ MiB \(host pid \d+\)/)
  await atEachScreen(page, async (size) => {
    await panel.scrollIntoViewIfNeeded()
    await page.screenshot({ path: info.outputPath(`post-mortem-oom-${size}.png`) })
  })
})

test('a running container whose exec’d process was OOM-killed gets an OOM kills panel', async ({ page }, info) => {
  const name = `gh-e2e-oom-exec-${process.pid}`
  const id = runContainer(name, ['--network', 'none', '-m', '16m', '--memory-swap', '16m'])
  started.push(id)
  // dd fills a 64 MiB buffer in a 16 MiB cgroup without swap: the kernel kills it; the container runs on.
  expect(() => execFileSync('docker', ['exec', id, 'dd', 'if=/dev/zero', 'of=/dev/null', 'bs=64M', 'count=1'], { stdio: 'ignore' })).toThrow()
  await page.goto(served.url)
  await page.getByRole('option', { name: new RegExp(name) }).click()
  await page.getByRole('tab', { name: 'Container' }).click()
  // The exec's end is a Docker event: the refresh it triggers reads the kernel log.
  const panel = page.getByRole('region', { name: 'OOM kills' })
  await expect(panel).toContainText(/OOM killer killed dd \(host pid \d+\), anon [\d.]+ MiB at the kill/, { timeout: 10_000 })
  await atEachScreen(page, async (size) => {
    await panel.scrollIntoViewIfNeeded()
    await page.screenshot({ path: info.outputPath(`oom-kills-running-${size}.png`) })
  })
})
