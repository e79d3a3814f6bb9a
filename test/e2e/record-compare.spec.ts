// A recording made on the real daemon with `glasshouse record` (a labelled container's memory
// lowered from 128 MiB to 64 MiB while it records), opened with the BUILT `glasshouse serve
// --recording FILE` in real Chromium: the page opens it at start, the time scrubber moves through
// it, and the Compare view lists that change. A copy cut in the middle opens with an alert naming
// the line. Screenshots at 1920x1080 and 1366x768.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { glasshouse } from '../integration/support/cli'
import { docker, removeContainers, runContainer } from '../integration/support/docker'
import { startServe, type Served } from './support/serve'

const name = `gh-e2e-compare-${process.pid}`
let scratch: string
let file: string
const started: string[] = []
const servers: Served[] = []

test.beforeAll(async () => {
  test.setTimeout(60_000)
  scratch = mkdtempSync(join(tmpdir(), 'glasshouse-e2e-compare-'))
  file = join(scratch, 'update.ndjson')
  started.push(runContainer(name, ['--network', 'none', '-m', '128m']))
  const recording = glasshouse(['record', '-o', file, '--for', '8s'])
  await new Promise((resolve) => setTimeout(resolve, 3000))
  docker('update', '--memory', '64m', name)
  await recording
})
test.afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()))
})
test.afterAll(() => {
  removeContainers(started)
  rmSync(scratch, { recursive: true, force: true })
})


test('serve --recording opens the file; the scrubber and the Compare view show the update', async ({ page }, info) => {
  const served = await startServe(process.env, ['--recording', file])
  servers.push(served)
  await page.goto(served.url)
  const banner = page.getByRole('region', { name: 'Recording', exact: true })
  await expect(banner).toContainText('update.ndjson')
  await expect(banner).toContainText('Recorded with `glasshouse record -o')
  const scrubber = page.getByRole('region', { name: 'Time scrubber' })
  await expect(scrubber.getByRole('slider', { name: 'Recording time' })).toBeVisible()

  await page.getByRole('tab', { name: 'Compare' }).click()
  const changes = page.getByRole('region', { name: `Changes in ${name}` })
  await expect(changes).toContainText('limits.memoryBytes: 128 MiB → 64 MiB')
  await expect(changes).toContainText('declared.memoryBytes: 128 MiB → 64 MiB')
  await expect(changes.locator('li')).toHaveCount(2)
  await page.screenshot({ path: info.outputPath('compare-1366x768.png') })
  await page.setViewportSize({ width: 1920, height: 1080 })
  await page.screenshot({ path: info.outputPath('compare-1920x1080.png') })

  // Scrubbed back to the start, B = the moment shown: nothing had changed for it yet.
  await scrubber.getByRole('button', { name: 'Pause' }).click({ timeout: 2000 }).catch(() => undefined)
  await scrubber.getByRole('slider', { name: 'Recording time' }).focus()
  await page.keyboard.press('Home')
  await expect(scrubber.getByLabel('playback position')).toContainText('0:00 /')
  await page.getByRole('button', { name: 'B = moment shown' }).click()
  await expect(page.getByRole('region', { name: `Changes in ${name}` })).toHaveCount(0)

  // The recording's start against the live host now: the update shows again.
  await page.getByRole('button', { name: 'B = the live host now' }).click()
  await expect(page.getByText(/to B \(the live host at/)).toBeVisible()
  await expect(page.getByRole('region', { name: `Changes in ${name}` })).toContainText('limits.memoryBytes: 128 MiB → 64 MiB')
  await page.setViewportSize({ width: 1366, height: 768 })
  await page.screenshot({ path: info.outputPath('compare-live-1366x768.png') })
})

test('a recording cut in the middle opens up to the cut, with an alert naming the line', async ({ page }, info) => {
  const lines = readFileSync(file, 'utf8').split('\n')
  const cut = join(scratch, 'cut.ndjson')
  writeFileSync(cut, lines.slice(0, 5).join('\n') + '\n' + lines[5]!.slice(0, 40))
  const served = await startServe(process.env, ['--recording', cut])
  servers.push(served)
  await page.goto(served.url)
  await expect(page.getByRole('alert')).toContainText('line 6 is cut off (the file ends in the middle of it). Shown up to the line before it.')
  await expect(page.getByRole('option', { name: new RegExp(name) })).toBeVisible()
  await page.screenshot({ path: info.outputPath('cut-1366x768.png') })
})
