// `npm start` where Electron cannot run (here: no Electron binary, no display, and root): the
// real scripts/start-electron.mjs serves the app and prints an address that answers with its token.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, expect, it } from 'vitest'
import { assertBuilt, REPO_ROOT } from './support/cli'

const emptyDist = mkdtempSync(join(tmpdir(), 'gh-no-electron-'))
let start: ChildProcess | undefined
let stderr = ''

/** Stops the whole process group (the script and the serve it started), SIGKILL if it lingers. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return
  const exited = new Promise((r) => child.once('exit', r))
  process.kill(-child.pid, 'SIGTERM')
  const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 10_000)
  await exited
  clearTimeout(timer)
}

afterAll(async () => {
  if (start) await stopGroup(start)
  rmSync(emptyDist, { recursive: true, force: true })
}, 20_000)

it('no Electron binary and no display: serves the app and prints its address instead of failing', async () => {
  assertBuilt()
  const { DISPLAY: _x11, WAYLAND_DISPLAY: _wayland, ...env } = process.env
  start = spawn(process.execPath, ['scripts/start-electron.mjs'], {
    cwd: REPO_ROOT,
    // An empty Electron dist: the binary is absent whatever is installed; and never a download in a test.
    env: { ...env, ELECTRON_OVERRIDE_DIST_PATH: emptyDist, GLASSHOUSE_SKIP_ELECTRON_DOWNLOAD: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true
  })
  start.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const firstLine = new Promise<string>((resolve, reject) => {
    createInterface({ input: start!.stdout! }).once('line', resolve)
    start!.once('exit', (code) => reject(new Error(`start-electron.mjs exited (${code}) before printing an address:\n${stderr}`)))
  })
  const url = await firstLine
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=\S+$/)

  const page = await fetch(url)
  expect(page.status).toBe(200)
  expect(page.headers.get('content-type')).toMatch(/^text\/html/)
  // The page holds no secret; the token is what opens the data: a request without it is refused.
  const token = new URLSearchParams(new URL(url).hash.slice(1)).get('token') ?? ''
  const info = (authorization?: string): Promise<Response> =>
    fetch(new URL(url).origin + '/api/invoke/app:info', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
      body: JSON.stringify({ args: [] })
    })
  expect((await info(`Bearer ${token}`)).status).toBe(200)
  expect((await info()).status).toBe(401)

  // Said why (root first on this machine, else the missing binary), and that there is no display.
  expect(stderr).toMatch(/Glasshouse: not starting the desktop app: (running as root|Electron's binary is not installed)/)
  expect(stderr).toContain('no display (neither DISPLAY nor WAYLAND_DISPLAY is set): open the address above')
  // The token goes to stdout only.
  expect(stderr).not.toContain(token)

  await stopGroup(start)
  await expect(fetch(url)).rejects.toThrow()
}, 60_000)
