#!/usr/bin/env bash
# Proves the packaging configuration without Electron's binary (which cannot be downloaded here):
# electron-builder packs an unpacked (--dir) Linux app around a STUB Electron distribution, then
# this script checks what landed in app.asar, that the fuses were flipped in the "binary", and that
# the packaged bundle (extracted, same paths) serves the shipped demo recording.
# The result is not runnable. Output goes to dist-smoke/ (git-ignored). See toolchain.md §4.
#   usage: scripts/pack-smoke.sh [config.yml [output-dir]]
set -euo pipefail
cd "$(dirname "$0")/.."

config="${1:-electron-builder.yml}"
out="${2:-dist-smoke/pack}"
stub="$out/electron-stub"
rm -rf "$out"
mkdir -p "$stub/resources"

if [ ! -f out/main/index.js ] || [ ! -f out/preload/index.js ] || [ ! -f out/renderer/index.html ]; then
  echo "pack-smoke: building first (out/ is incomplete)"
  npx electron-vite build >/dev/null
fi

# The stub: a shell script standing in for the Electron executable. It carries a fuse wire
# (the sentinel, version 1, 8 fuses) set to Electron's defaults, so electron-builder can flip the
# fuses in it exactly as it would in the real binary, and we can read them back.
electron_version=$(node -p "require('electron/package.json').version")
{
  printf '#!/bin/sh\necho "stub Electron: not runnable" >&2\nexit 1\n# '
  printf 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX\001\010'
  printf '10110001\n'
} >"$stub/electron"
chmod +x "$stub/electron"
printf 'MIT (stub for a packaging test)\n' >"$stub/LICENSE"
printf '%s' "$electron_version" >"$stub/version"

npx electron-builder --linux --dir --publish never --config "$config" \
  -c.electronDist="$PWD/$stub" \
  -c.directories.output="$out" >"$out/electron-builder.log" 2>&1 || {
  cat "$out/electron-builder.log" >&2
  echo "pack-smoke: electron-builder failed" >&2
  exit 1
}

node - "$out/linux-unpacked" <<'NODE'
const { existsSync, readFileSync } = require('node:fs')
const { join } = require('node:path')
const asar = require('@electron/asar')
const dir = process.argv[2]
const archive = join(dir, 'resources', 'app.asar')
const problems = []
if (!existsSync(archive)) {
  console.error(`pack-smoke: ${archive} is missing`)
  process.exit(1)
}
const files = new Set(asar.listPackage(archive, {}).map((f) => f.replace(/\\/g, '/')))
const has = (path) => files.has(path)
const under = (prefix) => [...files].some((f) => f === prefix || f.startsWith(prefix + '/'))

for (const path of ['/package.json', '/out/main/index.js', '/out/main/cli.js', '/out/preload/index.js', '/out/renderer/index.html']) {
  if (!has(path)) problems.push(`missing ${path}`)
}
// Everything under assets/recordings ships (the app reads recordings from there at run time).
const { readdirSync, statSync } = require('node:fs')
const shipped = (dir) => (existsSync(dir) ? readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? shipped(join(dir, n)) : [join(dir, n)])) : [])
for (const file of shipped('assets/recordings')) {
  if (!has(`/${file}`)) problems.push(`recording file missing: /${file}`)
}
const pkg = JSON.parse(readFileSync('package.json', 'utf8'))
for (const dep of Object.keys(pkg.dependencies ?? {})) {
  if (!has(`/node_modules/${dep}/package.json`)) problems.push(`production dependency ${dep} is missing`)
}
// A devDependency may legitimately ship when a production dependency needs it too (protobufjs
// depends on @types/node); every other one must stay out.
const production = new Set()
const walk = (node) => {
  for (const [name, child] of Object.entries(node.dependencies ?? {})) {
    // npm prints a deduplicated package once with its dependencies, elsewhere without them.
    production.add(name)
    walk(child)
  }
}
// Asked where node_modules really is: in a git worktree whose node_modules is a symlink to
// another checkout, npm ls here would call every installed package extraneous or missing.
const installed = require('node:path').dirname(require('node:fs').realpathSync('node_modules'))
walk(JSON.parse(require('node:child_process').execFileSync('npm', ['ls', '--omit=dev', '--all', '--json'], { cwd: installed, encoding: 'utf8', maxBuffer: 64 << 20 })))
for (const dep of Object.keys(pkg.devDependencies ?? {})) {
  if (!production.has(dep) && under(`/node_modules/${dep}`)) problems.push(`devDependency ${dep} was packaged`)
}
for (const dep of ['react', 'react-dom', 'vitest', 'electron', 'vite', 'd3', 'zustand', 'typescript']) {
  if (under(`/node_modules/${dep}`)) problems.push(`${dep} was packaged`)
}
for (const prefix of ['/main', '/renderer', '/shared', '/test', '/scripts', '/bin', '/tools', '/node_modules/cpu-features', '/node_modules/ssh2/lib/protocol/crypto/build']) {
  if (under(prefix)) problems.push(`${prefix} must not be packaged`)
}
// Node-API addons are ABI-stable: one file loads in Node and in Electron (koffi, which reads live seccomp
// filters). They must sit outside the archive: a .node cannot be loaded from inside app.asar.
const NODE_API_ADDONS = ['/node_modules/@koromix/koffi-']
for (const f of files) {
  if (f.endsWith('.map')) problems.push(`source map packaged: ${f}`)
  if (!f.endsWith('.node')) continue
  if (!NODE_API_ADDONS.some((prefix) => f.startsWith(prefix))) problems.push(`native addon packaged (wrong ABI for Electron): ${f}`)
  else if (!existsSync(join(dir, 'resources', 'app.asar.unpacked', f))) problems.push(`Node-API addon left inside app.asar: ${f}`)
}

