// electronegativity over the Electron sources: no unexplained HIGH or MEDIUM finding in main/,
// and the gate really fails on an unsafe app and honours (only) well-formed annotations.
// The tool lives in tools/security with its own lockfile; it is installed here when missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const INSTALL_TIMEOUT = 240_000
let fixtures: string

function check(dir?: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', ['scripts/security-check.mjs', ...(dir ? [dir] : [])])
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (status) => resolve({ status, output }))
  })
}

const UNSAFE = `const { app, BrowserWindow } = require('electron')
app.whenReady().then(() => {
  // electronegativity-ok: AUXCLICK_JS_CHECK
  const win = new BrowserWindow({
    webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false }
  })
  win.loadURL('https://example.com')
})
`

const EXPLAINED = `// electronegativity-ok-global: CSP_GLOBAL_CHECK fixture for the gate's own test
// electronegativity-ok-global: LIMIT_NAVIGATION_GLOBAL_CHECK fixture for the gate's own test
// electronegativity-ok-global: PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK fixture for the gate's own test
const { app, BrowserWindow } = require('electron')
app.whenReady().then(() => {
  // electronegativity-ok: AUXCLICK_JS_CHECK fixture for the gate's own test
  const win = new BrowserWindow({
    // electronegativity-ok: CONTEXT_ISOLATION_JS_CHECK, SANDBOX_JS_CHECK fixture for the gate's own test
    webPreferences: { contextIsolation: false, sandbox: false }
  })
  win.loadFile('index.html')
})
`

beforeAll(() => {
  if (!existsSync('tools/security/node_modules/.bin/electronegativity')) {
    const install = spawnSync('npm', ['ci', '--prefix', 'tools/security', '--no-audit', '--no-fund'], { encoding: 'utf8' })
    if (install.status !== 0) throw new Error(`npm ci --prefix tools/security failed:\n${install.stderr}`)
  }
  fixtures = mkdtempSync(join(tmpdir(), 'glasshouse-security-'))
  for (const [name, source] of [
    ['unsafe', UNSAFE],
    ['explained', EXPLAINED]
  ] as const) {
    mkdirSync(join(fixtures, name))
    writeFileSync(join(fixtures, name, 'main.js'), source)
  }
}, INSTALL_TIMEOUT)

afterAll(() => rmSync(fixtures, { recursive: true, force: true }))

describe('security check (electronegativity)', () => {
  it('finds nothing unexplained in main/, and fails an unsafe app, and accepts explained findings', { timeout: 180_000 }, async () => {
    const [ours, unsafe, explained] = await Promise.all([check(), check(join(fixtures, 'unsafe')), check(join(fixtures, 'explained'))])

    expect(ours.output).toContain('security-check: ok (main;')
    expect(ours.status).toBe(0)

    expect(unsafe.status).toBe(1)
    for (const id of ['CONTEXT_ISOLATION_JS_CHECK HIGH', 'LIMIT_NAVIGATION_GLOBAL_CHECK HIGH', 'SANDBOX_JS_CHECK MEDIUM', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK MEDIUM']) {
      expect(unsafe.output).toContain(id)
    }
    // An annotation without a reason explains nothing.
    expect(unsafe.output).toContain('AUXCLICK_JS_CHECK MEDIUM')

    expect(explained.output).toContain('security-check: ok')
    expect(explained.output).toContain('(explained)')
    expect(explained.status).toBe(0)
  })
})
