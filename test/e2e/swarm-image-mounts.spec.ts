// In real Chromium, against `glasshouse serve` on the real daemon (issue 15): the Swarm view of a
// single-node swarm (posture with this node's certificate and autolock as the test set it, a service
// with its task's container, its secret and config as tmpfs files), then a container's Image section
// (a locally built image, its changes read on request) and its Mounts section (Docker socket, a
// writable host bind, a sized tmpfs). Screenshots at 1920x1080 and 1366x768 are saved as artifacts.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test'
import { docker, removeContainers, TEST_IMAGE, TEST_LABEL, testRun } from '../integration/support/docker'
import { startSwarmService, type SwarmService } from '../integration/support/swarm-service'
import { startServe, type Served } from './support/serve'
import { atEachScreen } from './support/screens'

let served: Served | undefined
let swarm: SwarmService | undefined
const started: string[] = []
const tag = `gh-e2e-layers-${process.pid}:test`
const name = `gh-e2e-image-${process.pid}`
const hostDir = mkdtempSync(join(tmpdir(), 'gh-e2e-bind-'))
const buildDir = mkdtempSync(join(tmpdir(), 'gh-e2e-build-'))

test.beforeAll(async () => {
  test.setTimeout(180_000)
  writeFileSync(
    join(buildDir, 'Dockerfile'),
    [`FROM ${TEST_IMAGE}`, 'RUN mkdir -p /data && dd if=/dev/zero of=/data/a bs=1k count=100', 'RUN dd if=/dev/zero of=/data/b bs=1k count=50', 'ENV STAGE=demo', 'CMD ["sleep", "3600"]'].join('\n') + '\n'
  )
  execFileSync('docker', ['build', '-q', '-t', tag, '--label', `${TEST_LABEL}=${testRun()}`, buildDir], { env: { ...process.env, DOCKER_BUILDKIT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] })
  started.push(
    docker('run', '-d', '--name', name, '--label', `${TEST_LABEL}=${testRun()}`, '-v', '/var/run/docker.sock:/var/run/docker.sock', '-v', `${hostDir}:/out`, '--tmpfs', '/scratch:size=2m', tag)
  )
  docker('exec', name, 'sh', '-c', 'echo hi > /new.txt && echo x >> /data/a && rm /data/b')
  swarm = await startSwarmService('gh-e2e-swarm')
  docker('swarm', 'update', '--autolock=false')
  served = await startServe()
})

test.afterAll(async () => {
  await served?.stop()
  removeContainers(started)
  await swarm?.remove()
  try {
    docker('rmi', '-f', tag)
  } catch {
    // Already gone.
  }
  rmSync(hostDir, { recursive: true, force: true })
  rmSync(buildDir, { recursive: true, force: true })
})

async function shoot(page: Page, target: Locator, info: TestInfo, what: string): Promise<void> {
  await atEachScreen(page, async (size) => {
    await target.scrollIntoViewIfNeeded()
    await page.screenshot({ path: info.outputPath(`${what}-${size}.png`) })
  })
}

test('the Swarm view: posture, the service and its task container, the secret as a tmpfs file', async ({ page }, info) => {
  await page.goto(served!.url)
  await page.getByRole('tab', { name: 'Swarm' }).click()
  const posture = page.getByRole('region', { name: 'Security posture' })
  await expect(posture).toContainText("This node's certificate expires")
  await expect(posture).toContainText('3 months (90 days)')
  await expect(posture.getByRole('row', { name: /^autolock/ })).toContainText('▲ off')
  await expect(posture.getByRole('row', { name: /^raft at rest/ })).toContainText('✓ encrypted')
  const services = page.getByRole('region', { name: 'Services, tasks and their containers' })
  await expect(services).toContainText(swarm!.service)
  const secretRow = services.getByRole('row', { name: new RegExp(`secret ${swarm!.secret}`) })
  await expect(secretRow).toContainText('/run/secrets/db_password')
  await expect(secretRow).toContainText('r-------- (0400)')
  await expect(secretRow).toContainText('✓ a tmpfs file')
  await expect(page.getByRole('region', { name: 'Nodes' })).toContainText('(this node)')
  await shoot(page, page.getByRole('heading', { name: 'Swarm', level: 2 }), info, 'swarm-view')
  // Turned on while the page is open: the node's update event makes the live session read the engine
  // again. (Turning it off sends no event here: that shows at the next slow refresh, 30 s.)
  docker('swarm', 'update', '--autolock=true')
  await expect(posture.getByRole('row', { name: /^autolock/ })).toContainText('✓ on', { timeout: 15_000 })
  // The task's container is one click away.
  await services.getByRole('button', { name: /^container / }).first().click()
  await expect(page.getByRole('tabpanel')).toContainText(swarm!.containerId)
  await expect(page.getByRole('region', { name: 'Mounts' })).toContainText('/run/secrets/db_password')
})

test("a container's Image section with its changes on request, and its Mounts section", async ({ page }, info) => {
  await page.goto(served!.url)
  await page.getByRole('option', { name: new RegExp(name) }).click()
  await page.getByRole('tab', { name: 'Container' }).click()
  const image = page.getByRole('region', { name: 'Image' })
  const steps = image.getByRole('table', { name: 'Build steps, newest first' })
  await expect(steps.getByRole('row')).toHaveCount(7)
  await expect(steps).toContainText('RUN dd if=/dev/zero of=/data/b bs=1k count=50')
  await expect(image).toContainText('Built or imported on this host')
  await image.getByRole('button', { name: 'Read its changes' }).click()
  const changes = image.getByRole('list', { name: 'Changes against the image' })
  await expect(changes.getByRole('listitem')).toHaveText([
    /C\s*\/data$/,
    /C\s*\/data\/a\s*100 KiB/,
    /D\s*\/data\/b$/,
    /A\s*\/new.txt\s*3 B/,
    // runc made these to mount on: told apart from what the container's programs did.
    /A\s*\/out\s*mount point/,
    /A\s*\/scratch\s*mount point/,
    /A\s*\/var\s*mount point/,
    /A\s*\/var\/run\s*mount point/,
    /A\s*\/var\/run\/docker.sock\s*mount point/
  ])
  await expect(image).toContainText('1 added · 2 changed · 1 deleted')
  await expect(image).toContainText('and 5 empty mount points runc made')
  await shoot(page, image, info, 'image-section')
  const mounts = page.getByRole('region', { name: 'Mounts' })
  await expect(mounts).toContainText('▲ docker socket')
  await expect(mounts).toContainText(`/out ← ${hostDir} · writable`)
  await expect(mounts).toContainText('at most 2 MiB')
  await expect(page.getByRole('region', { name: 'Findings' })).toContainText(`host path bound writable: ${hostDir}`)
  await shoot(page, mounts, info, 'mounts-section')
})
