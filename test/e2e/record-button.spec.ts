// The Record button in real Chromium, against the BUILT `glasshouse serve` on the real daemon: record a
// few seconds (a labelled container starts meanwhile), Stop, and the download is a recording the
// reader opens (header, snapshot first, end line) that `serve --recording FILE` shows. Screenshots
// of the button while recording at 1366x768 and 1920x1080.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { parseRecording } from '../../shared/recording-format'
import { removeContainers, runContainer } from '../integration/support/docker'
import { startServe, type Served } from './support/serve'

const started: string[] = []
const servers: Served[] = []
let scratch: string

test.beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'glasshouse-e2e-recbtn-'))
})
test.afterAll(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()))
  removeContainers(started)
  rmSync(scratch, { recursive: true, force: true })
})

test('Record, Stop: the download opens as a recording', async ({ page }, info) => {
  test.setTimeout(90_000)
  const served = await startServe()
  servers.push(served)
  await page.setViewportSize({ width: 1366, height: 768 })
  await page.goto(served.url)
  await expect(page.locator('footer.status-line')).toContainText('Live · Docker')
  await page.getByRole('button', { name: 'Record', exact: true }).click()
  const progress = page.getByRole('timer', { name: 'Recording' })
  await expect(progress).toHaveText(/^Recording 0:0\d · [\d.]+ MB$/)
  const id = runContainer(`gh-e2e-recbtn-${process.pid}`, ['--network', 'none'])
  started.push(id)
  // A few seconds, seen in the page's own clock.
  await expect(progress).toHaveText(/^Recording 0:0[3-9] · [\d.]+ MB$/, { timeout: 20_000 })
  await page.screenshot({ path: info.outputPath('recording-1366x768.png') })
  await page.setViewportSize({ width: 1920, height: 1080 })
  await page.screenshot({ path: info.outputPath('recording-1920x1080.png') })

  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Stop recording and save' }).click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/^glasshouse-recording-.*\.ndjson$/)
  const path = join(scratch, 'button.ndjson')
  await file.saveAs(path)
  await expect(page.getByTestId('status-notice')).toContainText('Recording saved to your downloads')
  await expect(page.getByRole('button', { name: 'Record', exact: true })).toBeEnabled()

  const parsed = parseRecording(readFileSync(path, 'utf8'))
  expect(parsed.fault).toBeNull()
  expect(parsed.header).toMatchObject({ format: 'glasshouse-recording', command: ['glasshouse', 'serve', '(Record button)'] })
  expect(parsed.end).toMatchObject({ reason: 'interrupted', messages: parsed.messages.length })
  expect(parsed.messages[0]?.type).toBe('snapshot')
  expect(parsed.messages.filter((m) => m.type === 'sample').length).toBeGreaterThanOrEqual(2)
  expect(parsed.messages.some((m) => m.type === 'patch' && m.patch.upsert.containers.some((c) => c.id === id))).toBe(true)

  // The file opens as a recording, and there the button is not offered.
  const replay = await startServe(process.env, ['--recording', path])
  servers.push(replay)
  await page.goto(replay.url)
  await expect(page.getByRole('region', { name: 'Recording', exact: true })).toContainText('button.ndjson')
  await expect(page.getByRole('region', { name: 'Recording', exact: true })).toContainText('Recorded with `glasshouse serve (Record button)`')
  await expect(page.getByRole('region', { name: 'Recording', exact: true })).toContainText('It ended: stopped (Ctrl-C, or the Stop button in the app).')
  await expect(page.getByRole('button', { name: 'Record', exact: true })).toBeDisabled()
  await page.screenshot({ path: info.outputPath('replay-1920x1080.png') })
})
