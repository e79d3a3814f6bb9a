// `npm start` where Electron cannot run, on a desktop: the real scripts/start-electron.mjs serves
// the app and hands the default browser a page that leads to it. xdg-open is the one stand-in
// (this host has no display): a script that records what it was asked to open. Chromium then
// opens that page and must land in the app, token included, though the token was never on a
// command line.
import { spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { expect, test } from '@playwright/test'
import { REPO_ROOT } from '../integration/support/cli'

const scratch = mkdtempSync(join(tmpdir(), 'gh-start-open-'))
const opened = join(scratch, 'opened.txt')
let start: ChildProcess | undefined

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return
  const exited = new Promise((r) => child.once('exit', r))
  process.kill(-child.pid, 'SIGTERM')
  const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 10_000)
  await exited
  clearTimeout(timer)
}

test.afterAll(async () => {
  if (start) await stopGroup(start)
  rmSync(scratch, { recursive: true, force: true })
})

test('with a display: the default browser is given a private page that opens the app', async ({ page }) => {
  const bin = join(scratch, 'bin')
  mkdirSync(bin)
  writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > ${opened}\n`)
  chmodSync(join(bin, 'xdg-open'), 0o755)
  const emptyDist = mkdtempSync(join(scratch, 'no-electron-'))
  start = spawn(process.execPath, ['scripts/start-electron.mjs'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      DISPLAY: ':97',
      ELECTRON_OVERRIDE_DIST_PATH: emptyDist,
      GLASSHOUSE_SKIP_ELECTRON_DOWNLOAD: '1'
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true
  })
  let stderr = ''
  start.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: start!.stdout! }).once('line', resolve)
    start!.once('exit', (code) => reject(new Error(`start-electron.mjs exited (${code}):\n${stderr}`)))
  })
  const token = new URLSearchParams(new URL(url).hash.slice(1)).get('token') ?? ''
  expect(token).not.toBe('')

  await expect.poll(() => existsSync(opened), { timeout: 10_000 }).toBe(true)
  const [target, ...rest] = readFileSync(opened, 'utf8').trim().split('\n')
  expect(rest).toEqual([])
  expect(target).toMatch(/^file:\/\/\/.*\/open\.html$/)
  expect(target).not.toContain(token)
  const pageFile = fileURLToPath(target!)
  expect(statSync(pageFile).mode & 0o777).toBe(0o600)
  await expect.poll(() => stderr).toContain('opening the app in your default browser (xdg-open)')

  await page.goto(target!)
  // The app takes the token out of the address bar once it has it.
  await page.waitForURL(new URL(url).origin + '/')
  await expect(page.locator('footer.status-line')).toBeVisible()

  await stopGroup(start)
  // The page with the token goes when serve stops.
  expect(existsSync(pageFile)).toBe(false)
})
