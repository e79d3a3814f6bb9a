// A teacher, keyboard only, in real Chromium against `glasshouse serve` on the real daemon: opens the
// Demos panel (d), picks a demo (arrows, Enter), and steps through it (→): each step runs on the host,
// shows its commands and output, switches to the view that shows the effect with the container selected
// and in sight, then asks the next question. The end removes the demo's containers; Escape leaves.
// Every step is screenshot at 1920×1080 and 1366×768 (test-results/e2e-artifacts/…).
import { readFileSync } from 'node:fs'
import Docker from 'dockerode'
import { expect, test, type Page, type TestInfo } from '@playwright/test'
import { escapeHtml } from '../../shared/demos/handout'
import { DEMOS } from '../../shared/demos/index'
import { VIEW_LABELS } from '../../shared/views'
import { startServe, type Served } from './support/serve'

/** What the facts beside a step say, once the snapshot holds its container. */
const FACTS: Record<string, RegExp> = {
  'pid-namespace/0': /PIDs\s*\d+ → 1/,
  'cap-drop-all/0': /CHOWN/,
  'cap-drop-all/1': /Capabilities\s*none at all/
}

let served: Served
const docker = new Docker()
const SIZES = [
  [1920, 1080],
  [1366, 768]
] as const

test.beforeAll(async () => {
  served = await startServe()
})

test.afterAll(async () => {
  await served?.stop()
  // What serve's close did not remove (a failed run): its demo containers, by owner.
  const left = await docker.listContainers({ all: true, filters: { label: [`glasshouse.demo.owner-pid=${served?.child.pid}`] } })
  for (const c of left) await docker.getContainer(c.Id).remove({ force: true })
})

async function demoContainers(demoId: string): Promise<number> {
  const list = await docker.listContainers({ all: true, filters: { label: [`glasshouse.demo=${demoId}`, `glasshouse.demo.owner-pid=${served.child.pid}`] } })
  return list.length
}

/** Screenshots at both sizes, back at 1920×1080 after; at each, the revealed step is read to its end. */
async function shoot(page: Page, info: TestInfo, name: string): Promise<void> {
  for (const [width, height] of [...SIZES].reverse()) {
    await page.setViewportSize({ width, height })
    await page.waitForTimeout(300)
    await page.screenshot({ path: info.outputPath(`${name}-${width}x${height}.png`) })
    await revealedEndInSight(page, `${name} at ${width}x${height}`)
  }
  await page.setViewportSize({ width: 1920, height: 1080 })
}

type Box = { x: number; y: number; width: number; height: number }

/**
 * The last line of the revealed step ("Try it yourself") is in sight without scrolling: inside the visible
 * part of the box that scrolls it, inside the window, and not under the next question's box.
 */
async function revealedEndInSight(page: Page, where: string): Promise<void> {
  const revealed = page.getByTestId('presenter-revealed')
  if ((await revealed.count()) === 0) return
  const last = (await revealed.locator(':scope > :last-child').boundingBox())!
  // The nearest ancestor that scrolls, cut to the window (a string: this file has no DOM types).
  const frame = (await page.evaluate(`(() => {
    let scroller = document.querySelector('[data-testid=presenter-revealed]').parentElement
    while (scroller && !/(auto|scroll)/.test(getComputedStyle(scroller).overflowY)) scroller = scroller.parentElement
    const r = (scroller || document.documentElement).getBoundingClientRect()
    return { x: r.x, y: r.y, width: r.width, height: Math.min(r.height, window.innerHeight - r.y) }
  })()`)) as Box
  expect(last.y, `${where}: the revealed step's last line starts above its panel`).toBeGreaterThanOrEqual(frame.y - 1)
  expect(last.y + last.height, `${where}: the revealed step's last line is cut at the bottom`).toBeLessThanOrEqual(frame.y + frame.height + 1)
  const predict = page.getByTestId('presenter-predict')
  if ((await predict.count()) === 0) return
  const question = (await predict.boundingBox())!
  const overlaps = last.y < question.y + question.height && question.y < last.y + last.height && last.x < question.x + question.width && question.x < last.x + last.width
  expect(overlaps, `${where}: the next question covers the revealed step's last line`).toBe(false)
}

