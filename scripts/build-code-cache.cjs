// Writes the command line bundle's V8 code cache next to it (out/main/**/*.js.v8cache), at build time:
// `npm run build` runs it after electron-vite (postbuild). bin/code-cache.cjs reads it; nothing is written
// at run time. Each cache is made after a training run of the built command, so it holds the functions
// that run compiled, not only the top level (which saves a third as much). Commands that load different
// chunks are run one after the other; a chunk's cache comes from the last run that loaded it, so the
// snapshot with the daemon asked runs last. Where a run fails (no /proc on the build host), its files
// keep no cache and are compiled as usual.
'use strict'
const { spawnSync } = require('node:child_process')
const { readdirSync, rmSync, writeFileSync } = require('node:fs')
const { join, resolve } = require('node:path')
const { installCodeCache, CACHE_SUFFIX } = require('../bin/code-cache.cjs')

const OUT = resolve(__dirname, '..', 'out', 'main')
const TRAINING = [
  { args: ['watch', '--json', '--no-engine', '--count', '1', '--interval', '250ms'] },
  { args: ['--help'] },
  { args: ['snapshot', '--json', '--no-engine'] },
  // A socket that does not exist: dockerode's request path is compiled, no daemon is asked.
  { args: ['snapshot', '--json'], env: { DOCKER_HOST: 'unix:///nonexistent/glasshouse-code-cache.sock' } }
]

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]))
}

/** In a training run: load the CLI as the launcher does, and write each loaded file's cache when it exits. */
function train(args) {
  const compiled = []
  installCodeCache(OUT, (script, cacheFile) => compiled.push([script, cacheFile]))
  process.on('exit', () => {
    for (const [script, cacheFile] of compiled) writeFileSync(cacheFile, script.createCachedData())
  })
  process.argv = [process.argv[0], join(__dirname, '..', 'bin', 'glasshouse.cjs'), ...args]
  require(join(OUT, 'cli.js'))
}

function main() {
  for (const file of filesUnder(OUT)) if (file.endsWith(CACHE_SUFFIX)) rmSync(file)
  for (const { args, env } of TRAINING) {
    const run = spawnSync(process.execPath, [__filename, '--train', ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env }, timeout: 60_000 })
    if (run.error || run.signal) process.stderr.write(`code cache: \`glasshouse ${args.join(' ')}\` did not finish (${run.error?.message ?? run.signal}); its files keep no cache\n`)
  }
  const written = filesUnder(OUT).filter((f) => f.endsWith(CACHE_SUFFIX)).length
  process.stdout.write(`code cache: ${written} files in out/main\n`)
}

if (process.argv[2] === '--train') train(process.argv.slice(3))
else main()