// The fuses, read back from the stub "binary" electron-builder flipped (0 off, 1 on).
const binary = readFileSync(join(dir, pkg.name === 'glasshouse' ? 'glasshouse' : pkg.name))
const at = binary.indexOf('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX') + 32
const wire = binary.subarray(at + 2, at + 2 + binary[at + 1]).toString('latin1')
const expected = {
  runAsNode: '0',
  enableCookieEncryption: '1',
  enableNodeOptionsEnvironmentVariable: '0',
  enableNodeCliInspectArguments: '0',
  enableEmbeddedAsarIntegrityValidation: '1',
  onlyLoadAppFromAsar: '1',
  loadBrowserProcessSpecificV8Snapshot: '0',
  grantFileProtocolExtraPrivileges: '1'
}
Object.values(expected).forEach((value, i) => {
  if (wire[i] !== value) problems.push(`fuse ${Object.keys(expected)[i]} is ${wire[i]}, expected ${value}`)
})

// The recordings are found by walking up from the code to the package.json named glasshouse
// (main/backend/app-root.ts): inside app.asar that is its own /package.json.
const packagedName = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8')).name
if (packagedName !== 'glasshouse') problems.push(`app.asar's package.json is named ${packagedName}, not glasshouse`)

// And they load: the packaged bundle, extracted to the same paths (…/resources/app.asar/…, since
// only Electron reads an archive in place), runs `serve`, which must answer recording:open demo.
async function servedDemo() {
  const { mkdirSync } = require('node:fs')
  const { spawn } = require('node:child_process')
  const copy = join(dir, '..', 'asar-check', 'resources', 'app.asar')
  mkdirSync(copy, { recursive: true })
  asar.extractAll(archive, copy)
  const env = { ...process.env, DOCKER_HOST: `unix://${join(dir, '..', 'no-docker.sock')}` }
  const child = spawn(process.execPath, [join(copy, 'out', 'main', 'cli.js'), 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let errors = ''
  child.stderr.on('data', (c) => (errors += c))
  try {
    const url = await new Promise((resolve, reject) => {
      let out = ''
      const timer = setTimeout(() => reject(new Error(`serve printed no address in 20 s: ${errors}`)), 20000)
      child.stdout.on('data', (c) => {
        out += c
        const line = out.split('\n').find((l) => l.startsWith('http://'))
        if (line) resolve(new URL(line.trim()), clearTimeout(timer))
      })
      child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${errors}`)))
    })
    const invoke = async (channel, ...args) => {
      const response = await fetch(`${url.origin}/api/invoke/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${new URLSearchParams(url.hash.slice(1)).get('token')}` },
        body: JSON.stringify({ args })
      })
      return response.json()
    }
    const list = await invoke('recording:list')
    if (!list.ok || !list.value.some((r) => r.name === 'demo')) return `recording:list from the packaged bundle answered ${JSON.stringify(list).slice(0, 200)}`
    const demo = await invoke('recording:open', 'demo')
    if (!demo.ok || demo.value.messages?.[0]?.type !== 'snapshot') return `recording:open demo from the packaged bundle answered ${JSON.stringify(demo).slice(0, 200)}`
    return null
  } catch (error) {
    return `the packaged bundle's serve failed: ${error.message}`
  } finally {
    child.kill('SIGINT')
  }
}

servedDemo().then((problem) => {
  if (problem) problems.push(problem)
  if (problems.length > 0) {
    console.error(`pack-smoke: ${archive}\n  - ${problems.join('\n  - ')}`)
    process.exit(1)
  }
  console.log('pack-smoke: the demo recording opens from the packaged bundle (recording:open demo)')
  console.log(`pack-smoke: ok (${files.size} entries in app.asar; fuses ${wire})`)
})
NODE
