// `npm start` (after the build): launch the app in Electron, downloading Electron's binary on
// first use; where that is impossible, say so plainly and point to the ways that need no Electron.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const electronDir = dirname(require.resolve('electron/package.json'))

/** The installed Electron executable, without triggering a download (unlike require('electron')). */
function installedBinary() {
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const relative = readFileSync(pathFile, 'utf8').trim()
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(electronDir, 'dist')
  const binary = join(dist, relative)
  return existsSync(binary) ? binary : null
}

let binary = installedBinary()
let reason = 'it is not installed'
if (binary === null) {
  process.stderr.write('Glasshouse: fetching Electron (first start only)…\n')
  const download = spawnSync(process.execPath, [join(electronDir, 'install.js')], { encoding: 'utf8', timeout: 10 * 60_000 })
  binary = installedBinary()
  const lines = `${download.stderr ?? ''}\n${download.stdout ?? ''}`.split('\n').map((l) => l.trim())
  reason = lines.find((l) => /error|fail|ENOTFOUND|EAI_AGAIN/i.test(l)) ?? `the download exited with ${download.status}`
}

if (binary === null) {
  process.stderr.write(
    `Glasshouse: the desktop app needs Electron's binary, which is not here and could not be downloaded\n` +
      `(${reason}).\n\n` +
      'Everything Glasshouse shows is available without it:\n' +
      '  npx glasshouse serve             # the same app in a browser: open the address it prints\n' +
      '                                   # (headless host: ssh -L 8080:127.0.0.1:PORT host, then use port 8080)\n' +
      '  npx glasshouse snapshot          # every container, as text\n' +
      '  npx glasshouse snapshot --json   # the whole snapshot as JSON\n'
  )
  process.exit(1)
}

if (process.getuid?.() === 0) {
  process.stderr.write('Glasshouse: note: Chromium refuses to start as root with its sandbox on; run npm start as a normal user.\n')
}
const child = spawn(binary, ['.'], { stdio: 'inherit' })
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
