// `npm start` (after the build): launch the app in Electron, downloading Electron's binary on
// first use. Where Electron cannot run (as root, or its binary is absent and cannot be fetched),
// the same app is served by `glasshouse serve` and opened in the default browser, or its address
// is printed when there is no display. See start-plan.mjs for the decisions.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { browserOpener, planStart, redirectPage } from './start-plan.mjs'

const require = createRequire(import.meta.url)
const electronDir = dirname(require.resolve('electron/package.json'))
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const say = (text) => process.stderr.write(`Glasshouse: ${text}\n`)

/** The installed Electron executable, without triggering a download (unlike require('electron')). */
function installedBinary() {
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const relative = readFileSync(pathFile, 'utf8').trim()
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(electronDir, 'dist')
  const binary = join(dist, relative)
  return existsSync(binary) ? binary : null
}

/** Runs Electron's own installer; returns why it failed (only read when the binary is still absent). */
function downloadElectron() {
  say('fetching Electron (first start only)…')
  const download = spawnSync(process.execPath, [join(electronDir, 'install.js')], { encoding: 'utf8', timeout: 10 * 60_000 })
  const lines = `${download.stderr ?? ''}\n${download.stdout ?? ''}`.split('\n').map((l) => l.trim())
  return lines.find((l) => /error|fail|ENOTFOUND|EAI_AGAIN/i.test(l)) ?? `the download exited with ${download.status}`
}

const plan = planStart({ uid: process.getuid?.(), env: process.env, findBinary: installedBinary, download: downloadElectron })

if (plan.kind === 'electron') {
  const child = spawn(plan.binary, ['.'], { stdio: 'inherit', cwd: repoRoot })
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
} else {
  say(`not starting the desktop app: ${plan.reason}.`)
  say('serving the same app to a browser instead (glasshouse serve; Ctrl-C stops it).')
  serveToBrowser()
}

function serveToBrowser() {
  const serve = spawn(process.execPath, [join(repoRoot, 'bin', 'glasshouse.cjs'), 'serve'], { stdio: ['ignore', 'pipe', 'inherit'] })
  let pageDir = null
  const cleanUp = () => {
    if (pageDir) rmSync(pageDir, { recursive: true, force: true })
    pageDir = null
  }
  // Ctrl-C reaches serve as well (same process group) and it stops cleanly; a signal sent to us
  // alone is passed on after a moment (passed on at once, serve would take it as a second Ctrl-C).
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => setTimeout(() => serve.exitCode === null && serve.kill(signal), 1000).unref())
  }
  serve.on('exit', (code, signal) => {
    cleanUp()
    process.exit(code ?? (signal ? 1 : 0))
  })
  const lines = createInterface({ input: serve.stdout })
  lines.once('line', (url) => {
    // The address carries the access token: stdout, like serve itself, and never a log line.
    process.stdout.write(`${url}\n`)
    const choice = browserOpener(process.platform, process.env)
    if (choice.opener === null) {
      say(`${choice.reason}: open the address above in a browser on this machine`)
      say('(from another machine: ssh -L 8080:127.0.0.1:PORT this-host, then use port 8080 in the address).')
      return
    }
    pageDir = mkdtempSync(join(tmpdir(), 'glasshouse-open-'))
    const page = join(pageDir, 'open.html')
    writeFileSync(page, redirectPage(url), { mode: 0o600 })
    const opener = spawn(choice.opener.command, choice.opener.args(pathToFileURL(page).href), { stdio: 'ignore', detached: true })
    opener.on('error', (error) => say(`could not open a browser (${choice.opener.command}: ${error.message}): open the address above`))
    opener.unref()
    say(`opening the app in your default browser (${choice.opener.command}).`)
  })
}