/** The matrix of the view names the selected container whole (not "gh-cap-dro…"), left of the matrix's first column. */
async function matrixNameWhole(page: Page, view: string, name: string): Promise<void> {
  const label = { security: '.cap-matrix__row.is-selected .cap-matrix__row-label text', namespaces: '.sharing__row.is-selected .sharing__row-label' }[view]
  const firstColumn = { security: '.cap-matrix__row.is-selected [data-cap-cell]', namespaces: '[data-cell$="-0"]' }[view]
  if (!label || !firstColumn) return
  const text = page.locator(`#view-panel ${label}`).first()
  await expect(text).toHaveText(new RegExp(`^(▸ )?${name}$`))
  const [box, cell] = [(await text.boundingBox())!, (await page.locator(`#view-panel ${firstColumn}`).first().boundingBox())!]
  expect(box.x + box.width, `the name ${name} runs into the matrix`).toBeLessThanOrEqual(cell.x)
}

/** The smallest font size in the demo panel, in CSS px. */
function smallestPanelText(page: Page): Promise<number> {
  return page.evaluate(`Math.min(...[...document.querySelectorAll('[data-testid=presenter] *')]
    .filter((e) => e.childNodes.length && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
    .map((e) => parseFloat(getComputedStyle(e).fontSize)))`)
}

async function present(page: Page, info: TestInfo, demoId: string): Promise<void> {
  const demo = DEMOS.find((d) => d.id === demoId)!
  await page.keyboard.press('d')
  const panel = page.getByRole('dialog', { name: 'Demos' })
  await expect(panel.getByRole('button').nth(1)).toBeVisible()
  // The first demo has the focus; arrows move down the list.
  for (let i = 0; i < DEMOS.indexOf(demo); i++) await page.keyboard.press('ArrowDown')
  await expect(panel.locator(`[data-demo="${demoId}"]`)).toBeFocused()
  await page.keyboard.press('Enter')

  const presenter = page.getByTestId('presenter')
  await expect(presenter.getByRole('heading', { level: 2 })).toHaveText(demo.title)
  await expect(page.getByTestId('presenter-predict')).toContainText(demo.steps[0]!.predict)
  await shoot(page, info, `${demoId}-0-question`)

  for (const [i, step] of demo.steps.entries()) {
    await page.keyboard.press('ArrowRight')
    const revealed = page.getByTestId('presenter-revealed')
    await expect(revealed.getByRole('heading').first()).toHaveText(`Step ${i + 1}: ${step.title}`, { timeout: 45_000 })
    await expect(revealed).toContainText(step.reveal)
    // The view that shows the effect is open, and its container selected and in sight.
    await expect(page.getByRole('tab', { name: VIEW_LABELS[step.look.view], selected: true })).toBeVisible()
    if (step.look.container) {
      // (The Container view is the selected container's own page: nothing in it is marked.)
      if (step.look.view !== 'container') await expect(page.locator('#view-panel [data-presenter-focus].is-selected')).toBeInViewport({ timeout: 15_000 })
      // The demo's own container, not whichever the page picks while the live snapshot has not caught up.
      // (A swarm task's container is named <service>.<slot>.<task id>; the swarm view has no facts beside it.)
      if (step.look.view !== 'swarm') {
        const own = new RegExp(`^gh-${demoId}-${step.look.container}(\\.\\d+\\.\\w+)? now$`)
        await expect(revealed.getByRole('region', { name: own })).toBeVisible({ timeout: 15_000 })
      }
      await matrixNameWhole(page, step.look.view, `gh-${demoId}-${step.look.container}`)
    }
    // The selected container's facts in words, from the live snapshot.
    const facts = FACTS[`${demoId}/${i}`]
    if (facts) await expect(revealed.getByRole('region', { name: /now$/ })).toContainText(facts, { timeout: 15_000 })
    if (demo.steps[i + 1]) await expect(page.getByTestId('presenter-predict')).toContainText(demo.steps[i + 1]!.predict)
    expect(await smallestPanelText(page)).toBeGreaterThanOrEqual(14)
    await shoot(page, info, `${demoId}-${i + 1}`)
  }
  expect(await demoContainers(demoId)).toBeGreaterThan(0)
  if (demoId === 'pid-namespace') await cgroupTreeUsesTheWidth(page, info, demoId)
  // One more → ends the demo and removes its containers.
  await page.keyboard.press('ArrowRight')
  await expect(presenter.getByRole('status')).toContainText('Nothing of the demo is left on the host')
  expect(await demoContainers(demoId)).toBe(0)
  // h: the handout, one HTML file with every step's commands, output and picture.
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('h')])
  expect(download.suggestedFilename()).toBe(`glasshouse-demo-${demoId}.html`)
  const saved = info.outputPath(`${demoId}-handout.html`)
  await download.saveAs(saved)
  const html = readFileSync(saved, 'utf8')
  for (const [i, step] of demo.steps.entries()) expect(html).toContain(`Step ${i + 1}: ${escapeHtml(step.title)}`)
  // The Swarm view is HTML tables, not a picture: its steps carry the view's text instead.
  expect(html.match(/<img /g)).toHaveLength(demo.steps.filter((s) => s.look.container && s.look.view !== 'swarm').length)
  expect(html.match(/<pre class="view">/g) ?? []).toHaveLength(demo.steps.filter((s) => s.look.view === 'swarm').length)
  if (demoId === 'swarm-secret') expect(html).toMatch(/<pre class="view">[^<]*\/run\/secrets\/db_password/)
  await page.keyboard.press('Escape')
  await expect(presenter).toHaveCount(0)
}

