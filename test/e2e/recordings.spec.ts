// The shipped demo recording in real Chromium, from the BUILT `glasshouse serve`: opened from the
// Recordings menu; opened by itself when no daemon answers and the kernel shows no container
// (serve in a PID namespace of its own with its own /proc, so the host's containers are out of
// its sight, as on a host with none); offered in a banner when the daemon is unreachable but the
// kernel still sees a container (one of ours). Each test checks the recording marker.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { removeContainers, runContainer } from '../integration/support/docker'
import { startBuiltServe, type BuiltServe } from '../support/built-serve'
import { startServe, type Served } from './support/serve'

const LAUNCHER = resolve(__dirname, '../../bin/glasshouse.cjs')
const DEMO_TITLE = 'Classroom demo: nine containers, four limits biting'
let scratch: string
const started: string[] = []
const servers: Array<Served | BuiltServe> = []

test.beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'glasshouse-e2e-recordings-'))
})

test.afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()))
  removeContainers(started.splice(0))
})

test.afterAll(() => rmSync(scratch, { recursive: true, force: true }))

async function expectDemoShown(page: Page, reason: RegExp | null): Promise<void> {
  const banner = page.getByRole('region', { name: 'Recording', exact: true })
  await expect(banner).toContainText('REPLAY of a recording — not live')
  await expect(banner).toContainText(DEMO_TITLE)
  if (reason) await expect(banner).toContainText(reason)
  await expect(page.locator('footer.status-line')).toContainText(`Replaying: ${DEMO_TITLE} — not live`)
  // The demo's own containers, not this host's.
  for (const name of ['forker', 'netadmin', 'debug-tools']) await expect(page.getByRole('option', { name: new RegExp(name) })).toBeVisible()
}

test('the Recordings menu opens the shipped demo, marked as a recording', async ({ page }, info) => {
  const served = await startServe()
  servers.push(served)
  await page.goto(served.url)
  await expect(page.locator('footer.status-line')).toContainText('Live · Docker')

  await page.getByRole('button', { name: 'Recordings' }).click()
  await page.getByRole('menuitem', { name: new RegExp(DEMO_TITLE) }).click()
  await expectDemoShown(page, null)
  await expect(page.getByRole('region', { name: 'Recording', exact: true }).getByRole('button', { name: 'Back to live' })).toBeVisible()
  await page.screenshot({ path: info.outputPath('recording-from-menu-1366x768.png') })
})

test('with no daemon and no container in sight, the demo opens by itself, saying why', async ({ page }, info) => {
  const served = await startBuiltServe({ launcher: LAUNCHER, scratchDir: scratch, ownPidNamespace: true })
  servers.push(served)
  await page.goto(served.url)
  await expectDemoShown(page, /No Docker daemon answers; the kernel shows no container \(cannot reach Docker at unix:\/\/.*no-docker\.sock/)
  await page.screenshot({ path: info.outputPath('recording-no-daemon-1366x768.png') })
  await page.setViewportSize({ width: 1920, height: 1080 })
  await page.screenshot({ path: info.outputPath('recording-no-daemon-1920x1080.png') })
})

test('with no daemon but a container the kernel sees, the live view stays and the demo is offered', async ({ page }, info) => {
  const id = runContainer(`gh-e2e-rec-${process.pid}`, [])
  started.push(id)
  const served = await startBuiltServe({ launcher: LAUNCHER, scratchDir: scratch })
  servers.push(served)
  await page.goto(served.url)
  await expect(page.locator('footer.status-line')).toContainText('Docker unreachable')
  // Ours, seen by the kernel alone: no name, the short id, "kernel only".
  await expect(page.getByRole('option', { name: new RegExp(id.slice(0, 12)) })).toContainText('kernel only')
  const offer = page.getByRole('region', { name: 'Recording offered' })
  await expect(offer).toContainText(/Docker is not reachable: the kernel alone shows (one container|\d+ containers)/)
  await expect(page.getByRole('region', { name: 'Recording', exact: true })).toHaveCount(0)
  await page.screenshot({ path: info.outputPath('recording-offered-1366x768.png') })
  await page.setViewportSize({ width: 1920, height: 1080 })
  await page.screenshot({ path: info.outputPath('recording-offered-1920x1080.png') })

  await offer.getByRole('button', { name: 'Open the recording' }).click()
  await expectDemoShown(page, /Docker is not reachable/)
  await expect(offer).toHaveCount(0)
})