/** The cgroup tree while presenting: the root and /docker above the cards, the cards from the left edge (not a column off to the right). */
async function cgroupTreeUsesTheWidth(page: Page, info: TestInfo, demoId: string): Promise<void> {
  await page.getByRole('tab', { name: VIEW_LABELS.cgroups }).click()
  const svg = page.locator('#view-panel svg.cg-svg')
  await expect(svg.locator('.cg-card').first()).toBeVisible()
  const frame = (await svg.boundingBox())!
  const root = (await svg.locator('.cg-group').first().boundingBox())!
  const cards = await Promise.all((await svg.locator('.cg-card').all()).map(async (card) => (await card.boundingBox())!))
  expect(Math.min(...cards.map((c) => c.x)) - frame.x).toBeLessThan(frame.width / 8)
  expect(root.y + root.height).toBeLessThanOrEqual(Math.min(...cards.map((c) => c.y)))
  await shoot(page, info, `${demoId}-cgroups`)
}

test('a teacher presents two demos with the keyboard only', async ({ page }, info) => {
  test.setTimeout(240_000)
  await page.setViewportSize({ width: 1920, height: 1080 })
  await page.goto(served.url)
  await expect(page.locator('footer.status-line')).toContainText('Live · Docker')

  await present(page, info, 'pid-namespace')
  // The step's output as the class sees it: ps inside lists sleep as PID 1.
  await present(page, info, 'cap-drop-all')
})

test('a teacher presents the swarm secret demo after agreeing to the swarm; the swarm is as before at the end', async ({ page }, info) => {
  test.setTimeout(180_000)
  const swarmBefore = ((await docker.info()) as { Swarm: { LocalNodeState: string } }).Swarm.LocalNodeState
  const asked: string[] = []
  page.on('dialog', (dialog) => {
    asked.push(dialog.message())
    void dialog.accept()
  })
  await page.setViewportSize({ width: 1920, height: 1080 })
  await page.goto(served.url)
  await expect(page.locator('footer.status-line')).toContainText('Live · Docker')
  await present(page, info, 'swarm-secret')
  expect(asked).toEqual([expect.stringContaining('initialises a single-node swarm on this daemon')])
  expect(((await docker.info()) as { Swarm: { LocalNodeState: string } }).Swarm.LocalNodeState).toBe(swarmBefore)
})

test('Escape in the middle of a demo leaves it and removes its containers', async ({ page }) => {
  await page.goto(served.url)
  await expect(page.locator('footer.status-line')).toContainText('Live · Docker')
  await page.keyboard.press('d')
  await expect(page.locator('[data-demo="image-layers"]')).toBeFocused()
  await page.keyboard.press('Enter') // the first demo: image layers
  await page.keyboard.press('ArrowRight')
  await expect(page.getByTestId('presenter-revealed').getByRole('heading').first()).toHaveText(/^Step 1:/, { timeout: 45_000 })
  // A key pressed while a step runs is not queued: one press, one step.
  await page.keyboard.press('ArrowRight')
  await expect(page.getByTestId('presenter-revealed').getByRole('heading').first()).toHaveText(/^Step 2:/, { timeout: 45_000 })
  expect(await demoContainers('image-layers')).toBe(1)
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('presenter')).toHaveCount(0)
  await expect.poll(() => demoContainers('image-layers')).toBe(0)
})
